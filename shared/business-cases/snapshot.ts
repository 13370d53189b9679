/**
 * The frozen record of what was put before the board: when a business case is submitted, the
 * server keeps its fields, its scenarios and the evidence of the experiments it rests on (each
 * KPI's result, interval, guardrails, sample sizes and sample-ratio check) as they stood. The
 * board decides on that record, the pack prints it, and any later difference between it and
 * the experiments as they are now is "changed since submission". Pure and free of the validation
 * library: the server freezes and compares with it, the device reads and compares with it.
 */
import type { BusinessCaseFields } from "../schemas/business-case";
import type { ExperimentFields } from "../schemas/experiment";
import type { Scenario } from "../finance/schemas";
import { businessCase, SCENARIOS, type ScenarioName } from "../finance";
import type { ExperimentDesign, ExperimentStatus, KpiDirection, KpiKind, KpiUnit } from "../enums";
import { armSizes, armValues, compareForReading, kpiSlots, sampleProgress, sampleRatioApplies, type KpiSlot } from "../experiments/results";
import { isMeasuredDesign, measuredFor, pilotChart, type PilotChart, type PilotRecords } from "../experiments/pilot-result";
import type { VerdictGate } from "../experiments/gates";
import { optionChanges, type OptionChange } from "./options";

export type CaseScenarios = Record<ScenarioName, Scenario>;

/** A comparison as frozen: what the reading, the interval and the chart are drawn from. */
export interface FrozenComparison {
  absoluteLift: number;
  ciAbsolute: [number, number];
  relativeLift: number | null;
  ciRelative: [number, number] | null;
  pValue: number;
  chanceToBeat: number;
}

export interface FrozenArm {
  /** Users (a rate) or observations (a mean). */
  size: number;
  /** The group's rate or mean. */
  value: number;
}

/** One KPI of an experiment (its primary or a guardrail) as the board was shown it. */
export interface FrozenKpi {
  kpiId: string;
  role: KpiSlot["role"];
  name: string;
  kind: KpiKind;
  unit: KpiUnit;
  direction: KpiDirection;
  /** Typed group figures, or a store pilot measured from the KPI's values per location (in the KPI's stored units). */
  source: "typed" | "measured";
  /** Null when there is no result the statistics can compare. */
  comparison: FrozenComparison | null;
  arms: { control: FrozenArm; treatment: FrozenArm } | null;
  /** The sample-ratio check, where users were assigned at random. */
  srm: { pValue: number; mismatch: boolean } | null;
  /** Each group's size against the experiment's required sample size (its primary KPI). */
  sample: { required: number; control: number; treatment: number; reached: boolean } | null;
  /** A store pilot: how many stores and periods it was read on, its randomisation p-value and its chart. */
  pilot: {
    design: "pilot_control" | "before_after";
    locations: { pilot: number; control: number };
    periods: { pre: number; post: number };
    window: { period: string; preFrom: string; start: string; until: string };
    permutationPValue: number | null;
    chart: PilotChart;
  } | null;
}

export interface FrozenExperiment {
  id: string;
  title: string;
  status: ExperimentStatus;
  design: ExperimentDesign | null;
  change: string;
  requiredSampleSize: number | null;
  findingIds: string[];
  kpis: FrozenKpi[];
  /** The decision-quality gates its verdict was given past, and the reason given (shared/experiments/gates.ts). */
  verdictGates?: VerdictGate[] | null;
  gateReason?: string | null;
}

/** Who did something, as the record keeps it (a name survives the person leaving). */
export interface Actor {
  id: string;
  name: string;
}

/** One submission of a case, as devices pull it (entity `business_case_snapshot`). */
export interface CaseSnapshot {
  businessCaseId: string;
  /** 1 for the first submission, 2 for the next, … */
  version: number;
  submittedAt: string;
  submittedBy: Actor;
  fields: BusinessCaseFields;
  scenarios: CaseScenarios | null;
  experiments: FrozenExperiment[];
  /** Set when the evidence changed while the case was before the board, which sent it back to draft. */
  changed: { at: string; by: Actor; changes: EvidenceChange[] } | null;
}

// ---------------------------------------------------------------------------------------------
// Freezing

type ExperimentInput = Partial<ExperimentFields> & { id: string; status?: ExperimentStatus | undefined };
type KpiInput = { id: string; name?: string | null | undefined; kind?: KpiKind | null | undefined; unit?: KpiUnit | null | undefined; direction?: KpiDirection | null | undefined };

/** What evidence is read from: the experiments and KPIs, and what a store pilot is measured from. */
export interface EvidenceRecords {
  experiments: readonly ExperimentInput[];
  kpis: readonly KpiInput[];
  pilot: PilotRecords;
}

/** The scenarios once every number is in; null while one is missing or too large to compute. */
export function caseScenarios(fields: Partial<BusinessCaseFields>): CaseScenarios | null {
  const { lift, annualVolume, valuePerUnit, investment, runningCostPerYear, horizonYears, discountRate } = fields;
  if (!lift || annualVolume == null || valuePerUnit == null || investment == null || runningCostPerYear == null || !horizonYears || discountRate == null) return null;
  const outcome = businessCase({ lift, annualVolume, valuePerUnit, investment, runningCostPerYear, horizonYears, discountRate });
  return outcome.ok ? outcome.value.scenarios : null;
}

const frozenComparison = (c: FrozenComparison): FrozenComparison => ({
  absoluteLift: c.absoluteLift,
  ciAbsolute: [c.ciAbsolute[0], c.ciAbsolute[1]],
  relativeLift: c.relativeLift ?? null,
  ciRelative: c.ciRelative ? [c.ciRelative[0], c.ciRelative[1]] : null,
  pValue: c.pValue,
  chanceToBeat: c.chanceToBeat,
});

function freezeKpi(experiment: ExperimentInput, slot: KpiSlot, kpi: KpiInput | undefined, pilot: PilotRecords): FrozenKpi {
  const base = {
    kpiId: slot.kpiId,
    role: slot.role,
    name: kpi?.name ?? "",
    kind: kpi?.kind ?? "proportion",
    unit: kpi?.unit ?? "percent",
    direction: kpi?.direction ?? "higher",
    arms: null,
    srm: null,
    sample: null,
    pilot: null,
  };
  if (isMeasuredDesign(experiment.design)) {
    const measured = measuredFor(experiment, slot.kpiId, pilot);
    if (measured?.state !== "ready") return { ...base, source: "measured", comparison: null };
    const chart = pilotChart({
      pilotIds: experiment.pilotLocationIds ?? [],
      controlIds: measured.design === "pilot_control" ? (experiment.controlLocationIds ?? []) : [],
      measurements: pilot.measurements.filter((m) => m.kpiId === slot.kpiId),
      window: measured.window,
    });
    const { period, preFrom, start, until } = measured.window;
    return {
      ...base,
      source: "measured",
      comparison: frozenComparison(measured.comparison),
      pilot: { design: measured.design, locations: measured.locations, periods: measured.periods, window: { period, preFrom, start, until }, permutationPValue: measured.comparison.permutationPValue, chart },
    };
  }
  const result = (experiment.results ?? []).find((r) => r.kpiId === slot.kpiId);
  if (!result) return { ...base, source: "typed", comparison: null };
  const sizes = armSizes(result);
  const values = armValues(result);
  const arms = { control: { size: sizes.control, value: values.control }, treatment: { size: sizes.treatment, value: values.treatment } };
  const progress = slot.role === "primary" ? sampleProgress(result, experiment.requiredSampleSize) : null;
  const sample = progress ? { required: progress.required, control: sizes.control, treatment: sizes.treatment, reached: progress.reached } : null;
  const outcome = compareForReading(result, experiment.design, experiment.treatmentShare);
  if (!outcome.ok) return { ...base, source: "typed", comparison: null, arms, sample };
  const srm = sampleRatioApplies(experiment.design) ? { pValue: outcome.value.srm.pValue, mismatch: outcome.value.srm.mismatch } : null;
  return { ...base, source: "typed", comparison: frozenComparison(outcome.value), arms, srm, sample };
}

/** The evidence of the experiments a case rests on, in the case's order; experiments not found are left out. */
export function freezeEvidence(experimentIds: readonly string[], records: EvidenceRecords): FrozenExperiment[] {
  const frozen: FrozenExperiment[] = [];
  for (const id of experimentIds) {
    const experiment = records.experiments.find((x) => x.id === id);
    if (!experiment) continue;
    frozen.push({
      id,
      title: experiment.title ?? "",
      status: experiment.status ?? "idea",
      design: experiment.design ?? null,
      change: experiment.change ?? "",
      requiredSampleSize: experiment.requiredSampleSize ?? null,
      findingIds: [...(experiment.findingIds ?? [])],
      verdictGates: (experiment as { verdictGates?: VerdictGate[] | null }).verdictGates ?? null,
      gateReason: (experiment as { gateReason?: string | null }).gateReason ?? null,
      kpis: kpiSlots(experiment).map((slot) => freezeKpi(experiment, slot, records.kpis.find((k) => k.id === slot.kpiId), records.pilot)),
    });
  }
  return frozen;
}

/** Every KPI the frozen evidence reads (a change to one of them, or to its measurements, may change it). */
export const evidenceKpiIds = (experiments: readonly FrozenExperiment[]): string[] => [...new Set(experiments.flatMap((x) => x.kpis.map((k) => k.kpiId)))];

// ---------------------------------------------------------------------------------------------
// What changed

/** A part of an experiment's evidence that is not what the board was shown. */
export type EvidencePart =
  | { part: "status"; from: ExperimentStatus; to: ExperimentStatus }
  | { part: "result"; kpiId: string; role: KpiSlot["role"]; from: FrozenComparison | null; to: FrozenComparison | null }
  | { part: "sample"; kpiId: string; from: FrozenKpi["sample"]; to: FrozenKpi["sample"] }
  | { part: "srm"; kpiId: string; from: FrozenKpi["srm"]; to: FrozenKpi["srm"] }
  | { part: "kpis" }
  | { part: "removed" }
  | { part: "added" };

export interface EvidenceChange {
  experimentId: string;
  title: string;
  parts: EvidencePart[];
}

/**
 * Whether two values read the same: equal structure, and numbers equal to twelve significant
 * digits. The server froze its figures with its JavaScript engine and a device recomputes them
 * with the browser's, whose Math.pow or Math.exp may differ in the last bit; that is no change.
 */
export function same(a: unknown, b: unknown): boolean {
  if (typeof a === "number" && typeof b === "number") return a === b || Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (typeof a === "object" && typeof b === "object") {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => same((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
  }
  return a === b;
}

/**
 * What differs between the evidence as frozen and as it stands: per experiment, its status, each
 * KPI's result (lift and interval), sample size and sample-ratio check, or the experiment gone.
 * What the board reads is compared, not how it is drawn: a running pilot's chart growing by a
 * day without new values is no change.
 */
export function evidenceChanges(before: readonly FrozenExperiment[], after: readonly FrozenExperiment[]): EvidenceChange[] {
  const changes: EvidenceChange[] = [];
  for (const old of before) {
    const now = after.find((x) => x.id === old.id);
    if (!now) {
      changes.push({ experimentId: old.id, title: old.title, parts: [{ part: "removed" }] });
      continue;
    }
    const parts: EvidencePart[] = [];
    if (old.status !== now.status) parts.push({ part: "status", from: old.status, to: now.status });
    if (!same(old.kpis.map((k) => [k.kpiId, k.role]), now.kpis.map((k) => [k.kpiId, k.role]))) parts.push({ part: "kpis" });
    for (const kpi of old.kpis) {
      const current = now.kpis.find((k) => k.kpiId === kpi.kpiId);
      if (!current) continue;
      if (!same(kpi.comparison, current.comparison) || !same(kpi.arms, current.arms)) parts.push({ part: "result", kpiId: kpi.kpiId, role: kpi.role, from: kpi.comparison, to: current.comparison });
      if (!same(kpi.sample, current.sample)) parts.push({ part: "sample", kpiId: kpi.kpiId, from: kpi.sample, to: current.sample });
      if (!same(kpi.srm, current.srm)) parts.push({ part: "srm", kpiId: kpi.kpiId, from: kpi.srm, to: current.srm });
    }
    if (parts.length > 0) changes.push({ experimentId: old.id, title: now.title || old.title, parts });
  }
  for (const added of after) if (!before.some((x) => x.id === added.id)) changes.push({ experimentId: added.id, title: added.title, parts: [{ part: "added" }] });
  return changes;
}

/** The case's own figures and words a resubmission is compared on, in the order the board reads them. */
export const COMPARED_FIELDS = [
  "title",
  "ask",
  "investment",
  "runningCostPerYear",
  "lift",
  "annualVolume",
  "valuePerUnit",
  "horizonYears",
  "discountRate",
  "summary",
  "recommendation",
  "options",
  "risks",
  "experimentIds",
  "liftOverrideReason",
] as const satisfies readonly (keyof BusinessCaseFields)[];
export type ComparedField = (typeof COMPARED_FIELDS)[number];

export interface FieldChange<K extends ComparedField = ComparedField> {
  field: K;
  from: BusinessCaseFields[K];
  to: BusinessCaseFields[K];
}

export interface VersionChanges {
  /** The version compared against. */
  since: number;
  fields: FieldChange[];
  /** Each scenario's NPV before and now, when either version had figures and one differs. */
  npv: { from: Record<ScenarioName, number> | null; to: Record<ScenarioName, number> | null } | null;
  evidence: EvidenceChange[];
  /** Option by option: the costs and benefits that moved, and the options added or dropped. */
  options: OptionChange[];
  /**
   * The money changed but the ask's words did not: they may still name the old figure, so the
   * board is told to read the figures, not the sentence.
   */
  askMayBeStale: boolean;
}

const npvOf = (scenarios: CaseScenarios | null) => (scenarios ? (Object.fromEntries(SCENARIOS.map((name) => [name, scenarios[name].npv])) as Record<ScenarioName, number>) : null);

/** What a resubmission changed since the version before it: the ask, the money, the scenarios, the evidence. */
export function versionChanges(previous: CaseSnapshot, current: CaseSnapshot): VersionChanges {
  const fields = COMPARED_FIELDS.filter((field) => !same(previous.fields[field], current.fields[field])).map(
    (field) => ({ field, from: previous.fields[field], to: current.fields[field] }) as FieldChange,
  );
  const from = npvOf(previous.scenarios);
  const to = npvOf(current.scenarios);
  const changed = (name: ComparedField) => fields.some((f) => f.field === name);
  const moneyChanged = changed("investment") || changed("runningCostPerYear");
  return {
    since: previous.version,
    fields,
    npv: same(from, to) ? null : { from, to },
    evidence: evidenceChanges(previous.experiments, current.experiments),
    options: changed("options") ? optionChanges(previous.fields.options, current.fields.options) : [],
    askMayBeStale: moneyChanged && !changed("ask") && current.fields.ask.trim() !== "",
  };
}

/** A case's snapshots, oldest version first. */
export const snapshotsOf = <S extends Pick<CaseSnapshot, "businessCaseId" | "version">>(snapshots: readonly S[], caseId: string): S[] =>
  snapshots.filter((s) => s.businessCaseId === caseId).sort((a, b) => a.version - b.version);
