import type { Accessor } from "solid-js";
import { useApp, useOrg } from "../context";
import type { Api } from "./api";
import { createRemote, sharedRequest, textCache } from "./remote";
import type { OutputOf } from "./routes";

/** GET /api/orgs/:orgId as the server declares it. */
export type Organisation = OutputOf<"get", "/orgs/:orgId">;

/** A screen opening just after the page asked (ahead.ts) takes that answer rather than asking again. */
const ORGANISATION_FRESH_MS = 5_000;

/** GET /api/orgs/:orgId, shared by the settings asked at the same moment and for a few seconds after. */
export function askOrganisation(api: Api, orgId: string) {
  return sharedRequest(`org ${orgId}`, () => api.call("get", "/orgs/:orgId", { param: { orgId } }), ORGANISATION_FRESH_MS);
}

/** The server's answer does not carry the setting (or not a valid one): what the device knew stands. */
class NotInAnswer extends Error {}

/**
 * One of the organisation's settings as this device knows it: kept in localStorage under
 * `storageKey`, so it holds offline, and asked of the server whenever a screen opens online
 * (one GET /api/orgs/:orgId for all the settings asked at the same moment).
 * `fromOrg` reads it from the server's answer (undefined: not there or not valid).
 */
export function useOrgSetting<T>(spec: {
  storageKey: (orgId: string) => string;
  fromOrg: (org: Organisation) => T | undefined;
  parse: (stored: string | null) => T;
  format: (value: T) => string;
}): Accessor<T> {
  const { api, session } = useApp();
  const org = useOrg();
  const remote = createRemote(
    () => org().orgId,
    async (orgId) => {
      const known = spec.fromOrg(await askOrganisation(api, orgId));
      if (known === undefined) throw new NotInAnswer();
      return known;
    },
    { cache: textCache(spec.storageKey, spec.parse, spec.format), ask: session.online },
  );
  return () => remote.value() ?? spec.parse(null);
}
