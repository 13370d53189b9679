import { randomUUID } from "node:crypto";
import type { Role } from "../../shared/roles";
import type { Db } from "../db/client";
import { writeSettings } from "../sync/write";
import { memberships, organisations, users } from "../db/schema";
import { DEFAULT_JOURNEY_STAGES } from "../../shared/defaults";
import type { DataLanguage } from "../../shared/enums";

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type Writer = Db | Tx;

/** Whether the installation has any organisation yet (until it does, it needs setting up). */
export async function hasOrganisation(db: Writer) {
  return (await db.select({ id: organisations.id }).from(organisations).limit(1)).length > 0;
}

/** A new organisation with the default journey stages in `language`, set up by `createdBy` (its history says so). */
export async function insertOrganisation(tx: Writer, name: string, now: string, createdBy: string, language: DataLanguage = "en") {
  const id = randomUUID();
  await tx.insert(organisations).values({ id, name, createdAt: now });
  await writeSettings(
    tx,
    { orgId: id, userId: createdBy, now: new Date(now) },
    DEFAULT_JOURNEY_STAGES[language].map((stage, position) => ({ entity: "journey_stage" as const, before: null, after: { id: randomUUID(), name: stage, position, archivedAt: null, createdAt: now } })),
  );
  return id;
}

export async function insertUser(tx: Writer, user: { email: string; name: string; passwordHash: string }, now: string) {
  const id = randomUUID();
  await tx.insert(users).values({ id, ...user, createdAt: now });
  return id;
}

export async function addMember(tx: Writer, orgId: string, userId: string, role: Role, now: string) {
  await tx.insert(memberships).values({ orgId, userId, role, createdAt: now });
}
