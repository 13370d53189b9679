import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import type { LoginResponse } from "../../shared/schemas/auth";
import type { MysteryTemplateFields } from "../../shared/schemas/mystery";
import { agent, freshApp } from "../support/app";
import { expectError, prepareWorld, world } from "../support/api";
import { hlcAt, mutation, newShop, newTemplate, pullAll, pushApplied, pushOk } from "../support/sync";

beforeAll(prepareWorld, 120_000);

type World = Awaited<ReturnType<typeof world>>;
type Records = Awaited<ReturnType<typeof pullAll>>;

const ofEntity = (records: Records, entity: string) => [...records.changes.values()].filter((r) => r.entity === entity && !r.deleted);

async function places(w: World) {
  const items = (await w.a.admin.get(`/api/orgs/${w.a.orgId}/locations`)).json.items as { id: string; name: string; kind: string }[];
  const named = (name: string) => items.find((l) => l.name === name)!.id;
  return { store: named("Amsterdam Kalverstraat"), contactCentre: named("Klantenservice Zwolle"), webshop: named("Webshop"), app: named("App") };
}

async function demoTemplates(w: World) {
  const templates = ofEntity(await pullAll(w.a.director, w.a.orgId), "mystery_template");
  const named = (name: string) => templates.find((t) => t.fields.name === name)!.entityId;
  return { storeVisit: named("Store visit"), phoneCall: named("Phone call") };
}

describe("mystery shopping from the first minute", () => {
  test("the demo ships a store visit and a phone call, weighted, each with a critical question, and shops scored against them", async () => {
    const w = await world();
    const records = await pullAll(w.a.director, w.a.orgId);
    const templates = ofEntity(records, "mystery_template").map((t) => t.fields as unknown as MysteryTemplateFields);
    expect(templates.map((t) => [t.name, t.channel, t.locationKinds]).sort()).toEqual([
      ["Phone call", "phone", ["contact_centre"]],
      ["Store visit", "store", ["store", "branch"]],
    ]);
    for (const template of templates) {
      const questions = template.sections.flatMap((s) => s.questions);
      expect(questions.filter((q) => q.critical)).toHaveLength(1);
      expect(new Set(questions.filter((q) => q.kind !== "text").map((q) => q.weight)).size).toBeGreaterThan(1);
      // A free-text question weighs nothing.
      expect(questions.filter((q) => q.kind === "text").map((q) => q.weight)).toEqual([0]);
    }
    const shops = ofEntity(records, "mystery_shop");
    expect(shops.length).toBeGreaterThan(15);
    expect(shops.every((s) => s.fields.completedAt && s.fields.sections)).toBe(true);
    // Three monthly waves, the last one this month.
    const waves = new Set(shops.map((s) => String(s.fields.completedAt).slice(0, 7)));
    expect(waves.size).toBe(3);
    expect(waves.has(new Date().toISOString().slice(0, 7))).toBe(true);
  });

  test("a template is used only at the kinds of location it is made for, and a director runs the demo's", async () => {
    const w = await world();
    const at = await places(w);
    const { storeVisit, phoneCall } = await demoTemplates(w);
    const results = async (mutations: ReturnType<typeof mutation>[]) => (await pushOk(w.a.director, w.a.orgId, mutations)).results.map((r) => r.error?.code ?? r.status);

    const storeShop = randomUUID();
    expect(
      await results([
        mutation("mystery_shop", storeShop, newShop(storeVisit, at.store), hlcAt(1)),
        mutation("mystery_shop", randomUUID(), newShop(phoneCall, at.contactCentre), hlcAt(2)),
        mutation("mystery_shop", randomUUID(), newShop(storeVisit, at.webshop), hlcAt(3)),
        mutation("mystery_shop", randomUUID(), newShop(storeVisit, at.app), hlcAt(4)),
        mutation("mystery_shop", randomUUID(), newShop(phoneCall, at.store), hlcAt(5)),
      ]),
    ).toEqual(["applied", "applied", "wrong_location_kind", "wrong_location_kind", "wrong_location_kind"]);

    // A started shop cannot move to the app either, nor to a template not made for its store; answering it goes on.
    expect(
      await results([
        mutation("mystery_shop", storeShop, { locationId: at.app }, hlcAt(6)),
        mutation("mystery_shop", storeShop, { templateId: phoneCall }, hlcAt(7)),
        mutation("mystery_shop", storeShop, { locationId: at.store, answers: {}, completedAt: new Date().toISOString() }, hlcAt(8)),
      ]),
    ).toEqual(["wrong_location_kind", "wrong_location_kind", "applied"]);

    // A template made in the same push counts as that push left it; one naming no kinds (made before templates did) fits anywhere.
    const appOnly = randomUUID();
    const anywhere = randomUUID();
    await pushApplied(w.a.cx, w.a.orgId, [mutation("mystery_template", anywhere, newTemplate(), hlcAt(9))]);
    expect(await results([mutation("mystery_shop", randomUUID(), newShop(anywhere, at.webshop), hlcAt(10))])).toEqual(["applied"]);
    const mixed = await pushOk(w.a.cx, w.a.orgId, [
      mutation("mystery_template", appOnly, newTemplate({ locationKinds: ["app"] }), hlcAt(11)),
      mutation("mystery_shop", randomUUID(), newShop(appOnly, at.store), hlcAt(12)),
      mutation("mystery_shop", randomUUID(), newShop(appOnly, at.app), hlcAt(13)),
    ]);
    expect(mixed.results.map((r) => r.error?.code ?? r.status)).toEqual(["applied", "wrong_location_kind", "applied"]);
    expect(mixed.results[1]!.error!.message).toBe("This template is for app locations, not for a store");
  });

  test("a template names each location kind once, and at least one", async () => {
    const w = await world();
    const res = await pushOk(w.a.cx, w.a.orgId, [
      mutation("mystery_template", randomUUID(), newTemplate({ locationKinds: [] }), hlcAt(1)),
      mutation("mystery_template", randomUUID(), newTemplate({ locationKinds: ["store", "store"] }), hlcAt(2)),
      mutation("mystery_template", randomUUID(), newTemplate({ locationKinds: ["moon"] }), hlcAt(3)),
    ]);
    expect(res.results.map((r) => r.error?.code)).toEqual(["validation_failed", "validation_failed", "validation_failed"]);
  });
});

describe("the demo in Dutch", () => {
  test("created from a Dutch browser, its stages, segments, themes, findings, visits, experiments, case and templates are Dutch; the records are the same", async () => {
    const { app } = await freshApp();
    const setup = await agent(app).post("/api/setup", { mode: "demo", language: "nl" });
    expect(setup.status, setup.text).toBe(201);
    const orgId = (setup.json as LoginResponse).memberships[0]!.orgId;
    const nl = agent(app);
    expect((await nl.post("/api/auth/login", { email: "admin@demo.example", password: "demo-demo-demo" })).status).toBe(200);
    const names = async (who: typeof nl, org: string, noun: string) => ((await who.get(`/api/orgs/${org}/${noun}`)).json.items as { name: string }[]).map((i) => i.name);

    expect(await names(nl, orgId, "journey-stages")).toEqual(["Oriëntatie", "Aankoop", "Levering", "Gebruik", "Service", "Loyaliteit"]);
    expect(await names(nl, orgId, "segments")).toContain("Drukbezette professionals");
    expect(await names(nl, orgId, "themes")).toContain("Winkels als showroom");

    const dutch = await pullAll(nl, orgId);
    const w = await world();
    const english = await pullAll(w.a.admin, w.a.orgId);
    // The same records, entity by entity: only the words differ.
    const counts = (records: Records) => Object.fromEntries(["visit", "finding", "mystery_template", "mystery_shop", "experiment", "kpi", "kpi_measurement", "business_case"].map((e) => [e, ofEntity(records, e).length]));
    expect(counts(dutch)).toEqual(counts(english));

    // No English left in what people read: every text differs from every English one of its kind.
    const texts = (records: Records, entity: string, fields: string[]) => new Set(ofEntity(records, entity).flatMap((r) => fields.map((f) => r.fields[f]).filter((v): v is string => typeof v === "string" && v !== "")));
    for (const [entity, fields] of [
      ["finding", ["saw", "felt", "expectation"]],
      ["visit", ["peopleMet", "notes"]],
      ["experiment", ["title", "change", "notes"]],
      ["kpi", ["description"]],
      ["business_case", ["title", "summary", "ask", "recommendation"]],
      ["mystery_template", ["name"]],
    ] as const) {
      const inEnglish = texts(english, entity, [...fields]);
      const inDutch = [...texts(dutch, entity, [...fields])];
      expect(inDutch.length, entity).toBeGreaterThan(0);
      expect(inDutch.filter((text) => inEnglish.has(text)), entity).toEqual([]);
    }
    expect([...texts(dutch, "experiment", ["title"])]).toContain("Prijsscanners in de gangpaden");
    expect([...texts(dutch, "business_case", ["title"])].sort()).toEqual(["Afhalen op dezelfde dag in elke winkel", "Paskamers het hele weekend bemand"]);
    const storeVisit = ofEntity(dutch, "mystery_template").find((t) => t.fields.name === "Winkelbezoek")!;
    const questions = (storeVisit.fields.sections as MysteryTemplateFields["sections"]).flatMap((s) => s.questions);
    expect(questions.find((q) => q.critical)!.text).toBe("Was de prijs aan de kassa de prijs in het schap?");
  });

  test("a language other than English or Dutch is refused and sets up nothing", async () => {
    const { app } = await freshApp();
    const someone = agent(app);
    expectError(await someone.post("/api/setup", { mode: "demo", language: "de" }), 400, "validation_failed");
    expect((await someone.get("/api/setup")).json.needed).toBe(true);
  });
});
