import type { Api } from "./api";
import { askMembers } from "./members";
import { askOrganisation } from "./org-setting";

/**
 * What most screens of an organisation ask the server for besides the device's pull: its members
 * (owners' and authors' names) and its settings (separation of duties, a case's defaults). Asked
 * once the page of someone logged in has drawn its first frame, while the screen's code is on its
 * way, the answers are there or coming when the screen asks (both are shared requests). The
 * server's page preloads the same (shared/ahead.ts), so these are answered from what the browser
 * fetched beside the shell. Every member may read both.
 */
export function askAhead(api: Api, orgId: string): void {
  // A failure is the screen's to meet: it asks again and keeps what the device knew.
  void askMembers(api, orgId).catch(() => undefined);
  void askOrganisation(api, orgId).catch(() => undefined);
}
