import { createSignal, type Accessor } from "solid-js";
import { separationEnforced } from "../../shared/permissions";
import { orgPath } from "./api";
import { useApp, useOrg } from "./context";
import { browserStore } from "./storage";

const key = (orgId: string) => `chefsache.separationOfDuties.${orgId}`;

/**
 * Whether the organisation separates duties (nobody approves what they proposed), as the server
 * decides it: asked once when online and kept on this device. On until known otherwise, which is
 * the default and the safe side: a screen never offers an approval the server would refuse.
 */
export function useSeparationOfDuties(): Accessor<boolean> {
  const { api, session } = useApp();
  const orgId = useOrg()().orgId;
  const storage = browserStore();
  const [enforced, setEnforced] = createSignal(storage.get(key(orgId)) !== "off");
  if (session.online()) {
    api
      .get<{ separationOfDuties?: unknown; adminCount?: unknown }>(orgPath(orgId, ""))
      .then((org) => {
        if (typeof org.separationOfDuties !== "boolean" || typeof org.adminCount !== "number") return;
        const on = separationEnforced(org.separationOfDuties, org.adminCount);
        storage.set(key(orgId), on ? "on" : "off");
        setEnforced(on);
      })
      .catch(() => undefined); // offline or refused: what this device knew stands
  }
  return enforced;
}
