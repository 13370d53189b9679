import { Hono } from "hono";
import { setupBody } from "../../../shared/schemas/auth";
import { hashPassword } from "../../auth/passwords";
import { loginShape, startSession } from "../../auth/sessions";
import type { Db } from "../../db/client";
import { organisations } from "../../db/schema";
import { seedDemo } from "../../demo/seed";
import { conflict } from "../../http/errors";
import { readBody } from "../../http/validate";
import { addMember, insertOrganisation, insertUser } from "../../orgs/create";

const alreadySetUp = () => conflict("This installation is already set up; log in instead");

export function setupRoutes(db: Db) {
  const hasOrganisation = async () => (await db.select({ id: organisations.id }).from(organisations).limit(1)).length > 0;

  return new Hono()
    .get("/", async (c) => c.json({ needed: !(await hasOrganisation()) }))
    .post("/", async (c) => {
      // Set up already: that is the answer, whatever the body says.
      if (await hasOrganisation()) throw alreadySetUp();
      const body = await readBody(c, setupBody);
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
