import type { LoginResponse } from "./schemas/auth";

/**
 * The organisation of a page's address (`/o/<id>/…`) when the session is one of its members, else
 * null: the page pulls and asks ahead for it (web/src/main.tsx), and the server preloads what it
 * asks (server/http/shell-page.ts). The id is the membership's, never the address's own text.
 */
export function memberOrgOf(pathname: string, session: LoginResponse): string | null {
  const inPath = /^\/o\/([^/]+)/.exec(pathname)?.[1];
  return session.memberships.find((m) => m.orgId === inPath)?.orgId ?? null;
}

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
