import type { OpenAPIHono } from "@hono/zod-openapi";
import { SESSION_COOKIE } from "../auth/sessions";
import type { AppEnv } from "./env";

type OpenAPIObject = ReturnType<OpenAPIHono["getOpenAPI31Document"]>;
type ParameterObject = Exclude<NonNullable<NonNullable<OpenAPIObject["paths"]>[string]["parameters"]>[number], { $ref: string }>;

/**
 * The API document (OpenAPI 3.1) of every declared route, built once: the declarations do not
 * change while the server runs.
 */
const built = new WeakMap<object, OpenAPIObject>();

/** Parameters of the mount points (`/orgs/{orgId}`): no route declares them itself, so every path under one gets them here. */
const MOUNT_PARAMETERS: Record<string, ParameterObject> = {
  orgId: {
    name: "orgId",
    in: "path",
    required: true,
    description: "The organisation; anyone but its members gets a 404",
    schema: { type: "string", format: "uuid" },
  },
};

function declareMountParameters(document: OpenAPIObject) {
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    const mounted = [...path.matchAll(/\{(\w+)\}/g)].flatMap(([, name]) => (name && MOUNT_PARAMETERS[name] ? [MOUNT_PARAMETERS[name]] : []));
    if (mounted.length > 0) item.parameters = [...mounted, ...(item.parameters ?? [])];
  }
}

export function apiDocument(api: OpenAPIHono<AppEnv, any, any>): OpenAPIObject {
  let document = built.get(api);
  if (!document) {
    api.openAPIRegistry.registerComponent("securitySchemes", "session", {
      type: "apiKey",
      in: "cookie",
      name: SESSION_COOKIE,
      description:
        "The session cookie set by `POST /api/auth/login` (or `/api/setup`, an invite's accept, a password reset): `chefsache_session` over plain http, " +
        "`__Host-chefsache_session` over https. A session ends 14 days after its last request and 90 days after the login.",
    });
    api.openAPIRegistry.registerComponent("securitySchemes", "apiKey", {
      type: "http",
      scheme: "bearer",
      description: "An API key an admin made (`POST /api/orgs/{orgId}/api-keys`), for the KPI feed: `Authorization: Bearer csk_…`.",
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
    declareMountParameters(document);
    built.set(api, document);
  }
  return document;
}
