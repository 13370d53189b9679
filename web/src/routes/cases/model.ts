import { canCreate } from "../../../../shared/permissions";
/**
 * What the business-case screens compute from the records on the device: the lift prefilled
 * from an experiment's result, the scenarios (computed here, so they work offline), the NPV
 * chart's geometry, money and month formats, and what a board pack gathers. Pure functions,
 * tested without a browser.
 */
import { SCENARIOS, type ScenarioName } from "../../../../shared/finance";
import { caseScenarios } from "../../../../shared/business-cases/snapshot";
import type { BusinessCaseFields, CaseLift, CaseOption, CaseRisk } from "../../../../shared/schemas/business-case";
import type { Role } from "../../../../shared/roles";
import type { Entity } from "../../data/local/types";
import { parseDecimal } from "../experiments/model";
import type { CompareResult } from "../../../../shared/stats/schemas";
import { armValues, compareResult, type Language, type UnitWord } from "../experiments/results";
import { localeOf, numberFormat } from "../../format";
import { EMPTY_CASE } from "../../../../shared/defaults";
import { TITLE_MAX } from "../../../../shared/limits";
import { BUSINESS_CASE_STATUSES, type BusinessCaseStatus, type ExperimentStatus, type KpiDirection, type KpiKind } from "../../../../shared/enums";
import { compareText } from "../../order";
import { isMeasuredDesign, measuredFor, storedInPercent, type PilotRecords } from "../../../../shared/experiments/pilot-result";

export type BusinessCase = Entity<"business_case">;
export type CaseDecision = Entity<"business_case_decision">;
type Experiment = Entity<"experiment">;
type Finding = Entity<"finding">;
export type { BusinessCaseStatus, ScenarioName };

/** The status a list is filtered on (`?status=approved`); anything else is no filter. */
export function caseStatusFilter(value: string | undefined): BusinessCaseStatus | null {
  return (BUSINESS_CASE_STATUSES as readonly string[]).includes(value ?? "") ? (value as BusinessCaseStatus) : null;
}

/** A case the server has not given a status yet is a draft. */
export const caseStatusOf = (record: Pick<BusinessCase, "status"> | undefined): BusinessCaseStatus => record?.status ?? "draft";

/** The roles the server lets write a case's fields (sync writers). */
/** Whether a role writes business cases at all (the rule book decides per record: drafts only). */
export const canEditCases = (role: Role) => canCreate({ id: "", role }, "business_case").ok;

/** A stored case's fields, each with its empty value where the record has none yet. */
export function fieldsOf(record: BusinessCase | undefined): BusinessCaseFields {
  const fields = { ...EMPTY_CASE } as BusinessCaseFields;
  if (!record) return fields;
  for (const key of Object.keys(EMPTY_CASE) as (keyof BusinessCaseFields)[]) {
    const value = record[key];
    if (value !== undefined) (fields as unknown as Record<string, unknown>)[key] = value;
  }
  return fields;
}

export const doNothingOption = (title: string, description: string): CaseOption => ({ id: crypto.randomUUID(), title, description, doNothing: true });

/** The options with a "do nothing" first whenever none is there: it is what every case is compared against. */
export function withDoNothing(options: readonly CaseOption[], make: () => CaseOption): CaseOption[] {
  return options.some((o) => o.doNothing) ? [...options] : [make(), ...options];
}

/** A new option the author named; it is described on the case. */
export const newOption = (title: string): CaseOption => ({ id: crypto.randomUUID(), title, description: "", doNothing: false });

/** A new risk, scored in the middle until the author scores it. */
export const newRisk = (title: string): CaseRisk => ({ id: crypto.randomUUID(), title, likelihood: 3, impact: 3, mitigation: "" });

/** The options or risks with one of them (by id) changed. */
export const updateItem = <T extends { id: string }>(items: readonly T[], id: string, patch: Partial<T>): T[] =>
  items.map((item) => (item.id === id ? { ...item, ...patch } : item));

// The lift, from an experiment ------------------------------------------------------------

export interface LiftPrefill {
  kpiId: string;
  /** The control group's rate (or mean): the level the lift is added to. */
  baseline: number;
  lift: CaseLift;
}

const WON: ReadonlySet<ExperimentStatus | undefined> = new Set<ExperimentStatus | undefined>(["won", "scaled"]);
export const isWon = (experiment: Pick<Experiment, "status">) => WON.has(experiment.status);

/** The experiment the lift comes from: the first won one among the case's, else the first. */
export function primaryExperiment(experimentIds: readonly string[], experiments: readonly Experiment[]): Experiment | undefined {
  const chosen = experimentIds.map((id) => experiments.find((x) => x.id === id)).filter((x): x is Experiment => x !== undefined);
  return chosen.find(isWon) ?? chosen[0];
}

/** What reading a store pilot's measured result takes: the device's measurements and decisions, and the KPIs. */
export interface PilotContext {
  records: PilotRecords;
  kpiOf: (id: string | null | undefined) => Entity<"kpi"> | undefined;
}

/** The lift as a case counts it: turned round for a KPI where lower is better. */
function prefill(kpiId: string, baseline: number, base: number, [low, high]: readonly [number, number], direction: KpiDirection | undefined): LiftPrefill {
  // `+ 0` keeps a zero lift from turning into −0.
  if (direction === "lower") return { kpiId, baseline, lift: { low: -high + 0, base: -base + 0, high: -low + 0 } };
  return { kpiId, baseline, lift: { low, base, high } };
}

/**
 * A store pilot's measured effect and its interval as a case's lift, in the scale the case
 * reads (a rate measured in percent becomes a share: 0.9 points is 0.009), on the pilot stores'
 * level before the start; null until the measurements give a result.
 */
export function liftFromPilot(experiment: Experiment, kpiId: string, direction: KpiDirection | undefined, pilot: PilotContext): LiftPrefill | null {
  const measured = measuredFor(experiment, kpiId, pilot.records);
  if (measured?.state !== "ready") return null;
  const scale = storedInPercent(pilot.kpiOf(kpiId)) ? 1 / 100 : 1;
  const { absoluteLift, ciAbsolute, level } = measured.comparison;
  const tidyScaled = (value: number) => tidy(value * scale);
  return prefill(kpiId, tidyScaled(level ?? 0), tidyScaled(absoluteLift), [tidyScaled(ciAbsolute[0]), tidyScaled(ciAbsolute[1])], direction);
}

/**
 * The lift scenarios from the experiment's primary-KPI result: low = the lower bound of the
 * 95 % interval, base = the measured lift, high = the upper bound. For a KPI where lower is
 * better (waiting time, complaints) the benefit is the reduction, so the lift is turned round:
 * low = −upper bound, base = −measured lift, high = −lower bound; a won experiment then never
 * reads as a loss. None without a result the statistics can compare. A store pilot's result is
 * measured (given the device's records), its figures typed earlier the fallback.
 */
export function liftFromExperiment(experiment: Experiment | undefined, direction: KpiDirection | undefined, pilot?: PilotContext): LiftPrefill | null {
  const kpiId = experiment?.primaryKpiId;
  if (!experiment || !kpiId) return null;
  if (pilot && isMeasuredDesign(experiment.design)) {
    const measured = liftFromPilot(experiment, kpiId, direction, pilot);
    if (measured) return measured;
  }
  const result = (experiment.results ?? []).find((r) => r.kpiId === kpiId);
  if (!result) return null;
  const outcome = compareResult(result, experiment.design, experiment.treatmentShare);
  if (!outcome.ok) return null;
  const { absoluteLift, ciAbsolute } = outcome.value;
  return prefill(kpiId, armValues(result).control, absoluteLift, ciAbsolute, direction);
}

export interface BeyondMeasured {
  scenario: ScenarioName;
  value: number;
  side: "above" | "below";
}

/**
 * The scenarios a case counts on that lie outside the interval its experiment measured (an
 * author's override above the upper bound, say): the board must read them as estimates, not
 * evidence. None without a measured result to hold them against.
 */
export function beyondMeasured(lift: CaseLift | null | undefined, measured: LiftPrefill | null | undefined): BeyondMeasured[] {
  if (!lift || !measured) return [];
  const { low, high } = measured.lift;
  // A bound typed back in from its rounded display is the bound: only binary noise apart.
  const slack = 1e-9 * Math.max(Math.abs(low), Math.abs(high), 1e-12);
  return SCENARIOS.flatMap((scenario): BeyondMeasured[] => {
    const value = lift[scenario];
    if (value > high + slack) return [{ scenario, value, side: "above" }];
    if (value < low - slack) return [{ scenario, value, side: "below" }];
    return [];
  });
}

/** The experiments a case can rest on: those with a title, won ones first, then by title. */
export function experimentChoices(experiments: readonly Experiment[]): Experiment[] {
  return [...experiments].filter((x) => x.title).sort((a, b) => Number(isWon(b)) - Number(isWon(a)) || (a.title ?? "").localeCompare(b.title ?? ""));
}

/**
 * What choosing the case's experiments changes: the list, and unless the author overrode the
 * lift, the KPI, baseline and lift of the new primary experiment's result (when it has one).
 */
export function chosenExperiments(
  ids: string[],
  liftOverridden: boolean,
  experiments: readonly Experiment[],
  directionOf: (experiment: Experiment | undefined) => KpiDirection | undefined,
  pilot?: PilotContext,
): Partial<BusinessCaseFields> {
  const changes: Partial<BusinessCaseFields> = { experimentIds: ids };
  if (!liftOverridden) {
    const chosen = primaryExperiment(ids, experiments);
    const measured = liftFromExperiment(chosen, directionOf(chosen), pilot);
    if (measured) Object.assign(changes, { kpiId: measured.kpiId, baseline: measured.baseline, lift: measured.lift });
  }
  return changes;
}

/** The statistics of an experiment's primary-KPI result, when it has one they can compare. */
export function primaryComparison(experiment: Experiment): CompareResult | null {
  const result = (experiment.results ?? []).find((r) => r.kpiId === experiment.primaryKpiId);
  const outcome = result ? compareResult(result, experiment.design, experiment.treatmentShare) : null;
  return outcome?.ok ? outcome.value : null;
}

/** Drops the binary noise of a conversion (0.0225 × 100 = 2.2499999999999996). */
const tidy = (value: number) => Number(value.toPrecision(12));

/**
 * A lift as typed: in points for a rate KPI (0.0225 → "2.25"), in the KPI's unit otherwise; to
 * three significant digits and at least two decimals, so a measured bound reads "0.446", not
 * "0.446135" (the field saves only what is typed over it).
 */
export function liftToInput(lift: number | undefined, kind: KpiKind | undefined, language: Language): string {
  if (lift === undefined || !Number.isFinite(lift)) return "";
  const shown = tidy(kind === "proportion" ? lift * 100 : lift);
  const decimals = shown === 0 ? 2 : Math.min(6, Math.max(2, 2 - Math.floor(Math.log10(Math.abs(shown)))));
  const text = String(Number(shown.toFixed(decimals)));
  return language === "nl" ? text.replace(".", ",") : text;
}

export function liftFromInput(text: string, kind: KpiKind | undefined): number | null | undefined {
  const parsed = parseDecimal(text);
  if (!parsed.ok) return undefined;
  if (parsed.value === null) return null;
  return tidy(kind === "proportion" ? parsed.value / 100 : parsed.value);
}

/** An amount or a count as typed (both languages, grouping allowed); negative is not an amount. */
export function amountFromInput(text: string): number | null | undefined {
  const parsed = parseDecimal(text, { amount: true });
  if (!parsed.ok) return undefined;
  if (parsed.value !== null && parsed.value < 0) return undefined;
  return parsed.value;
}

/** The discount rate typed in percent ("8" → 0.08), within [0, 100). */
export function rateFromInput(text: string): number | null | undefined {
  const parsed = parseDecimal(text);
  if (!parsed.ok) return undefined;
  if (parsed.value === null) return null;
  if (parsed.value < 0 || parsed.value >= 100) return undefined;
  return tidy(parsed.value / 100);
}

// The figures -----------------------------------------------------------------------------

/** The scenarios once every number is in; null while one is missing or too large to compute (shared with the server's frozen submissions). */
export const scenariosOf = caseScenarios;

export interface NpvBar {
  scenario: ScenarioName;
  npv: number;
  x: number;
  y: number;
  width: number;
  height: number;
  negative: boolean;
}

export interface NpvChartBox {
  width: number;
  height: number;
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/**
 * Bars of NPV per scenario around a zero line: the scale always includes zero, so a loss
 * hangs below the line and a gain stands above it; three zeros still draw a line.
 */
export function npvBars(scenarios: Record<ScenarioName, { npv: number }>, box: NpvChartBox): { zeroY: number; bars: NpvBar[] } {
  const values = SCENARIOS.map((name) => scenarios[name].npv);
  let max = Math.max(0, ...values);
  let min = Math.min(0, ...values);
  if (max === min) {
    max = 1;
    min = -1;
  }
  const plotHeight = box.height - box.top - box.bottom;
  const yOf = (value: number) => box.top + ((max - value) / (max - min)) * plotHeight;
  const zeroY = yOf(0);
  const slot = (box.width - box.left - box.right) / SCENARIOS.length;
  const width = slot * 0.56;
  const bars = SCENARIOS.map((scenario, index) => {
    const npv = scenarios[scenario].npv;
    const y = yOf(npv);
    return { scenario, npv, x: box.left + slot * index + (slot - width) / 2, y: Math.min(y, zeroY), width, height: Math.abs(zeroY - y), negative: npv < 0 };
  });
  return { zeroY, bars };
}

// Formats ---------------------------------------------------------------------------------

/** Money in whole euros for the language: "€12,345" / "€ 12.345". */
export function formatMoney(amount: number, language: Language, signed = false): string {
  return numberFormat(localeOf(language), { style: "currency", currency: "EUR", maximumFractionDigits: 0, minimumFractionDigits: 0, signDisplay: signed ? "exceptZero" : "auto" }).format(amount + 0);
}

/** A share (ROI 0.42 → "42 %"); "–" when there is none. */
export function formatPercent(share: number | null, language: Language): string {
  if (share === null) return "–";
  return numberFormat(localeOf(language), { style: "percent", maximumFractionDigits: 1 }).format(share);
}

/** Payback in months, to one decimal ("7.5 months"); null has its own words (the caller's). */
export function formatMonths(months: number, language: Language, display: "long" | "short" = "long"): string {
  return numberFormat(localeOf(language), { style: "unit", unit: "month", unitDisplay: display, maximumFractionDigits: 1 }).format(months);
}

export function formatCount(value: number, language: Language): string {
  return numberFormat(localeOf(language), { maximumFractionDigits: 2 }).format(value);
}

/** A lift as read: "+2.25 points" ("+1 point") for a rate KPI, "+€1.20" for money, the number otherwise. */
export function formatLift(lift: number, kind: KpiKind | undefined, unit: string | undefined, language: Language, points: UnitWord): string {
  const locale = localeOf(language);
  const shown = { maximumFractionDigits: 2, signDisplay: "exceptZero" } as const;
  if (kind === "proportion") return `${numberFormat(locale, shown).format(lift * 100)} ${points(lift * 100, shown)}`;
  if (unit === "eur") return numberFormat(locale, { style: "currency", currency: "EUR", ...shown }).format(lift);
  return numberFormat(locale, shown).format(lift);
}

// The list and the packs --------------------------------------------------------------------

/** Cases per status, each group newest first. */
export function casesByStatus(cases: readonly BusinessCase[]): { status: BusinessCaseStatus; cases: BusinessCase[] }[] {
  return BUSINESS_CASE_STATUSES.map((status) => ({
    status,
    cases: cases.filter((c) => caseStatusOf(c) === status).sort((a, b) => compareText(b.updatedAt, a.updatedAt) || (a.title ?? "").localeCompare(b.title ?? "")),
  }));
}

/** A case's decisions, oldest first: the history reads as the story of the case. */
export const historyOf = (decisions: readonly CaseDecision[], caseId: string) =>
  decisions.filter((d) => d.businessCaseId === caseId).sort((a, b) => compareText(a.at ?? "", b.at ?? ""));

/**
 * The floor evidence behind a case: the findings of its experiments, then the ones it names
 * itself, each once, in that order; findings not on this device are left out.
 */
export function caseEvidence(
  fields: Pick<BusinessCaseFields, "experimentIds" | "findingIds">,
  experiments: readonly { id: string; findingIds?: readonly string[] | undefined }[],
  findings: readonly Finding[],
): Finding[] {
  const byId = new Map(findings.map((f) => [f.id, f]));
  const ids: string[] = [];
  for (const experimentId of fields.experimentIds) ids.push(...(experiments.find((x) => x.id === experimentId)?.findingIds ?? []));
  ids.push(...fields.findingIds);
  return [...new Set(ids)].map((id) => byId.get(id)).filter((f): f is Finding => f !== undefined);
}

/** What the meeting pack puts on its agenda: every submitted case, by title. */
export function meetingAgenda(cases: readonly BusinessCase[]): BusinessCase[] {
  return cases.filter((c) => caseStatusOf(c) === "submitted").sort((a, b) => (a.title ?? "").localeCompare(b.title ?? ""));
}

/** The meeting a pack is prepared for, as its address keeps it (`?date=2026-12-10&meeting=…`). */
export interface Meeting {
  /** A calendar date, YYYY-MM-DD. */
  date: string;
  meeting: string;
}

/**
 * The meeting from the pack's address: its date when it is a real calendar date, else today; its
 * name when there is one (cut to a title's length), else the default name. A reload keeps both.
 */
export function meetingOf(search: { date?: string | undefined; meeting?: string | undefined }, today: string, defaultName: string): Meeting {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(search.date ?? "");
  const real = match && new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))).toISOString().startsWith(search.date!);
  const name = (search.meeting ?? "").trim().slice(0, TITLE_MAX);
  return { date: real ? search.date! : today, meeting: name || defaultName };
}

/** The name of a setting (theme, stage, location) by id, when it is on this device. */
export const nameOf = (list: readonly { id: string; name?: string | undefined }[], id: string | null | undefined) => (id ? list.find((x) => x.id === id)?.name : undefined);

/** Risk score as boards read it: likelihood × impact, 1–25. */
export const riskScore = (risk: { likelihood: number; impact: number }) => risk.likelihood * risk.impact;

// Benefits delivered -------------------------------------------------------------------------

export interface BenefitBar {
  quarter: string;
  kind: "target" | "actual";
  value: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Target and actual side by side per quarter, on one scale that includes zero; a quarter
 * without an actual yet has only its target bar.
 */
export function benefitBars(quarters: readonly { quarter: string; target: number; actual: number | null }[], box: NpvChartBox): { zeroY: number; bars: BenefitBar[]; labels: { quarter: string; x: number }[] } {
  const values = quarters.flatMap((q) => (q.actual === null ? [q.target] : [q.target, q.actual]));
  let max = Math.max(0, ...values);
  let min = Math.min(0, ...values);
  if (max === min) max = 1;
  const plotHeight = box.height - box.top - box.bottom;
  const yOf = (value: number) => box.top + ((max - value) / (max - min)) * plotHeight;
  const zeroY = yOf(0);
  const slot = (box.width - box.left - box.right) / Math.max(1, quarters.length);
  const width = slot * 0.36;
  const bars: BenefitBar[] = [];
  const labels = quarters.map((q, index) => {
    const start = box.left + slot * index + slot * 0.1;
    const bar = (kind: "target" | "actual", value: number, x: number) => {
      const y = yOf(value);
      bars.push({ quarter: q.quarter, kind, value, x, y: Math.min(y, zeroY), width, height: Math.abs(zeroY - y) });
    };
    bar("target", q.target, start);
    if (q.actual !== null) bar("actual", q.actual, start + width + slot * 0.06);
    return { quarter: q.quarter, x: box.left + slot * index + slot / 2 };
  });
  return { zeroY, bars, labels };
}
