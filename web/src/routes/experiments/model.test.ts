import { describe, expect, it } from "vitest";
import {
  assignLocation,
  baselineFromInput,
  baselineToInput,
  commonValue,
  compareByIce,
  decisionsOf,
  filterExperiments,
  findingsPhrase,
  formatRelative,
  hypothesisFilled,
  hypothesisSentence,
  isBlockOverdue,
  moveBlock,
  parseDecimal,
  parseIdList,
  planProgress,
  relativeFromInput,
  relativeToInput,
  removeBlock,
  sampleSizeFor,
  showsResults,
  statusCounts,
  statusOf,
  stepOf,
  toggleTeam,
  updateBlock,
  type Decision,
  type Experiment,
  type PlanBlock,
} from "./model";

const meta = { pending: false, authorId: "u1", createdAt: "2026-03-01T10:00:00.000Z", updatedAt: "2026-03-01T10:00:00.000Z" };
const experiment = (id: string, fields: Partial<Experiment> = {}): Experiment => ({ ...meta, id, title: id, ...fields });
const block = (id: string, fields: Partial<PlanBlock> = {}): PlanBlock => ({ id, title: id, ownerId: null, dueDate: null, done: false, ...fields });

describe("the ideas list", () => {
  const list = [
    experiment("unscored-new", { updatedAt: "2026-03-05T00:00:00.000Z" }),
    experiment("low", { impact: 2, confidence: 2, ease: 2 }),
    experiment("high", { impact: 9, confidence: 8, ease: 7, status: "proposed" }),
    experiment("half-scored", { impact: 10, confidence: 10, ease: null }),
    experiment("unscored-old", { updatedAt: "2026-02-01T00:00:00.000Z", status: "running" }),
    experiment("middle", { impact: 5, confidence: 5, ease: 5, status: "proposed" }),
  ];

  it("sorts by ICE, highest first, with experiments missing a score last (newest of those first)", () => {
    expect([...list].sort(compareByIce).map((e) => e.id)).toEqual(["high", "middle", "low", "unscored-new", "half-scored", "unscored-old"]);
  });

  it("filters by status (a record without one is an idea) and by words in the title", () => {
    expect(filterExperiments(list, { status: "proposed" }).map((e) => e.id)).toEqual(["high", "middle"]);
    expect(filterExperiments(list, { status: "idea" }).map((e) => e.id)).toEqual(["low", "unscored-new", "half-scored"]);
    const titled = [experiment("a", { title: "Tweede kassa op zaterdag" }), experiment("b", { title: "Bezorgvenster van twee uur" })];
    expect(filterExperiments(titled, { text: "KASSA zaterdag" }).map((e) => e.id)).toEqual(["a"]);
    expect(filterExperiments(titled, { text: "twee" }).map((e) => e.id).sort()).toEqual(["a", "b"]);
    expect(filterExperiments(titled, { text: "kassa uur" })).toEqual([]);
  });

  it("counts each status for the filter chips, zero included", () => {
    const counts = statusCounts(list);
    expect(counts).toMatchObject({ idea: 3, proposed: 2, running: 1, approved: 0, stopped: 0 });
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(list.length);
    expect(statusOf(undefined)).toBe("idea");
  });

  it("places a status on the lifecycle path, with the three outcomes as one step and stopped off it", () => {
    expect(stepOf("running")).toBe("running");
    expect(stepOf("won")).toBe("decided");
    expect(stepOf("inconclusive")).toBe("decided");
    expect(stepOf("stopped")).toBeNull();
    expect(showsResults("approved", false)).toBe(false);
    expect(showsResults("running", false)).toBe(true);
    expect(showsResults("stopped", true)).toBe(true);
  });
});

describe("numbers as typed", () => {
  it("reads decimals in Dutch and English notation, with or without a sign or percent sign", () => {
    expect(parseDecimal("20,5")).toEqual({ ok: true, value: 20.5 });
    expect(parseDecimal("20.5")).toEqual({ ok: true, value: 20.5 });
    expect(parseDecimal(" +5 % ")).toEqual({ ok: true, value: 5 });
    expect(parseDecimal("−2,5")).toEqual({ ok: true, value: -2.5 });
    expect(parseDecimal("1.234,5")).toEqual({ ok: true, value: 1234.5 });
    expect(parseDecimal("1,234.5")).toEqual({ ok: true, value: 1234.5 });
    expect(parseDecimal("")).toEqual({ ok: true, value: null });
    expect(parseDecimal("abc").ok).toBe(false);
    expect(parseDecimal("5-").ok).toBe(false);
    expect(parseDecimal("1e400").ok).toBe(false);
  });

  it("enters a proportion KPI's baseline in percent and stores the rate 0–1", () => {
    expect(baselineFromInput("20,5", "proportion")).toEqual({ ok: true, value: 0.205 });
    expect(baselineToInput(0.205, "proportion", "en")).toBe("20.5");
    expect(baselineToInput(0.205, "proportion", "nl")).toBe("20,5");
    // The way back gives what was typed, without floating-point noise.
    for (const typed of ["0.1", "3.3", "20.5", "57", "99.99"]) {
      const stored = baselineFromInput(typed, "proportion");
      expect(stored.ok && baselineToInput(stored.value, "proportion", "en")).toBe(typed);
    }
    expect(baselineFromInput("120", "proportion")).toEqual({ ok: false, reason: "not_a_percentage" });
    expect(baselineFromInput("-1", "proportion")).toEqual({ ok: false, reason: "not_a_percentage" });
    expect(baselineFromInput("", "proportion")).toEqual({ ok: true, value: null });
  });

  it("keeps a mean KPI's baseline in its own unit", () => {
    expect(baselineFromInput("42,50", "mean")).toEqual({ ok: true, value: 42.5 });
    expect(baselineFromInput("1200", "mean")).toEqual({ ok: true, value: 1200 });
    expect(baselineToInput(42.5, "mean", "nl")).toBe("42,5");
    expect(baselineFromInput("veel", "mean")).toEqual({ ok: false, reason: "not_a_number" });
  });

  it("reads relative changes in percent and says them with a sign", () => {
    expect(relativeFromInput("5")).toEqual({ ok: true, value: 0.05 });
    expect(relativeFromInput("-2,5")).toEqual({ ok: true, value: -0.025 });
    expect(relativeFromInput("2000").ok).toBe(false);
    expect(relativeToInput(0.07, "en")).toBe("7");
    expect(formatRelative(0.05, "en")).toBe("+5%");
    expect(formatRelative(-0.025, "nl")).toMatch(/^-2,5\s?%$/);
  });

  it("calculates the sample size per variant for a conversion rate, and says why when it cannot", () => {
    // 20 % baseline, +10 % relative (to 22 %), two-sided 5 %, power 80 %: 6,509.47 rounded up
    // (checked with Python's statistics.NormalDist).
    expect(sampleSizeFor(0.2, 0.1)).toEqual({ ok: true, perVariant: 6510 });
    expect(sampleSizeFor(null, 0.1)).toEqual({ ok: false, reason: "needs_baseline" });
    // 1.4·10¹³ users a variant: no experiment holds that, and the record would refuse it.
    expect(sampleSizeFor(0.1, 1e-6)).toEqual({ ok: false, reason: "effect_too_small" });
    expect(sampleSizeFor(0.2, null)).toEqual({ ok: false, reason: "needs_mde" });
    expect(sampleSizeFor(0.2, 0)).toEqual({ ok: false, reason: "needs_mde" });
    expect(sampleSizeFor(1, 0.1)).toEqual({ ok: false, reason: "baseline_out_of_range" });
    expect(sampleSizeFor(0.6, 1)).toEqual({ ok: false, reason: "rate_out_of_range" });
  });
});

describe("the hypothesis sentence", () => {
  const en = {
    template: "Because we saw {findings}, we believe that {change} for {segment} at {stage} will move {kpi} by {lift}.",
    blank: "…",
    andMore: "{first} and {count} more",
    and: "and",
  };

  it("reads as one sentence once every part is filled in", () => {
    const parts = { findings: ["a queue at the only till"], change: "a second till on Saturdays", segment: "families", stage: "purchase", kpi: "Conversion", lift: "+5%" };
    expect(hypothesisSentence(parts, en)).toBe(
      "Because we saw “a queue at the only till”, we believe that a second till on Saturdays for families at purchase will move Conversion by +5%.",
    );
    expect(hypothesisFilled(parts)).toBe(6);
  });

  it("leaves a visible gap for each missing part, and does not end with a double full stop", () => {
    const parts = { findings: [], change: "a second till.", segment: undefined, stage: "  ", kpi: "Conversion", lift: undefined };
    expect(hypothesisSentence(parts, en)).toBe("Because we saw …, we believe that a second till for … at … will move Conversion by …");
    expect(hypothesisFilled(parts)).toBe(2);
  });

  it("follows the word order of the language's template", () => {
    const nl = { template: "Omdat we {findings} zagen, denken we dat {change} voor {segment} bij {stage} {kpi} met {lift} verandert.", blank: "…", andMore: "{first} en nog {count}", and: "en" };
    const parts = { findings: ["rij"], change: "een tweede kassa", segment: "gezinnen", stage: "aankoop", kpi: "Conversie", lift: "+5%" };
    expect(hypothesisSentence(parts, nl)).toBe("Omdat we “rij” zagen, denken we dat een tweede kassa voor gezinnen bij aankoop Conversie met +5% verandert.");
  });

  it("quotes one or two findings and summarises more", () => {
    expect(findingsPhrase(["a", "b"], en)).toBe("“a” and “b”");
    expect(findingsPhrase(["a", "b", "c", "d"], en)).toBe("“a”, “b” and 2 more");
  });
});

describe("the plan", () => {
  const plan = [block("brief"), block("roster", { ownerId: "u2", dueDate: "2026-03-01" }), block("signs", { dueDate: "2026-03-01", done: true })];

  it("marks an open block past its due date as overdue, not one due today or done", () => {
    expect(isBlockOverdue(plan[1]!, "2026-03-02")).toBe(true);
    expect(isBlockOverdue(plan[1]!, "2026-03-01")).toBe(false);
    expect(isBlockOverdue(plan[2]!, "2026-03-02")).toBe(false);
    expect(isBlockOverdue(plan[0]!, "2026-03-02")).toBe(false);
    expect(planProgress(plan, "2026-03-02")).toEqual({ total: 3, done: 1, overdue: 1, withOwner: 1 });
  });

  it("changes, removes and reorders blocks without touching the others", () => {
    expect(updateBlock(plan, "brief", { done: true, ownerId: "u1" })[0]).toEqual(block("brief", { done: true, ownerId: "u1" }));
    expect(updateBlock(plan, "brief", { done: true })[1]).toBe(plan[1]);
    expect(removeBlock(plan, "roster").map((b) => b.id)).toEqual(["brief", "signs"]);
    expect(moveBlock(plan, "roster", -1).map((b) => b.id)).toEqual(["roster", "brief", "signs"]);
    expect(moveBlock(plan, "roster", 1).map((b) => b.id)).toEqual(["brief", "signs", "roster"]);
    expect(moveBlock(plan, "brief", -1).map((b) => b.id)).toEqual(["brief", "roster", "signs"]);
    expect(moveBlock(plan, "signs", 1).map((b) => b.id)).toEqual(["brief", "roster", "signs"]);
    expect(plan.map((b) => b.id)).toEqual(["brief", "roster", "signs"]);
  });
});

describe("team, locations and the decision log", () => {
  it("toggles team names, ignoring case and blanks", () => {
    expect(toggleTeam(["IT"], "Marketing")).toEqual(["IT", "Marketing"]);
    expect(toggleTeam(["IT", "Marketing"], "it")).toEqual(["Marketing"]);
    expect(toggleTeam(["IT"], "  ")).toEqual(["IT"]);
  });

  it("keeps a location in one group at most", () => {
    const groups = { pilot: ["ams"], control: ["utr"] };
    expect(assignLocation(groups, "utr", "pilot")).toEqual({ pilot: ["ams", "utr"], control: [] });
    expect(assignLocation(groups, "ams", null)).toEqual({ pilot: [], control: ["utr"] });
    expect(groups).toEqual({ pilot: ["ams"], control: ["utr"] });
  });

  it("lists one experiment's decisions, newest first", () => {
    const decision = (id: string, experimentId: string, at: string): Decision => ({ ...meta, id, experimentId, at, from: "idea", to: "proposed", reason: "", userId: "u1", userName: "A" });
    const log = [decision("d1", "e1", "2026-03-01T10:00:00Z"), decision("d2", "e2", "2026-03-02T10:00:00Z"), decision("d3", "e1", "2026-03-03T10:00:00Z")];
    expect(decisionsOf(log, "e1").map((d) => d.id)).toEqual(["d3", "d1"]);
  });

  it("takes over from findings what they agree on, and nothing where they differ", () => {
    const from = [{ stage: "purchase", segment: null }, { stage: "purchase", segment: "families" }, { stage: "purchase", segment: "seniors" }];
    expect(commonValue(from, "stage")).toBe("purchase");
    expect(commonValue(from, "segment")).toBeNull();
    expect(commonValue(from.slice(0, 2), "segment")).toBe("families");
    expect(commonValue([], "stage")).toBeNull();
  });

  it("reads the findings to start from out of the address", () => {
    expect(parseIdList("a, b,,a")).toEqual(["a", "b"]);
    expect(parseIdList(undefined)).toEqual([]);
    expect(parseIdList(["a", "c"])).toEqual(["a", "c"]);
  });
});
