import { describe, expect, it } from "vitest";
import { filterFindings, filterVisits, type Finding, type Visit } from "../../capture/model";
import { memoryStore } from "../../data/storage";
import {
  barFill,
  boardLinks,
  cacheKey,
  cadenceStatus,
  cadenceTargets,
  deliveredShareOf,
  formatEuros,
  heatLevel,
  heatRows,
  kpiChange,
  readCachedSummary,
  sortPeople,
  sparklinePoints,
  writeCachedSummary,
} from "./model";
import { SUMMARY } from "./summary.fixture";

const meta = { pending: false, authorId: "u-cx", createdAt: "2026-03-01T09:00:00.000Z", updatedAt: "2026-03-01T09:00:00.000Z" };

describe("heat-map shading", () => {
  it("gives empty cells no shade and the fullest cell the darkest", () => {
    expect(heatLevel(0, 10)).toBe(0);
    expect(heatLevel(10, 10)).toBe(5);
    expect(heatLevel(6, 10)).toBe(3);
  });

  it("keeps a single finding visible next to a crowded cell", () => {
    expect(heatLevel(1, 1000)).toBe(1);
  });

  it("never shades from nonsense", () => {
    expect(heatLevel(3, 0)).toBe(0);
    expect(heatLevel(Number.NaN, 5)).toBe(0);
    expect(heatLevel(-2, 5)).toBe(0);
  });

  it("orders rows by the journey, keeps empty active stages, and adds unknown stages and 'no stage' last", () => {
    const stages = [
      { id: "s-delivery", name: "Delivery", position: 2, archived: false },
      { id: "s-purchase", name: "Purchase", position: 1, archived: false },
      { id: "s-use", name: "Use", position: 3, archived: false },
      { id: "s-old", name: "Old", position: 0, archived: true },
    ];
    const { rows, max } = heatRows(SUMMARY.findings.heatmap, stages);
    expect(rows.map((r) => r.stageId)).toEqual(["s-purchase", "s-delivery", "s-use", "s-gone", null]);
    expect(rows[0]).toMatchObject({ name: "Purchase", counts: [4, 0, 0, 1, 0], total: 5 });
    expect(rows[2]!.total).toBe(0);
    expect(rows[3]!.name).toBeUndefined();
    expect(rows[4]!.counts).toEqual([0, 1, 0, 0, 0]);
    expect(max).toBe(4);
  });

  it("shows an archived stage only while it still holds findings", () => {
    const { rows } = heatRows([{ journeyStageId: "s-old", severity: 3, count: 2 }], [{ id: "s-old", name: "Old", position: 0, archived: true }]);
    expect(rows.map((r) => r.stageId)).toEqual(["s-old"]);
  });
});

describe("immersion cadence", () => {
  it("tells apart not on the floor, behind and on track against the monthly target", () => {
    expect(cadenceStatus({ visits30: 0 }, 2)).toBe("not_on_floor");
    expect(cadenceStatus({ visits30: 1 }, 2)).toBe("behind");
    expect(cadenceStatus({ visits30: 2 }, 2)).toBe("on_track");
    expect(cadenceStatus({ visits30: 5 }, 2)).toBe("on_track");
  });

  it("agrees with the server's own verdict", () => {
    for (const person of SUMMARY.immersion.people) {
      expect(cadenceStatus(person, SUMMARY.immersion.targetPerMonth) === "on_track").toBe(person.onTrack);
      expect(cadenceStatus(person, SUMMARY.immersion.targetPerMonth) === "not_on_floor").toBe(SUMMARY.immersion.notOnFloor.includes(person.userId));
    }
  });

  it("reads 90 days against three months of target, and fills bars up to the target", () => {
    expect(cadenceTargets(2)).toEqual({ days30: 2, days90: 6 });
    expect(barFill(1, 2)).toBe(0.5);
    expect(barFill(9, 6)).toBe(1);
    expect(barFill(0, 0)).toBe(0);
    expect(barFill(1, 0)).toBe(1);
  });

  it("lists those furthest from the floor first", () => {
    expect(sortPeople(SUMMARY.immersion.people, "en").map((p) => p.name)).toEqual(["Dirk", "Bram", "Cor", "Anna"]);
  });
});

describe("benefits delivered against promised", () => {
  it("compares delivered with the targets of the same quarters, never with a whole year", () => {
    // Two quarters into a case worth €48,000 a year: €24,000 promised so far, €12,000 delivered is half.
    expect(deliveredShareOf(12_000, 24_000)).toBe(0.5);
    expect(deliveredShareOf(30_000, 24_000)).toBe(1.25);
    expect(deliveredShareOf(-2_000, 24_000)).toBeCloseTo(-1 / 12, 12);
  });

  it("has no share before anything is promised, or for a kept summary from before promisedToDate", () => {
    expect(deliveredShareOf(0, 0)).toBeNull();
    expect(deliveredShareOf(500, 0)).toBeNull();
    expect(deliveredShareOf(500, null)).toBeNull();
  });
});

describe("KPI change", () => {
  it("says a rise is good news when higher is better", () => {
    expect(kpiChange(3.4, 3.1, "higher")).toMatchObject({ arrow: "up", verdict: "better" });
    expect(kpiChange(3.4, 3.1, "higher")!.delta).toBeCloseTo(0.3);
  });

  it("inverts the colour for lower-is-better KPIs, not the arrow", () => {
    expect(kpiChange(4, 5, "lower")).toEqual({ delta: -1, arrow: "down", verdict: "better" });
    expect(kpiChange(6, 5, "lower")).toEqual({ delta: 1, arrow: "up", verdict: "worse" });
  });

  it("is flat for no change and absent without a previous value", () => {
    expect(kpiChange(5, 5, "higher")).toMatchObject({ arrow: "flat", verdict: "same" });
    expect(kpiChange(5, null, "higher")).toBeNull();
    expect(kpiChange(undefined, 4, "lower")).toBeNull();
  });

  it("draws the sparkline oldest left, highest on top, and a flat or single point in the middle", () => {
    expect(sparklinePoints([1, 3, 2], 100, 20, 0)).toBe("0,20 50,0 100,10");
    expect(sparklinePoints([4, 4], 100, 20, 0)).toBe("0,10 100,10");
    expect(sparklinePoints([7], 100, 20)).toBe("50,10");
    expect(sparklinePoints([], 100, 20)).toBe("");
  });
});

describe("links behind the numbers", () => {
  const finding = (id: string, fields: Partial<Finding>): Finding => ({ ...meta, id, saw: "", severity: 3, sentiment: "pain", status: "new", tags: [], photos: [], ...fields });
  const now = new Date("2026-03-10T09:00:00.000Z");
  const params = (href: string) => Object.fromEntries(new URL(href, "https://x.test/o/org/").searchParams);

  it("builds list addresses inside the organisation", () => {
    expect(boardLinks.visits("u-anna", 30)).toBe("visits?person=u-anna&period=30d");
    expect(boardLinks.findingsCell("s-1", 4)).toBe("findings?stage=s-1&severity=4-4");
    expect(boardLinks.findingsCell(null, 4)).toBe("findings?stage=none&severity=4-4");
    expect(boardLinks.findingsLevel(null)).toBe("findings?level=none");
    expect(boardLinks.experiments("running")).toBe("experiments?status=running");
    expect(boardLinks.case("c 1")).toBe("cases/c%201");
    expect(boardLinks.kpi("k-1")).toBe("kpis/k-1");
    expect(boardLinks.findings()).toBe("findings");
    // A value with spaces or signs of its own reads back as it was.
    expect(params(boardLinks.visitsOf("u a&b=c+d"))).toEqual({ person: "u a&b=c+d" });
  });

  it("opens the findings list on exactly the findings a heat-map cell counts", () => {
    const findings = [
      finding("a", { journeyStageId: "s-1", severity: 4 }),
      finding("b", { journeyStageId: "s-1", severity: 5 }),
      finding("c", { journeyStageId: null, severity: 4 }),
      finding("d", { journeyStageId: "s-2", severity: 4 }),
    ];
    const ids = (href: string) => filterFindings(findings, params(href), now).map((f) => f.id);
    expect(ids(boardLinks.findingsCell("s-1", 4))).toEqual(["a"]);
    expect(ids(boardLinks.findingsCell(null, 4))).toEqual(["c"]);
    expect(ids(boardLinks.findingsSeverity(4)).sort()).toEqual(["a", "c", "d"]);
    expect(ids(boardLinks.findingsStage(null))).toEqual(["c"]);
  });

  it("opens findings by level (or without one) and the open ones", () => {
    const findings = [finding("a", { level: "operations", status: "triaged" }), finding("b", { level: null, status: "closed" }), finding("c", { level: "message", status: "linked" })];
    const ids = (href: string) => filterFindings(findings, params(href), now).map((f) => f.id);
    expect(ids(boardLinks.findingsLevel("operations"))).toEqual(["a"]);
    expect(ids(boardLinks.findingsLevel(null))).toEqual(["b"]);
    expect(ids(boardLinks.findings("open"))).toEqual(["a"]);
  });

  it("opens a person's visits of the last 30 days", () => {
    const visit = (id: string, authorId: string, startedAt: string): Visit => ({ ...meta, id, authorId, startedAt, kind: "floor_walk" });
    const visits = [visit("v1", "u-anna", "2026-03-05T09:00:00.000Z"), visit("v2", "u-anna", "2026-01-05T09:00:00.000Z"), visit("v3", "u-bram", "2026-03-05T09:00:00.000Z")];
    expect(filterVisits(visits, params(boardLinks.visits("u-anna", 30)), now).map((v) => v.id)).toEqual(["v1"]);
    expect(filterVisits(visits, params(boardLinks.visits("u-anna", 90)), now).map((v) => v.id)).toEqual(["v1", "v2"]);
  });
});

describe("the summary kept on the device", () => {
  it("reads back what was stored, per organisation", () => {
    const storage = memoryStore();
    writeCachedSummary(storage, "org-1", SUMMARY, new Date("2026-03-10T08:00:05.000Z"));
    expect(readCachedSummary(storage, "org-1")).toEqual({ summary: SUMMARY, fetchedAt: "2026-03-10T08:00:05.000Z" });
    expect(readCachedSummary(storage, "org-2")).toBeNull();
  });

  it("treats a damaged or outdated cache as none", () => {
    const storage = memoryStore({ [cacheKey("org-1")]: "{not json", [cacheKey("org-2")]: JSON.stringify({ fetchedAt: "x", summary: { generatedAt: "y" } }) });
    expect(readCachedSummary(storage, "org-1")).toBeNull();
    expect(readCachedSummary(storage, "org-2")).toBeNull();
  });
});

describe("money", () => {
  it("shows whole euros in the interface language", () => {
    expect(formatEuros(120000, "en-GB")).toBe("€120,000");
    expect(formatEuros(120000, "nl-NL")).toMatch(/^€\s?120\.000$/);
    expect(formatEuros(null, "en-GB")).toBe("–");
  });
});
