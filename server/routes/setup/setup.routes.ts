import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { loginResponse, setupBody } from "../../../shared/schemas/auth";
import { refuseCommonPassword } from "../../auth/password-rules";
import { hashPassword } from "../../auth/passwords";
import { loginShape, startSession } from "../../auth/sessions";
import { isSetupCode } from "../../auth/setup-code";
import type { Db } from "../../db/client";
import { seedDemo } from "../../demo/seed";
import { clientAddress, fromLoopback } from "../../http/client";
import type { AppEnv } from "../../http/env";
import { ApiError, conflict } from "../../http/errors";
import { apiRouter, errors, json, jsonBody } from "../../http/openapi";
import { logEvent } from "../../http/request-log";
import { addMember, hasOrganisation, insertOrganisation, insertUser } from "../../orgs/create";

const alreadySetUp = () => conflict("This installation is already set up; log in instead");

/** Set up already: that is the answer, whatever the body says, so it is checked before the body is read. */
const notSetUpYet = (db: Db) =>
  createMiddleware(async (_c, next) => {
    if (await hasOrganisation(db)) throw alreadySetUp();
    await next();
  });

/**
 * A fresh installation is open to whoever reaches it first, so only the person at the machine
 * (a loopback connection, no proxy) may set it up without the code the server printed at start.
 * Behind a proxy every request arrives from loopback, so there the code is always needed.
 */
const needsSetupCode = (c: Context) => !fromLoopback(c);

const setupNeeded = createRoute({
  method: "get",
  path: "/",
  tags: ["Installation"],
  summary: "Whether the installation still needs its first organisation, and whether this caller needs the setup code for it",
  security: [],
  responses: {
    200: json(
      z.object({
        needed: z.boolean(),
        codeRequired: z.boolean().describe("True when setting up from here needs the code the server printed to its log at start"),
      }),
      "True while there is no organisation",
    ),
  },
});

const setUp = (db: Db) =>
  createRoute({
    method: "post",
    path: "/",
    tags: ["Installation"],
    summary: "Create the first organisation and its admin, or the demo organisation; logs in",
    description: "From anywhere but the server's own machine (or always, behind a proxy) the body needs `setupCode`: the one the server printed to its log at start.",
    security: [],
    middleware: [notSetUpYet(db)] as const,
    request: { body: jsonBody(setupBody) },
    responses: { 201: json(loginResponse, "Set up and logged in (sets the session cookie)"), ...errors(400, 403, 409) },
  });

/** `setupCode`: the code printed at start (none when the installation was set up already then). */
export function setupRoutes(db: Db, setupCode: string | undefined) {
  return apiRouter()
    .openapi(setupNeeded, async (c) => {
      const needed = !(await hasOrganisation(db));
      return c.json({ needed, codeRequired: needed && needsSetupCode(c) }, 200);
    })
    .openapi(setUp(db), async (c) => {
      const body = c.req.valid("json");
      if (needsSetupCode(c)) refuseWithoutCode(c, body.setupCode, setupCode);
      if (body.mode === "org") refuseCommonPassword(body.password);
      const passwordHash = body.mode === "org" ? await hashPassword(body.password) : "";
      const now = new Date().toISOString();
      // The existence check is repeated inside an immediate (write-locked) transaction so
      // two simultaneous setups cannot both create an organisation.
      const userId = await db.transaction(
        async (tx) => {
          if (await hasOrganisation(tx)) throw alreadySetUp();
          if (body.mode === "demo") return (await seedDemo(tx, now, body.language)).directorId;
          const adminId = await insertUser(tx, { email: body.email, name: body.name, passwordHash }, now);
          const orgId = await insertOrganisation(tx, body.orgName, now, adminId, body.language);
          await addMember(tx, orgId, adminId, "admin", now);
          return adminId;
        },
        { behavior: "immediate" },
      );
      logEvent(c, "setup_done", { mode: body.mode, userId, ip: clientAddress(c) });
      await startSession(db, c, userId);
      return c.json(await loginShape(db, userId), 201);
    });
}

function refuseWithoutCode(c: Context<AppEnv>, given: string | undefined, setupCode: string | undefined) {
  if (given && setupCode && isSetupCode(given, setupCode)) return;
  logEvent(c, "setup_refused", { ip: clientAddress(c), reason: given ? "code_wrong" : "code_missing" });
  if (!given) {
    throw new ApiError(403, "setup_code_required", 'Setting up from another machine needs the setup code: the server printed it to its log at start ("Setup code: …")');
  }
  throw new ApiError(403, "setup_code_wrong", 'That is not the setup code; the server printed it to its log at start ("Setup code: …")');
}
