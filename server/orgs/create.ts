import { randomUUID } from "node:crypto";
import { DEFAULT_JOURNEY_STAGES } from "../../shared/schemas/settings";
import type { Role } from "../../shared/roles";
import type { Db } from "../db/client";
import { allocateSeq } from "../sync/sequence";
import { journeyStages, memberships, organisations, users } from "../db/schema";

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type Writer = Db | Tx;

export async function insertOrganisation(tx: Writer, name: string, now: string) {
  const id = randomUUID();
  await tx.insert(organisations).values({ id, name, createdAt: now });
  const firstSeq = await allocateSeq(tx, DEFAULT_JOURNEY_STAGES.length);
  await tx.insert(journeyStages).values(
    DEFAULT_JOURNEY_STAGES.map((stage, position) => ({
      id: randomUUID(),
      orgId: id,
      name: stage,
      position,
      createdAt: now,
      updatedAt: now,
      seq: firstSeq + position,
    })),
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
