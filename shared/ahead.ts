/**
 * What the page of an organisation's member asks the server for as it starts, besides the
 * device's pull (web/src/data/ahead.ts): the organisation's members and its settings. The server
 * names both in that page (server/http/shell-page.ts), so a phone fetches them beside the shell's
 * code and the page's own requests are answered from there, rather than sent once the shell has
 * downloaded and run: on slow 4G, a round trip after the code instead of none.
 */
export function aheadPaths(orgId: string): readonly string[] {
  return [`/api/orgs/${orgId}/members`, `/api/orgs/${orgId}`];
}
