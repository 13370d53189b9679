import { createSignal, type Accessor } from "solid-js";
import { orgPath, type Api } from "./api";
import { useApp, useOrg } from "../context";
import { browserStore } from "./storage";

const inFlight = new Map<string, Promise<Record<string, unknown>>>();

/** GET /api/orgs/:orgId, shared by the screens that ask at the same moment (one request, not one each). */
function fetchOrganisation(api: Api, orgId: string): Promise<Record<string, unknown>> {
  let request = inFlight.get(orgId);
  if (!request) {
    request = api.get<Record<string, unknown>>(orgPath(orgId, "")).finally(() => inFlight.delete(orgId));
    inFlight.set(orgId, request);
  }
  return request;
}

/**
 * One of the organisation's settings as this device knows it: kept in localStorage under
 * `storageKey`, so it holds offline, and asked of the server whenever a screen opens online.
 * `fromOrg` reads it from the server's answer (undefined: not there or not valid).
 */
export function useOrgSetting<T>(spec: {
  storageKey: (orgId: string) => string;
  fromOrg: (org: Record<string, unknown>) => T | undefined;
  parse: (stored: string | null) => T;
  format: (value: T) => string;
}): Accessor<T> {
  const { api, session } = useApp();
  const orgId = useOrg()().orgId;
  const storage = browserStore();
  const [value, setValue] = createSignal<T>(spec.parse(storage.get(spec.storageKey(orgId))));
  if (session.online()) {
    fetchOrganisation(api, orgId)
      .then((org) => {
        const known = spec.fromOrg(org);
        if (known === undefined) return;
        storage.set(spec.storageKey(orgId), spec.format(known));
        setValue(() => known);
      })
      .catch(() => undefined); // offline or refused: what this device knew stands
  }
  return value;
}
