import type { OpenAPIHono } from "@hono/zod-openapi";
import { SESSION_COOKIE } from "../auth/sessions";
import type { AppEnv } from "./env";

/**
 * The API document (OpenAPI 3.1) of every declared route, built once: the declarations do not
 * change while the server runs.
 */
const built = new WeakMap<object, unknown>();

export function apiDocument(api: OpenAPIHono<AppEnv, any, any>): unknown {
  let document = built.get(api);
  if (!document) {
    api.openAPIRegistry.registerComponent("securitySchemes", "session", {
      type: "apiKey",
      in: "cookie",
      name: SESSION_COOKIE,
      description: "The session cookie set by `POST /api/auth/login` (or `/api/setup`, an invite's accept).",
    });
    document = api.getOpenAPI31Document({
      openapi: "3.1.0",
      info: {
        title: "Chefsache API",
        version: "1",
        description:
          "Shop-floor findings, customer-journey experiments and business cases. Every error has one shape: " +
          '`{"error":{"code","message","issues"?}}`. Organisation routes live under `/api/orgs/{orgId}` and need the session cookie of a member.',
      },
      servers: [{ url: "/api" }],
      security: [{ session: [] }],
    });
    built.set(api, document);
  }
  return document;
}
