import { randomUUID } from "node:crypto";
import type { Role } from "../../shared/roles";
import type { LocationKind } from "../../shared/schemas/settings";
import { hashPassword } from "../auth/passwords";
import { locations, segments, themes } from "../db/schema";
import { addMember, insertOrganisation, insertUser, type Tx } from "../orgs/create";
import { allocateSeq } from "../sync/sequence";

export const DEMO_PASSWORD = "demo-demo-demo";
export const DEMO_ORG_NAME = "Demo Retail";

const DEMO_PEOPLE: { email: string; name: string; role: Role }[] = [
  { email: "admin@demo.example", name: "Anouk Admin", role: "admin" },
  { email: "director@demo.example", name: "Daan Directeur", role: "executive" },
  { email: "cx@demo.example", name: "Chris CX", role: "cx_ops" },
  { email: "board@demo.example", name: "Bea Bestuur", role: "board" },
];

const DEMO_LOCATIONS: { name: string; kind: LocationKind }[] = [
  { name: "Amsterdam Kalverstraat", kind: "store" },
  { name: "Utrecht Hoog Catharijne", kind: "store" },
  { name: "Rotterdam Lijnbaan", kind: "store" },
  { name: "Klantenservice Zwolle", kind: "contact_centre" },
  { name: "Webshop", kind: "web" },
  { name: "App", kind: "app" },
  { name: "Bezorging regio Midden", kind: "field" },
];

const DEMO_SEGMENTS = [
  { name: "Time-pressed professionals", motives: ["urgency", "convenience"] },
  { name: "Price-conscious families", motives: ["price", "risk"] },
  { name: "Loyal regulars", motives: ["trust", "service"] },
];

const DEMO_THEMES = [
  { name: "Effortless service", description: "Every contact solved the first time.", notDoing: false },
  { name: "Stores as showrooms", description: "Stores inspire; the web fulfils.", notDoing: false },
  { name: "One customer view", description: "Every colleague sees the whole customer.", notDoing: false },
  { name: "Price wars", description: "We do not compete on lowest price.", notDoing: true },
];

/** Creates "Demo Retail" with its people and settings; returns the org and the director to log in as. */
export async function seedDemo(tx: Tx, now: string) {
  const orgId = await insertOrganisation(tx, DEMO_ORG_NAME, now);
  // One hash for all four demo accounts: they share the published demo password anyway.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  let directorId = "";
  for (const person of DEMO_PEOPLE) {
    const userId = await insertUser(tx, { email: person.email, name: person.name, passwordHash }, now);
    await addMember(tx, orgId, userId, person.role, now);
    if (person.role === "executive") directorId = userId;
  }
  let seq = await allocateSeq(tx, DEMO_LOCATIONS.length + DEMO_SEGMENTS.length + DEMO_THEMES.length);
  const base = () => ({ id: randomUUID(), orgId, createdAt: now, updatedAt: now, seq: seq++ });
  await tx.insert(locations).values(DEMO_LOCATIONS.map((l) => ({ ...base(), ...l })));
  await tx.insert(segments).values(DEMO_SEGMENTS.map((s) => ({ ...base(), ...s })));
  await tx.insert(themes).values(DEMO_THEMES.map((t) => ({ ...base(), ...t })));
  return { orgId, directorId };
}
