// @vitest-environment jsdom
// draft.ts uses the router, which reads window.history as soon as it is imported.
import { createRoot, createSignal } from "solid-js";
import { describe, expect, it } from "vitest";
import { draftRecord, type DraftRecordOptions } from "./draft";
import type { Entity } from "./local/types";

type Kpi = Entity<"kpi">;
const saved = (id: string, name: string): Kpi => ({ id, name, pending: false, authorId: "u1", createdAt: "", updatedAt: "" });

/** A draft KPI at an address, with a store that records its writes and a list the test fills. */
function setUp(route: string, options: Partial<DraftRecordOptions<"kpi">> = {}) {
  const [routeId, setRouteId] = createSignal(route);
  const [list, setList] = createSignal<Kpi[]>([]);
  const events: string[] = [];
  const writes: { id: string; fields: Record<string, unknown> }[] = [];
  let hold: Promise<void> | undefined;
  let refuse = false;
  const draft = draftRecord<"kpi">(
    { entity: "kpi", list, path: "kpis", first: (changes) => ({ unit: "percent", ...changes }), ...options },
    {
      routeId,
      change: async (id, fields) => {
        events.push(`write ${JSON.stringify(fields)}`);
        await hold;
        if (refuse) throw new Error("quota");
        writes.push({ id, fields });
      },
      showSaved: (id) => {
        events.push(`show ${id}`);
        setRouteId(id);
      },
    },
  );
  return {
    draft,
    events,
    writes,
    setList,
    holdWrites: (until: Promise<void>) => (hold = until),
    refuseWrites: () => (refuse = true),
  };
}

const inRoot = <T>(run: () => Promise<T>) => createRoot(async (dispose) => {
  try {
    return await run();
  } finally {
    dispose();
  }
});

describe("draftRecord", () => {
  it("creates a new record with every field on its first save, then shows its own address in place of /new", () =>
    inRoot(async () => {
      const { draft, events, writes } = setUp("new");
      const id = draft.id();
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(draft.isDraft()).toBe(true);
      await draft.save({ name: "Conversion" });
      expect(writes).toEqual([{ id, fields: { unit: "percent", name: "Conversion" } }]);
      expect(events.at(-1)).toBe(`show ${id}`);
      // At its own address the record keeps its id and is still the one this screen created.
      expect(draft.id()).toBe(id);
      expect(draft.isDraft()).toBe(true);
      expect(draft.failed()).toBe(false);
    }));

  it("lets edits made during the creation wait for it, and writes them after it as changes", () =>
    inRoot(async () => {
      const { draft, events, holdWrites } = setUp("new");
      let release!: () => void;
      holdWrites(new Promise((resolve) => (release = resolve)));
      const first = draft.save({ name: "Conversion" });
      const second = draft.save({ hard: true });
      release();
      await Promise.all([first, second]);
      expect(events).toEqual([`write {"unit":"percent","name":"Conversion"}`, `show ${draft.id()}`, `write {"hard":true}`]);
    }));

  it("holds the changes while the record cannot exist yet, and creates it with them", () =>
    inRoot(async () => {
      const { draft, writes } = setUp("new", { first: (changes) => (changes.name ? changes : null) });
      await draft.save({ unit: "eur" });
      expect(writes).toEqual([]);
      expect(draft.held()).toEqual({ unit: "eur" });
      await draft.save({ name: "Basket" });
      await draft.settled();
      expect(writes).toEqual([{ id: draft.id(), fields: { unit: "eur", name: "Basket" } }]);
      expect(draft.held()).toEqual({});
    }));

  it("never writes a record that stays blank (a finding with nothing described)", () =>
    inRoot(async () => {
      const { draft, writes } = setUp("new", { first: (changes) => (changes.name?.trim() ? changes : null) });
      await draft.save({ unit: "eur" });
      await draft.save({ name: "  " });
      await draft.settled();
      expect(writes).toEqual([]);
    }));

  it("follows the creation with what the screen does next, at the record's own address", () =>
    inRoot(async () => {
      const { draft, events } = setUp("new", {
        created: async (first) => {
          events.push(`created ${first.name}`);
        },
      });
      await draft.save({ name: "Conversion" });
      expect(events.slice(1)).toEqual([`show ${draft.id()}`, "created Conversion"]);
    }));

  it("edits a saved record in place: no creation, no change of address", () =>
    inRoot(async () => {
      const id = "00000000-0000-4000-8000-0000000000k1";
      const { draft, events, writes, setList } = setUp(id);
      setList([saved(id, "Conversion")]);
      expect(draft.isDraft()).toBe(false);
      expect(draft.record()?.name).toBe("Conversion");
      await draft.save({ hard: true });
      expect(writes).toEqual([{ id, fields: { hard: true } }]);
      expect(events.some((e) => e.startsWith("show"))).toBe(false);
    }));

  it("says so when this device refuses the write, and stays at /new", () =>
    inRoot(async () => {
      const created: string[] = [];
      const { draft, events, refuseWrites } = setUp("new", { created: async () => void created.push("created") });
      refuseWrites();
      await draft.save({ name: "Conversion" });
      expect(draft.failed()).toBe(true);
      expect(events.some((e) => e.startsWith("show"))).toBe(false);
      expect(created).toEqual([]);
    }));
});
