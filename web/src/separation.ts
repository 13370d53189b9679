import type { Accessor } from "solid-js";
import { separationEnforced } from "../../shared/permissions";
import { useOrgSetting } from "./data/org-setting";

/**
 * Whether the organisation separates duties (nobody approves what they proposed), as the server
 * decides it. On until known otherwise, which is the default and the safe side: a screen never
 * offers an approval the server would refuse.
 */
export function useSeparationOfDuties(): Accessor<boolean> {
  return useOrgSetting({
    storageKey: (orgId) => `chefsache.separationOfDuties.${orgId}`,
    fromOrg: (org) => (typeof org.separationOfDuties === "boolean" && typeof org.adminCount === "number" ? separationEnforced(org.separationOfDuties, org.adminCount) : undefined),
    parse: (stored) => stored !== "off",
    format: (on) => (on ? "on" : "off"),
  });
}
