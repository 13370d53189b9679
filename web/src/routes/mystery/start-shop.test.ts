// @vitest-environment node
import { IDBFactory } from "fake-indexeddb";
import { afterEach, describe, expect, it } from "vitest";
import type { MysteryTemplateFields } from "../../../../shared/schemas/mystery";
import { formatHlc } from "../../../../shared/sync/hlc";
import type { PulledChange } from "../../../../shared/sync/protocol";
import { LocalStore } from "../../data/local/store";
import { shopForVisit, startableTemplates } from "./start-shop";

const USER = "00000000-0000-4000-8000-000000000001";
const ORG = "00000000-0000-4000-8000-0000000000aa";
const STORE = "00000000-0000-4000-8000-000000000101";
const WEBSHOP = "00000000-0000-4000-8000-000000000102";
const CALL_CENTRE = "00000000-0000-4000-8000-000000000103";

/** A template as a pull brings it, each field stamped with a clock (`tick` later for a later version). */
function template(id: string, name: string, extra: Partial<MysteryTemplateFields> = {}, tick = 0): PulledChange {
  const fields: MysteryTemplateFields = {
    name,
    channel: "store",
    locationKinds: ["store", "branch"],
    archived: false,
    sections: [{ id: `${id.slice(0, -3)}5ec`, title: "Welcome", questions: [{ id: `${id.slice(0, -3)}a11`, text: "Greeted?", kind: "yes_no", weight: 1, naAllowed: false, critical: true }] }],
    ...extra,
  };
  const hlc = formatHlc({ millis: Date.parse("2026-03-01T10:00:00.000Z") + tick, counter: 0, node: "00000000000000b2" });
  return { entity: "mystery_template", entityId: id, deleted: false, fields, clocks: Object.fromEntries(Object.keys(fields).map((name) => [name, hlc])), deletedAt: null };
}
const place = (id: string, name: string, kind: string): PulledChange => ({ entity: "location", entityId: id, deleted: false, fields: { name, kind, archived: false } });

const STORE_VISIT = "00000000-0000-4000-8000-000000000201";
const CALL = "00000000-0000-4000-8000-000000000202";
const CHAT = "00000000-0000-4000-8000-000000000203";

const open: LocalStore[] = [];
async function storeWith(changes: PulledChange[]) {
  const store = await LocalStore.open(USER, ORG, new IDBFactory());
  open.push(store);
  await store.applyPull([place(STORE, "Amsterdam", "store"), place(WEBSHOP, "Webshop", "web"), place(CALL_CENTRE, "Klantenservice", "contact_centre"), ...changes], "v1.1");
  return store;
}
afterEach(() => {
  for (const store of open.splice(0)) store.close();
});

describe("a Mystery shop visit starts a scored shop", () => {
  it("starts the one template made for the place, connected to the visit and with the template's questions", async () => {
    const store = await storeWith([
      template(STORE_VISIT, "Store visit"),
      template(CALL, "Phone call", { channel: "phone", locationKinds: ["contact_centre"] }),
      // Archived, or without questions: never started.
      template("00000000-0000-4000-8000-000000000204", "Old store visit", { archived: true }),
      template("00000000-0000-4000-8000-000000000205", "Empty", { sections: [] }),
    ]);
    const visitId = crypto.randomUUID();
    const path = await shopForVisit(store, visitId, STORE);
    const shopId = /^mystery\/shops\/(.+)$/.exec(path ?? "")?.[1];
    expect(shopId).toBeDefined();
    const shop = await store.get("mystery_shop", shopId!);
    const storeVisit = await store.get("mystery_template", STORE_VISIT);
    expect(shop).toMatchObject({ templateId: STORE_VISIT, locationId: STORE, visitId, completedAt: null, answers: {}, sections: storeVisit!.sections, pending: true });
  });

  it("lets the director choose when several templates fit, and starts nothing where none does", async () => {
    const store = await storeWith([template(STORE_VISIT, "Store visit"), template(CALL, "Phone call", { channel: "phone", locationKinds: ["contact_centre"] }), template(CHAT, "Chat", { channel: "chat", locationKinds: null })]);
    const visitId = crypto.randomUUID();
    // The call centre: the phone call and the chat template (which names no kinds, so fits anywhere).
    expect(await shopForVisit(store, visitId, CALL_CENTRE)).toBe(`mystery?visit=${visitId}`);
    await store.applyPull([template(CHAT, "Chat", { channel: "chat", locationKinds: ["app"] }, 1)], "v1.2");
    // No store template at the webshop: the visit goes on without a shop.
    expect(await shopForVisit(store, visitId, WEBSHOP)).toBeNull();
    expect(await store.list("mystery_shop")).toEqual([]);
  });

  it("offers only live templates with questions, made for the place's kind", () => {
    const templates = [
      { id: "a", locationKinds: ["store" as const], sections: [{ id: "s", title: "S", questions: [{ id: "q", text: "?", kind: "yes_no" as const, weight: 1, naAllowed: true, critical: false }] }] },
      { id: "b", locationKinds: null, sections: [{ id: "s", title: "S", questions: [{ id: "q", text: "?", kind: "text" as const, weight: 0, naAllowed: true, critical: false }] }] },
      { id: "c", locationKinds: ["store" as const], archived: true, sections: [] },
    ];
    expect(startableTemplates(templates, "store").map((t) => t.id)).toEqual(["a", "b"]);
    expect(startableTemplates(templates, "app").map((t) => t.id)).toEqual(["b"]);
    expect(startableTemplates(templates).map((t) => t.id)).toEqual(["a", "b"]);
  });
});
