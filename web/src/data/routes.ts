import type { SuccessStatusCode } from "hono/utils/http-status";
import type { ExtractSchema } from "hono/types";
import type { ApiRoutes } from "../../../server/app";

/**
 * The API as the server declares it (server/routes/**, one `createRoute` each), as types only:
 * the PWA's calls are checked against the same declarations that validate them on the server,
 * and nothing of the server reaches the bundle.
 */
type Schema = ExtractSchema<ApiRoutes>;

export type Method = "get" | "post" | "put" | "patch" | "delete";

/** Every declared route as one union member, so a lookup is an `Extract`, not a nested index. */
type Route = {
  [P in keyof Schema & string]: { [K in keyof Schema[P] & string]: { path: P; method: K; endpoint: Schema[P][K] } }[keyof Schema[P] & string];
}[keyof Schema & string];

/** The API paths (below `/api`) that answer `method`, e.g. `/orgs/:orgId/members`. */
export type PathOf<M extends Method> = Extract<Route, { method: `$${M}` }>["path"];

type Endpoint<M extends Method, P extends string> = Extract<Route, { method: `$${M}`; path: P }>["endpoint"];

/** What a call sends: `param` for the path, `query`, `json` for the body, as declared. */
export type InputOf<M extends Method, P extends string> = Endpoint<M, P> extends { input: infer I } ? I : never;

/** The body of a successful answer (undefined for a 204). */
export type OutputOf<M extends Method, P extends string> =
  Extract<Endpoint<M, P>, { status: SuccessStatusCode }> extends infer E ? (E extends { status: 204 } ? undefined : E extends { output: infer O } ? O : never) : never;
