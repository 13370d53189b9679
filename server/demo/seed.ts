import { randomUUID } from "node:crypto";
import type { Role } from "../../shared/roles";
import { hashPassword } from "../auth/passwords";
import { addMember, insertOrganisation, insertUser, type Tx } from "../orgs/create";
import { writeSettings } from "../sync/write";
import { seedApprovedCase } from "./benefits";
import { seedBusinessCase, seedFloor } from "./cases";
import { seedKpisAndExperiments, type DemoPeople } from "./experiments";
import type { DataLanguage, LocationKind } from "../../shared/enums";
import { sayIn } from "./language";
import { seedMystery } from "./mystery";

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
  { name: "Den Haag Spuistraat", kind: "store" },
  { name: "Eindhoven Demer", kind: "store" },
  { name: "Groningen Herestraat", kind: "store" },
  { name: "Haarlem Grote Houtstraat", kind: "store" },
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

/**
 * Creates "Demo Retail" with its people and settings, its texts in `language` (the records are
 * the same in either: only their words differ); returns the org and the director to log in as.
 */
export async function seedDemo(tx: Tx, now: string, language: DataLanguage = "en") {
  const say = sayIn(language);
  // One hash for all four demo accounts: they share the published demo password anyway.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const byRole = {} as DemoPeople["byRole"];
  for (const person of DEMO_PEOPLE) byRole[person.role] = { id: await insertUser(tx, { email: person.email, name: person.name, passwordHash }, now), name: person.name };
  const orgId = await insertOrganisation(tx, DEMO_ORG_NAME, now, byRole.admin.id, language);
  for (const person of DEMO_PEOPLE) await addMember(tx, orgId, byRole[person.role].id, person.role, now);
  const base = () => ({ id: randomUUID(), archivedAt: null, createdAt: now });
  const locationRows = DEMO_LOCATIONS.map((l) => ({ ...base(), ...l }));
  const segmentRows = DEMO_SEGMENTS.map((s) => ({ ...base(), name: say(s.name), motives: s.motives.map(say) }));
  const themeRows = DEMO_THEMES.map((t) => ({ ...base(), ...t, name: say(t.name), description: say(t.description) }));
  await writeSettings(tx, { orgId, userId: byRole.admin.id, now: new Date(now) }, [
    ...locationRows.map((after) => ({ entity: "location" as const, before: null, after })),
    ...segmentRows.map((after) => ({ entity: "segment" as const, before: null, after })),
    ...themeRows.map((after) => ({ entity: "theme" as const, before: null, after })),
  ]);
  // The floor first, so the experiments can point at findings; the cases last, one built on the won experiment.
  const floor = await seedFloor(
    tx,
    orgId,
    { byRole },
    {
      stores: locationRows.filter((l) => l.kind === "store"),
      contactCentreId: locationRows.find((l) => l.kind === "contact_centre")!.id,
      webId: locationRows.find((l) => l.kind === "web")!.id,
      segmentIds: segmentRows.map((s) => s.id),
      themeIds: themeRows.filter((t) => !t.notDoing).map((t) => t.id),
    },
    now,
    say,
  );
  await seedKpisAndExperiments(
    tx,
    orgId,
    { byRole },
    {
      stores: locationRows.filter((l) => l.kind === "store"),
      segmentIds: segmentRows.map((s) => s.id),
      themeIds: themeRows.filter((t) => !t.notDoing).map((t) => t.id),
    },
    now,
    say,
  );
  await seedMystery(tx, orgId, { byRole }, { stores: locationRows.filter((l) => l.kind === "store"), contactCentreId: locationRows.find((l) => l.kind === "contact_centre")!.id }, now, say);
  await seedBusinessCase(tx, orgId, { byRole }, floor.pickupFindingIds, now, say);
  // After the submitted case, so that one stays the first case every device pulls.
  await seedApprovedCase(tx, orgId, { byRole }, { findingIds: floor.fittingRoomFindingIds, themeId: themeRows[0]?.id ?? null }, now, say);
  return { orgId, directorId: byRole.executive.id };
}
