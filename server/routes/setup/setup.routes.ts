import { createRoute, z } from "@hono/zod-openapi";
import { createMiddleware } from "hono/factory";
import { loginResponse, setupBody } from "../../../shared/schemas/auth";
import { refuseCommonPassword } from "../../auth/password-rules";
import { hashPassword } from "../../auth/passwords";
import { loginShape, startSession } from "../../auth/sessions";
import type { Db } from "../../db/client";
import { organisations } from "../../db/schema";
import { seedDemo } from "../../demo/seed";
import { conflict } from "../../http/errors";
import { apiRouter, errors, json, jsonBody } from "../../http/openapi";
import { addMember, insertOrganisation, insertUser } from "../../orgs/create";

const alreadySetUp = () => conflict("This installation is already set up; log in instead");
const hasOrganisation = async (db: Db) => (await db.select({ id: organisations.id }).from(organisations).limit(1)).length > 0;

/** Set up already: that is the answer, whatever the body says, so it is checked before the body is read. */
const notSetUpYet = (db: Db) =>
  createMiddleware(async (_c, next) => {
    if (await hasOrganisation(db)) throw alreadySetUp();
    await next();
  });

const setupNeeded = createRoute({
  method: "get",
  path: "/",
  tags: ["Installation"],
  summary: "Whether the installation still needs its first organisation",
  security: [],
  responses: { 200: json(z.object({ needed: z.boolean() }), "True while there is no organisation") },
});

const setUp = (db: Db) =>
  createRoute({
    method: "post",
    path: "/",
    tags: ["Installation"],
    summary: "Create the first organisation and its admin, or the demo organisation; logs in",
    security: [],
    middleware: [notSetUpYet(db)] as const,
    request: { body: jsonBody(setupBody) },
    responses: { 201: json(loginResponse, "Set up and logged in (sets the session cookie)"), ...errors(400, 409) },
  });

export function setupRoutes(db: Db) {
  return apiRouter()
    .openapi(setupNeeded, async (c) => c.json({ needed: !(await hasOrganisation(db)) }, 200))
    .openapi(setUp(db), async (c) => {
      const body = c.req.valid("json");
      if (body.mode === "org") refuseCommonPassword(body.password);
      const passwordHash = body.mode === "org" ? await hashPassword(body.password) : "";
      const now = new Date().toISOString();
      // The existence check is repeated inside an immediate (write-locked) transaction so
      // two simultaneous setups cannot both create an organisation.
      const userId = await db.transaction(
        async (tx) => {
          if ((await tx.select({ id: organisations.id }).from(organisations).limit(1)).length > 0) throw alreadySetUp();
          if (body.mode === "demo") return (await seedDemo(tx, now)).directorId;
          const adminId = await insertUser(tx, { email: body.email, name: body.name, passwordHash }, now);
          const orgId = await insertOrganisation(tx, body.orgName, now, adminId);
          await addMember(tx, orgId, adminId, "admin", now);
          return adminId;
        },
        { behavior: "immediate" },
      );
      await startSession(db, c, userId);
      return c.json(await loginShape(db, userId), 201);
    });
}
