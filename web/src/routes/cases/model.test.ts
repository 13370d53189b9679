import { caseGaps } from "../../../../shared/business-cases/lifecycle";
import { TITLE_MAX } from "../../../../shared/limits";
import { describe, expect, it } from "vitest";
import type { Entity } from "../../data/local/types";
import {
  beyondMeasured,
  amountFromInput,
  benefitBars,
  caseEvidence,
  casesByStatus,
  chosenExperiments,
  experimentChoices,
  formatMoney,
  formatMonths,
  historyOf,
  liftFromExperiment,
  liftFromInput,
  liftToInput,
  meetingAgenda,
  meetingOf,
  nameOf,
  newOption,
  newRisk,
  npvBars,
  primaryComparison,
  primaryExperiment,
  rateFromInput,
  scenariosOf,
  updateItem,
  withDoNothing,
  type BusinessCase,
  type CaseDecision,
} from "./model";
import { EMPTY_CASE } from "../../../../shared/defaults";

const meta = { pending: false, authorId: "u1", createdAt: "2026-01-01T00:00:00Z", updatedAt: "2026-01-01T00:00:00Z" };
const experiment = (fields: Partial<Entity<"experiment">> & { id: string }): Entity<"experiment"> => ({ ...meta, ...fields });
const finding = (id: string): Entity<"finding"> => ({ ...meta, id, saw: `saw ${id}` });
const bcase = (id: string, fields: Partial<BusinessCase> = {}): BusinessCase => ({ ...meta, id, ...fields });

/** The demo's won experiment: 820 / 4000 against 910 / 4000 (20.5 % → 22.75 %). */
const won = experiment({
  id: "x-won",
  title: "Reserve online",
  status: "won",
  primaryKpiId: "k-conv",
  design: "ab_split",
  findingIds: ["f1", "f2"],
  results: [{ kpiId: "k-conv", control: { users: 4000, conversions: 820 }, treatment: { users: 4000, conversions: 910 } }],
});

describe("the lift prefilled from an experiment's result", () => {
  it("takes the measured lift as base and the 95 % interval as low and high, the control rate as baseline", () => {
    const prefill = liftFromExperiment(won, "higher")!;
    expect(prefill.kpiId).toBe("k-conv");
    expect(prefill.baseline).toBeCloseTo(0.205, 12);
    expect(prefill.lift.base).toBeCloseTo(0.0225, 12);
    // Wald interval of the difference: 0.0225 ± 1.959964 · √((0.205·0.795 + 0.2275·0.7725) / 4000) = ±0.0180359
    expect(prefill.lift.low).toBeCloseTo(0.0225 - 0.0180359, 6);
    expect(prefill.lift.high).toBeCloseTo(0.0225 + 0.0180359, 6);
  });

  it("for a KPI where lower is better, takes the reduction as the lift, so a won experiment is a benefit", () => {
    // Waiting time in minutes: 12 (sd 4, 400 customers) before, 10 (sd 4, 400) with the change.
    const shorterWait = experiment({
      id: "x-wait",
      status: "won",
      primaryKpiId: "k-wait",
      design: "ab_split",
      results: [{ kpiId: "k-wait", control: { n: 400, mean: 12, sd: 4 }, treatment: { n: 400, mean: 10, sd: 4 } }],
    });
    const asMeasured = liftFromExperiment(shorterWait, "higher")!;
    expect(asMeasured.lift.base).toBeCloseTo(-2, 12);
    const lower = liftFromExperiment(shorterWait, "lower")!;
    expect(lower.kpiId).toBe("k-wait");
    expect(lower.baseline).toBe(12);
    // low = −(upper bound), base = −(measured lift), high = −(lower bound): 2 minutes less, ±1.96 · √(16/400 + 16/400).
    expect(lower.lift.base).toBeCloseTo(2, 12);
    expect(lower.lift.low).toBeCloseTo(-asMeasured.lift.high, 12);
    expect(lower.lift.high).toBeCloseTo(-asMeasured.lift.low, 12);
    expect(lower.lift.low).toBeCloseTo(2 - 1.96 * Math.sqrt(0.08), 2);
    expect(lower.lift.low).toBeGreaterThan(0);
    expect(lower.lift.low).toBeLessThan(lower.lift.base);
    expect(lower.lift.base).toBeLessThan(lower.lift.high);
    // Feeding the case: every scenario is a benefit, not a loss.
    const figures = scenariosOf({ ...EMPTY_CASE, lift: lower.lift, annualVolume: 10_000, valuePerUnit: 1, investment: 0, runningCostPerYear: 0, horizonYears: 1, discountRate: 0 })!;
    expect(figures.low.annualBenefit).toBeGreaterThan(0);
    expect(figures.base.annualBenefit).toBeCloseTo(20_000, 6);
    // Without a direction known (the KPI not on this device) the lift stays as measured.
    expect(liftFromExperiment(shorterWait, undefined)!.lift).toEqual(asMeasured.lift);
  });

  it("has nothing to offer without a result for the primary KPI", () => {
    expect(liftFromExperiment(experiment({ id: "x", primaryKpiId: "k-conv", results: [] }), "higher")).toBeNull();
    expect(liftFromExperiment(experiment({ ...won, primaryKpiId: "k-other" }), "higher")).toBeNull();
    expect(liftFromExperiment(undefined, undefined)).toBeNull();
  });

  it("prefers a won experiment as the primary one, whatever the order", () => {
    const idea = experiment({ id: "x-idea", status: "idea" });
    expect(primaryExperiment(["x-idea", "x-won"], [idea, won])?.id).toBe("x-won");
    expect(primaryExperiment(["x-idea"], [idea, won])?.id).toBe("x-idea");
    expect(primaryExperiment([], [idea, won])).toBeUndefined();
  });

  it("offers the titled experiments, won ones first, then by title", () => {
    const idea = experiment({ id: "x-idea", title: "Apron colours", status: "idea" });
    const scaled = experiment({ id: "x-scaled", title: "Queue buster", status: "scaled" });
    const untitled = experiment({ id: "x-untitled", status: "won" });
    expect(experimentChoices([idea, scaled, untitled, won]).map((x) => x.id)).toEqual(["x-scaled", "x-won", "x-idea"]);
  });

  it("brings the primary experiment's measured lift along with the chosen experiments, unless the author overrode it", () => {
    const idea = experiment({ id: "x-idea", status: "idea" });
    const measured = liftFromExperiment(won, "higher")!;
    expect(chosenExperiments(["x-idea", "x-won"], false, [idea, won], () => "higher")).toEqual({ experimentIds: ["x-idea", "x-won"], kpiId: "k-conv", baseline: measured.baseline, lift: measured.lift });
    expect(chosenExperiments(["x-idea", "x-won"], true, [idea, won], () => "higher")).toEqual({ experimentIds: ["x-idea", "x-won"] });
    // Without a usable result the lift stays what it was.
    expect(chosenExperiments(["x-idea"], false, [idea, won], () => "higher")).toEqual({ experimentIds: ["x-idea"] });
  });

  it("compares the primary KPI's result, when there is one the statistics can compare", () => {
    expect(primaryComparison(won)?.absoluteLift).toBeCloseTo(0.0225, 12);
    expect(primaryComparison(experiment({ ...won, primaryKpiId: "k-other" }))).toBeNull();
    expect(primaryComparison(experiment({ id: "x" }))).toBeNull();
  });

  it("shows a rate lift in points and reads points back as a rate", () => {
    expect(liftToInput(0.0225, "proportion", "en")).toBe("2.25");
    expect(liftToInput(0.0225, "proportion", "nl")).toBe("2,25");
    expect(liftToInput(1.5, "mean", "en")).toBe("1.5");
    // A measured bound is shown to three significant digits, never as a raw "0.150406".
    expect(liftToInput(0.00150406, "proportion", "en")).toBe("0.15");
    expect(liftToInput(0.00446135, "proportion", "nl")).toBe("0,446");
    expect(liftToInput(0.0405335, "proportion", "en")).toBe("4.05");
    expect(liftToInput(-0.0000123, "mean", "en")).toBe("-0.000012");
    expect(liftFromInput("2,25", "proportion")).toBe(0.0225);
    expect(liftFromInput("-0.5", "proportion")).toBe(-0.005);
    expect(liftFromInput("1.5", "mean")).toBe(1.5);
    expect(liftFromInput("", "proportion")).toBeNull();
    expect(liftFromInput("abc", "proportion")).toBeUndefined();
  });

  it("accepts amounts in either language and refuses negative ones; the rate in percent below 100", () => {
    expect(amountFromInput("1.234,5")).toBe(1234.5);
    expect(amountFromInput("25000")).toBe(25000);
    expect(amountFromInput("-1")).toBeUndefined();
    expect(rateFromInput("8")).toBe(0.08);
  });

  it("reads thousands grouped the English or the Dutch way as thousands, not as decimals", () => {
    expect(amountFromInput("10,000")).toBe(10000);
    expect(amountFromInput("10.000")).toBe(10000);
    expect(amountFromInput("1,234,567")).toBe(1234567);
    expect(amountFromInput("€ 120.000")).toBe(120000);
    expect(amountFromInput("12,5")).toBe(12.5);
    expect(amountFromInput("12.50")).toBe(12.5);
    expect(amountFromInput("1,234.56")).toBe(1234.56);
    expect(amountFromInput("0,125")).toBe(0.125);
    expect(rateFromInput("100")).toBeUndefined();
    expect(rateFromInput("")).toBeNull();
  });
});

describe("scenarios beyond what was measured", () => {
  const measured = { kpiId: "k", baseline: 0.2, lift: { low: 0.004, base: 0.0225, high: 0.041 } };
  it("names each scenario outside the measured interval, and on which side", () => {
    // Base +5 points against a measured +0.4 … +4.1: the case counts on more than was measured.
    expect(beyondMeasured({ low: 0.004, base: 0.05, high: 0.06 }, measured)).toEqual([
      { scenario: "base", value: 0.05, side: "above" },
      { scenario: "high", value: 0.06, side: "above" },
    ]);
    expect(beyondMeasured({ low: -0.01, base: 0.02, high: 0.041 }, measured)).toEqual([{ scenario: "low", value: -0.01, side: "below" }]);
  });

  it("nothing for the measured lift itself, its bounds included (binary noise aside), or without a measured result", () => {
    expect(beyondMeasured(measured.lift, measured)).toEqual([]);
    expect(beyondMeasured({ low: 0.1 * 0.04, base: 0.0225, high: 0.041 + 1e-15 }, measured)).toEqual([]);
    expect(beyondMeasured({ low: 0, base: 1, high: 2 }, null)).toEqual([]);
    expect(beyondMeasured(null, measured)).toEqual([]);
  });
});

describe("the figures", () => {
  const complete = {
    ...EMPTY_CASE,
    lift: { low: 0.01, base: 0.02, high: 0.03 },
    annualVolume: 100_000,
    valuePerUnit: 50,
    investment: 100_000,
    runningCostPerYear: 20_000,
    horizonYears: 3,
    discountRate: 0.08,
  };

  it("computes the three scenarios once every number is in", () => {
    const scenarios = scenariosOf(complete)!;
    // base: benefit 100000·0.02·50 = 100000 a year, net 80000; annuity(8 %, 3) = 2.577097; NPV = −100000 + 206167.76
    expect(scenarios.base.annualBenefit).toBeCloseTo(100_000, 6);
    expect(scenarios.base.npv).toBeCloseTo(106_167.76, 1);
    // low: net 30000 a year → NPV = −100000 + 77312.91 = −22687.09: it loses money
    expect(scenarios.low.npv).toBeCloseTo(-22_687.09, 1);
    expect(scenarios.base.paybackMonths).toBeCloseTo(15, 6);
  });

  it("has no figures while a number is missing", () => {
    expect(scenariosOf({ ...complete, investment: null })).toBeNull();
    expect(scenariosOf({ ...complete, lift: null })).toBeNull();
  });

  it("keeps a case from the board while an overridden lift has no reason", () => {
    const ready = { ...complete, options: withDoNothing([], () => ({ id: "o1", title: "Do nothing", description: "", doNothing: true })), recommendation: "Go" };
    expect(caseGaps(ready)).toEqual([]);
    expect(caseGaps({ ...ready, liftOverridden: true })).toEqual(["override_reason"]);
    expect(caseGaps({ ...ready, liftOverridden: true, liftOverrideReason: "Seasonal peak" })).toEqual([]);
    expect(caseGaps({ ...ready, options: [] })).toContain("do_nothing_option");
  });

  it("always keeps a do-nothing option, and only one", () => {
    const make = () => ({ id: "new", title: "Do nothing", description: "", doNothing: true });
    expect(withDoNothing([], make).map((o) => o.id)).toEqual(["new"]);
    const kept = [{ id: "dn", title: "Do nothing", description: "", doNothing: true }];
    expect(withDoNothing(kept, make).map((o) => o.id)).toEqual(["dn"]);
  });
});

describe("the NPV chart", () => {
  const box = { width: 300, height: 120, top: 10, bottom: 10, left: 0, right: 0 };

  it("hangs a loss below the zero line and stands a gain above it, on one scale", () => {
    const { zeroY, bars } = npvBars({ low: { npv: -50 }, base: { npv: 100 }, high: { npv: 150 } }, box);
    // 200 units over 100 px: zero sits 150/200 of the way down from the top.
    expect(zeroY).toBeCloseTo(10 + 75, 9);
    const [low, base, high] = bars;
    expect(low!.negative).toBe(true);
    expect(low!.y).toBeCloseTo(zeroY, 9);
    expect(low!.height).toBeCloseTo(25, 9);
    expect(base!.y + base!.height).toBeCloseTo(zeroY, 9);
    expect(high!.y).toBeCloseTo(10, 9);
    expect(high!.height).toBeCloseTo(75, 9);
    expect(low!.x).toBeLessThan(base!.x);
  });

  it("keeps zero in view when every scenario gains, and draws a line for three zeros", () => {
    expect(npvBars({ low: { npv: 10 }, base: { npv: 20 }, high: { npv: 40 } }, box).zeroY).toBeCloseTo(110, 9);
    const flat = npvBars({ low: { npv: 0 }, base: { npv: 0 }, high: { npv: 0 } }, box);
    expect(flat.zeroY).toBeCloseTo(60, 9);
    expect(flat.bars.every((b) => b.height === 0 && Number.isFinite(b.y))).toBe(true);
  });

  it("draws target and actual per quarter, and only the target where nothing is measured yet", () => {
    const { bars, labels } = benefitBars(
      [
        { quarter: "2026-Q1", target: 100, actual: 80 },
        { quarter: "2026-Q2", target: 100, actual: null },
      ],
      box,
    );
    expect(bars.map((b) => `${b.quarter}:${b.kind}`)).toEqual(["2026-Q1:target", "2026-Q1:actual", "2026-Q2:target"]);
    expect(bars[1]!.height).toBeCloseTo(80, 9);
    expect(labels).toHaveLength(2);
  });
});

describe("formats", () => {
  it("writes money in whole euros for the language, and payback in months", () => {
    expect(formatMoney(106167.76, "en")).toBe("€106,168");
    expect(formatMoney(-22687.09, "nl")).toMatch(/^€\s?-22\.687$/);
    expect(formatMonths(15, "en")).toBe("15 months");
    expect(formatMonths(7.46, "nl")).toBe("7,5 maanden");
  });
});

describe("lists and packs", () => {
  it("groups cases by status in lifecycle order, a case without status as a draft", () => {
    const groups = casesByStatus([bcase("a", { status: "approved" }), bcase("b"), bcase("c", { status: "submitted" })]);
    expect(groups.map((g) => `${g.status}:${g.cases.map((c) => c.id).join("")}`)).toEqual(["draft:b", "submitted:c", "approved:a", "rejected:", "deferred:"]);
  });

  it("puts every submitted case on the meeting's agenda, by title", () => {
    const agenda = meetingAgenda([bcase("1", { status: "submitted", title: "Tills" }), bcase("2", { status: "draft", title: "A" }), bcase("3", { status: "submitted", title: "Pickup" })]);
    expect(agenda.map((c) => c.id)).toEqual(["3", "1"]);
  });

  it("reads the meeting a pack is for from its address: a real date (else today) and a name (else the default)", () => {
    expect(meetingOf({ date: "2026-12-10", meeting: "  Board meeting, December " }, "2026-11-30", "Board meeting")).toEqual({ date: "2026-12-10", meeting: "Board meeting, December" });
    expect(meetingOf({}, "2026-11-30", "Board meeting")).toEqual({ date: "2026-11-30", meeting: "Board meeting" });
    for (const date of ["2026-02-30", "10-12-2026", "tomorrow", ""]) expect(meetingOf({ date, meeting: "   " }, "2026-11-30", "Board meeting"), date).toEqual({ date: "2026-11-30", meeting: "Board meeting" });
    // A name past the title limit is cut to it rather than thrown away.
    expect(meetingOf({ meeting: "x".repeat(500) }, "2026-11-30", "Board meeting").meeting).toHaveLength(TITLE_MAX);
  });

  it("gathers the experiments' findings and the case's own, each once, leaving out what is not on the device", () => {
    const findings = ["f1", "f2", "f3"].map(finding);
    const evidence = caseEvidence({ experimentIds: ["x-won", "x-gone"], findingIds: ["f2", "f3", "f-missing"] }, [won], findings);
    expect(evidence.map((f) => f.id)).toEqual(["f1", "f2", "f3"]);
  });

  it("tells a case's history oldest first, and only its own", () => {
    const d = (id: string, caseId: string, at: string): CaseDecision => ({ ...meta, id, businessCaseId: caseId, at, from: "draft", to: "submitted", reason: "r", userId: "u", userName: "U" });
    expect(historyOf([d("2", "c", "2026-02-02"), d("1", "c", "2026-02-01"), d("3", "other", "2026-01-01")], "c").map((x) => x.id)).toEqual(["1", "2"]);
  });
});

describe("the options and risks of a case", () => {
  it("adds an option to describe and a risk scored in the middle, each with its own id", () => {
    const option = newOption("Second till");
    expect(option).toMatchObject({ title: "Second till", description: "", doNothing: false });
    const risk = newRisk("Staff shortage");
    expect(risk).toMatchObject({ title: "Staff shortage", likelihood: 3, impact: 3, mitigation: "" });
    expect(newOption("Second till").id).not.toBe(option.id);
  });

  it("changes one item by id and leaves the others as they are", () => {
    const risks = [newRisk("A"), newRisk("B")];
    const changed = updateItem(risks, risks[1]!.id, { impact: 5 });
    expect(changed.map((r) => r.impact)).toEqual([3, 5]);
    expect(changed[0]).toBe(risks[0]);
    expect(risks[1]!.impact).toBe(3);
  });

  it("names a setting by id when it is on this device", () => {
    const themes = [{ id: "t1", name: "Queues" }];
    expect(nameOf(themes, "t1")).toBe("Queues");
    expect(nameOf(themes, "t2")).toBeUndefined();
    expect(nameOf(themes, null)).toBeUndefined();
  });
});

describe("the lift of a store pilot, measured from the KPI's values", () => {
  const stores = ["p1", "p2", "p3", "c1", "c2", "c3"];
  const monday = (week: number) => new Date(Date.UTC(2025, 0, 6 + 7 * week)).toISOString().slice(0, 10);
  // Conversion in percent per store and week: each store its own level and wobble, +1 point in the pilot stores from week 8.
  const measurements = stores.flatMap((id, s) =>
    Array.from({ length: 16 }, (_, week) => ({
      kpiId: "k-conv",
      period: "week" as const,
      periodStart: monday(week),
      locationId: id,
      segmentId: null,
      value: 20 + s + (((s * 5 + week * 3) % 7) - 3) / 10 + (id.startsWith("p") && week >= 8 ? 1 : 0),
    })),
  );
  const pilot = experiment({
    id: "x-pilot",
    status: "won",
    primaryKpiId: "k-conv",
    design: "pilot_control",
    pilotLocationIds: ["p1", "p2", "p3"],
    controlLocationIds: ["c1", "c2", "c3"],
    pilotStart: monday(8),
    pilotEnd: "2025-04-27",
    results: [],
  });
  const conversion = { ...meta, id: "k-conv", kind: "proportion" as const, unit: "percent" as const, direction: "higher" as const };
  const context = { records: { measurements, decisions: [], today: "2025-06-01" }, kpiOf: (id: string | null | undefined) => (id === "k-conv" ? conversion : undefined) };

  it("takes the measured effect and its interval (a rate in percent becomes a share), the pilot stores' level before as baseline", () => {
    const prefill = liftFromExperiment(pilot, "higher", context)!;
    expect(prefill.kpiId).toBe("k-conv");
    expect(prefill.lift.base).toBeCloseTo(0.01, 2);
    expect(prefill.lift.low).toBeLessThan(prefill.lift.base);
    expect(prefill.lift.high).toBeGreaterThan(prefill.lift.base);
    expect(prefill.lift.low).toBeGreaterThan(0);
    expect(prefill.baseline).toBeCloseTo(0.21, 2);
    // Lower is better: the reduction, turned round.
    const lower = liftFromExperiment(pilot, "lower", context)!;
    expect(lower.lift).toEqual({ low: -prefill.lift.high + 0, base: -prefill.lift.base + 0, high: -prefill.lift.low + 0 });
    expect(chosenExperiments(["x-pilot"], false, [pilot], () => "higher", context)).toEqual({ experimentIds: ["x-pilot"], kpiId: "k-conv", baseline: prefill.baseline, lift: prefill.lift });
  });

  it("falls back to figures typed earlier, and is none without either", () => {
    expect(liftFromExperiment(pilot, "higher", { ...context, records: { ...context.records, measurements: [] } })).toBeNull();
    const typed = { ...pilot, results: won.results };
    expect(liftFromExperiment(typed, "higher", { ...context, records: { ...context.records, measurements: [] } })).toEqual(liftFromExperiment(won, "higher"));
  });
});
