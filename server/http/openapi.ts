import { OpenAPIHono, z, type Hook, type RouteConfig } from "@hono/zod-openapi";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./env";
import { ApiError, notFound, zodIssues } from "./errors";

/**
 * Every REST route is declared once with `createRoute` (its path, its zod schemas for params,
 * query and body, its answers): the declaration validates the request, types the handler, types
 * the PWA's calls (`web/src/data/routes.ts`) and writes `GET /api/openapi.json`.
 */

/**
 * Validation failures keep the API's one error shape: a path parameter that cannot name a record
 * is a 404 like an unknown record (ids leak nothing), anything else a 400 naming each field.
 */
const rejectInvalid: Hook<unknown, AppEnv, string, unknown> = (result) => {
  if (result.success) return;
  if (result.target === "param") throw notFound();
  throw new ApiError(400, "validation_failed", "The request is not valid", zodIssues(result.error as z.ZodError));
};

/**
 * A router whose `openapi(route, handler)` validates with the API's error shape. A route that
 * declares a JSON body reads it as JSON whatever its label, after the route's own middleware
 * (so a role check answers before the body is judged) and after its path parameters are known
 * to name something; other bodies (photo bytes) are the
 * handler's to read.
 */
export function apiRouter() {
  const router = new OpenAPIHono<AppEnv>({ defaultHook: rejectInvalid });
  const declare = router.openapi;
  router.openapi = ((route: RouteConfig, handler: never, hook?: never) => {
    if (!route.request?.body?.content["application/json"]) return declare(route, handler, hook);
    const own = route.middleware === undefined ? [] : Array.isArray(route.middleware) ? route.middleware : [route.middleware];
    const params = route.request.params;
    // An id that names nothing is a 404 whatever the body holds, as it is for reads.
    const knownParams = params ? [createMiddleware(async (c, next) => (params.safeParse(c.req.param()).success ? next() : Promise.reject(notFound())))] : [];
    return declare({ ...route, middleware: [...own, ...knownParams, readJson] }, handler, hook);
  }) as typeof router.openapi;
  return router;
}

/**
 * Reads the body as JSON whatever content type it is labelled with (curl's `-d` labels JSON as a
 * form): malformed JSON is a 400 `invalid_json`, and the request is relabelled so the declared
 * JSON body validator reads it. Cross-site form posts are stopped by the origin check, not here.
 */
const readJson = createMiddleware(async (c, next) => {
  const text = await c.req.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ApiError(400, "invalid_json", "The request body is not valid JSON");
  }
  const headers = new Headers(c.req.raw.headers);
  headers.set("content-type", "application/json");
  c.req.raw = new Request(c.req.raw.url, { method: c.req.method, headers, body: text });
  c.req.bodyCache.json = Promise.resolve(parsed);
  await next();
});

/** A route's required JSON body (`request: { body: jsonBody(schema) }`). */
export const jsonBody = <S extends z.ZodType>(schema: S, description?: string) =>
  ({ required: true, content: { "application/json": { schema } }, ...(description ? { description } : {}) }) as const;

/** The one error shape, as the document states it. */
export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ example: "validation_failed" }),
      message: z.string(),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ id: "Error" });

const ERROR_TEXT = {
  400: "Malformed JSON (`invalid_json`), a request that is not valid (`validation_failed`, with `issues`) or another client mistake",
  401: "Not logged in (`unauthenticated`)",
  403: "The role may not do this (`forbidden`), or a cross-site write (`cross_origin`)",
  404: "No such record, or one of another organisation (`not_found`)",
  409: "The record's state forbids this (`conflict`, `locked`, `own_proposal`, `invite_issuer_not_admin`, …)",
  410: "A one-time link that was used already or has expired (`link_used`, `link_expired`, `link_withdrawn`)",
  413: "The body is too large (`payload_too_large`)",
  415: "The body's media type is not accepted (`unsupported_media_type`)",
  429: "Too many attempts (`too_many_attempts`), with Retry-After",
  503: "The database does not answer (`database_unavailable`), cannot be written (`database_read_only`, `database_full`, `database_busy`) or failed its integrity check (`database_corrupt`)",
} as const;

type ErrorStatus = keyof typeof ERROR_TEXT;

/** The error answers a route can give, in the one shape. */
export function errors<const S extends readonly ErrorStatus[]>(...statuses: S) {
  return Object.fromEntries(
    statuses.map((status) => [status, { description: ERROR_TEXT[status], content: { "application/json": { schema: ErrorBody } } }]),
  ) as { [K in S[number]]: { description: string; content: { "application/json": { schema: typeof ErrorBody } } } };
}

/** A JSON answer of a route. */
export const json = <S extends z.ZodType>(schema: S, description: string) => ({ description, content: { "application/json": { schema } } }) as const;

/** Errors every organisation route can give: not logged in, not a member (404), and a client mistake. */
export const ORG_ERRORS = [400, 401, 404] as const;
