import type { Role } from "../../../shared/roles";
import type { LoginResponse } from "../../../shared/schemas/auth";
import type { PulledChange } from "../../../shared/sync/protocol";

/**
 * The one fake API the screen tests run the app against: it signs one person in to one
 * organisation and answers sync as the real server does (pull hands out `changes`, push applies
 * everything), the members list, and whatever else a test adds with `route`.
 */

export const ORG = "o1";
const CLOCK = "2026-03-01T10:00:00.000Z-0000-server";
const AT = "2026-03-01T10:00:00.000Z";

export const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });
export const notFound = () => json(404, { error: { code: "not_found", message: "Not found" } });

/** Who is signed in: one membership of ORG; by default `u-<role>`, "Person <role>". */
export function signedIn(role: Role, user: { id?: string; name?: string; email?: string } = {}): LoginResponse {
  return {
    user: { id: user.id ?? `u-${role}`, email: user.email ?? `${role}@example.com`, name: user.name ?? `Person ${role}` },
    memberships: [{ orgId: ORG, orgName: "Demo Retail", role }],
  };
}

/**
 * A record as pull sends it, every given field with its clock. A synced record (one with an
 * author) also carries who wrote it and when; an organisation setting does not.
 */
export function pulled(entity: PulledChange["entity"], entityId: string, fields: Record<string, unknown>, authorId?: string): PulledChange {
  const clocks = Object.fromEntries(Object.keys(fields).map((name) => [name, CLOCK]));
  const meta = authorId ? { authorId, createdAt: AT, updatedAt: AT } : {};
  return { entity, entityId, deleted: false, fields: { ...fields, ...meta }, clocks, deletedAt: null };
}

export interface FakeRequest {
  method: string;
  /** The path without its query. */
  path: string;
  /** The parsed JSON body, if any. */
  body: unknown;
}

export interface FakeServerOptions {
  /** Who /api/me says is signed in; null: nobody (401). */
  me: LoginResponse | null;
  /** What pull hands out. */
  changes?: PulledChange[];
  members?: { userId: string; name: string; email: string; role: Role }[];
  /** Answers a request first; undefined leaves it to the defaults (and then 404). */
  route?: (request: FakeRequest) => Response | undefined;
}

export interface FakeServer {
  fetch: typeof fetch;
  /** Every request, as "METHOD /path", in order. */
  requests: string[];
  /** Every mutation pushed, in order. */
  pushed: { id: string }[];
  /** What the next pull hands out; a test may replace it. */
  changes: PulledChange[];
}

export function fakeServer(options: FakeServerOptions): FakeServer {
  const api = `/api/orgs/${ORG}`;
  const server: FakeServer = {
    requests: [],
    pushed: [],
    changes: options.changes ?? [],
    fetch: async (url, init) => {
      const method = init?.method ?? "GET";
      const path = String(url).split("?")[0]!;
      server.requests.push(`${method} ${path}`);
      const body: unknown = typeof init?.body === "string" ? JSON.parse(init.body) : undefined;
      const answer = options.route?.({ method, path, body });
      if (answer) return answer;
      if (path === "/api/me") return options.me ? json(200, options.me) : json(401, { error: { code: "unauthenticated", message: "Log in first" } });
      if (path === `${api}/members`) return json(200, { members: options.members ?? [] });
      if (path === `${api}/sync/pull`) return json(200, { changes: server.changes, cursor: "v1.1", hasMore: false });
      if (path === `${api}/sync/push`) {
        const { mutations } = body as { mutations: { id: string }[] };
        server.pushed.push(...mutations);
        return json(200, { results: mutations.map((m) => ({ id: m.id, status: "applied" })), cursor: "v1.1" });
      }
      return notFound();
    },
  };
  return server;
}
