/**
 * Benefit tracking on the device: the same maths the server runs for the board
 * (shared/business-cases/benefits.ts), over the synced cases, KPIs and measurements, so a case's
 * target against actual reads offline; and the words for where each quarter's figure comes from.
 */
import {
  dayNumber,
  dayText,
  trackBenefits,
  type BenefitMeasurement,
  type BenefitScope,
  type CaseBenefits,
  type CaseQuarter,
  type KpiFacts,
  type TrackedCase,
} from "../../../../shared/business-cases/benefits";
import { MAX_RAMP_UP_MONTHS } from "../../../../shared/limits";
import type { KpiUnit, MeasurementPeriod } from "../../../../shared/enums";
import type { Entity } from "../../data/local/types";
import { formatKpiValue } from "../../format";
import { localeOf, numberFormat } from "../../format";
import type { MessageKey } from "../../i18n";

type BusinessCase = Entity<"business_case">;
type Kpi = Entity<"kpi">;
type Measurement = Entity<"kpi_measurement">;
type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** Today as the server counts it (UTC), so device and board agree on the current quarter. */
export const todayUtc = (now = new Date()) => now.toISOString().slice(0, 10);

export function trackedOf(c: BusinessCase): TrackedCase {
  return {
    id: c.id,
    kpiId: c.kpiId ?? null,
    lift: c.lift ?? null,
    annualVolume: c.annualVolume ?? null,
    valuePerUnit: c.valuePerUnit ?? null,
    horizonYears: c.horizonYears ?? null,
    approvedAt: c.status === "approved" ? (c.approvedAt ?? null) : null,
    goLive: c.goLive ?? null,
    rampUpMonths: c.rampUpMonths ?? null,
    benefitScope: c.benefitScope ?? null,
    benefitActuals: c.benefitActuals ?? null,
  };
}

/** Every approved case's benefits from the records on this device (all of them: one movement is split between cases). */
export function benefitsOnDevice(cases: readonly BusinessCase[], kpis: readonly Kpi[], measurements: readonly Measurement[], today: string): Map<string, CaseBenefits> {
  const approved = cases.filter((c) => c.status === "approved").map(trackedOf);
  const facts = new Map<string, KpiFacts>();
  for (const k of kpis) if (k.kind && k.unit && k.direction) facts.set(k.id, { kind: k.kind, unit: k.unit, direction: k.direction });
  const measured = new Set(approved.flatMap((c) => (c.kpiId && c.benefitScope ? [c.kpiId] : [])));
  const rows: BenefitMeasurement[] = [];
  for (const m of measurements) {
    if (!m.kpiId || !measured.has(m.kpiId) || !m.period || !m.periodStart || typeof m.value !== "number") continue;
    rows.push({ kpiId: m.kpiId, period: m.period as MeasurementPeriod, periodStart: m.periodStart, value: m.value, locationId: m.locationId ?? null, segmentId: m.segmentId ?? null, sampleSize: m.sampleSize ?? null });
  }
  return trackBenefits({ cases: approved, kpis: facts, measurements: rows, today });
}

/** The other approved cases tracked on the same KPI: whose movement may be shared, and why a hand-recorded figure must be this case's own. */
export const casesOnSameKpi = (theCase: BusinessCase, cases: readonly BusinessCase[]) =>
  theCase.kpiId ? cases.filter((c) => c.id !== theCase.id && c.status === "approved" && c.kpiId === theCase.kpiId) : [];

/** "Q3 2026" / "K3 2026", with "(to date)" for the current quarter. */
export function quarterLabel(t: T, quarter: string, toDate = false): string {
  const label = t("benefits.quarter", { q: quarter.slice(6), year: quarter.slice(0, 4) });
  return toDate ? t("benefits.toDate", { quarter: label }) : label;
}

/** A KPI's movement as people read it: percentage points for a percent KPI, else the KPI's own unit. */
export function formatMovement(t: T, movement: number, unit: KpiUnit | undefined, language: string): string {
  const locale = localeOf(language);
  if (unit === "percent") {
    const value = numberFormat(locale, { maximumFractionDigits: 2, signDisplay: "exceptZero" }).format(movement);
    return t(Math.abs(Math.round(movement * 100) / 100) === 1 ? "benefits.point" : "benefits.points", { value });
  }
  return formatKpiValue(movement, unit, locale, { signed: true });
}

/** "3 months to the full benefit, linearly" (one month in the singular), or the full benefit from go-live. */
export function rampUpText(t: T, months: number | null | undefined): string {
  if (!months) return t("benefits.rampUpNone");
  return months === 1 ? t("benefits.rampUpMonth") : t("benefits.rampUpMonths", { count: months });
}

/** Where a quarter's actual comes from, in a sentence (or two: a recorded figure beside the measured one). */
export function sourceOf(q: CaseQuarter, view: { t: T; language: string; unit: KpiUnit | undefined; titleOf: (caseId: string) => string; date: (iso: string) => string; money: (amount: number) => string }): string {
  const { t, language } = view;
  const measured = q.measured;
  const movement = measured ? formatMovement(t, measured.movement, view.unit, language) : "";
  const measuredText = !measured
    ? ""
    : measured.sharedWith.length === 0
      ? t("benefits.source.measured", { movement })
      : t("benefits.source.shared", {
          movement,
          share: numberFormat(localeOf(language), { style: "percent", maximumFractionDigits: 0 }).format(measured.share),
          cases: measured.sharedWith.map(view.titleOf).join(", "),
        });
  if (q.recorded) {
    const recorded = t("benefits.source.recorded", { date: view.date(q.recorded.recordedAt), method: q.recorded.method });
    return measured ? `${recorded} ${t("benefits.source.overridden", { amount: view.money(measured.amount) })}` : recorded;
  }
  if (measured) return measuredText;
  return q.gap ? t(`benefits.gap.${q.gap}`) : "";
}

// ---------------------------------------------------------------------------------------------
// The owner's plan form

export interface PlanDraft {
  goLive: string;
  rampUpMonths: string;
  measure: "owner" | "scope";
  locationIds: string[];
  segmentId: string;
  baselineFrom: string;
  baselineTo: string;
}

/** What the form starts with: the case's plan, or go-live on approval and a quarter's baseline before it. */
export function planDraftOf(c: BusinessCase): PlanDraft {
  const goLive = c.goLive ?? c.approvedAt?.slice(0, 10) ?? todayUtc();
  const scope = c.benefitScope;
  return {
    goLive,
    rampUpMonths: String(c.rampUpMonths ?? 0),
    measure: scope ? "scope" : "owner",
    locationIds: scope?.locationIds ?? [],
    segmentId: scope?.segmentId ?? "",
    baselineFrom: scope?.baselineFrom ?? dayText(dayNumber(goLive) - 91),
    baselineTo: scope?.baselineTo ?? dayText(dayNumber(goLive) - 1),
  };
}

const isDate = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text));

export type PlanReading =
  | { ok: true; plan: { goLive: string; rampUpMonths: number; scope: BenefitScope | null } }
  | { ok: false; issues: Partial<Record<"goLive" | "rampUpMonths" | "scope.baselineFrom" | "scope.baselineTo", MessageKey>> };

/** The form's plan as the server takes it, or what is wrong with it (the server checks the rest). */
export function readPlanDraft(draft: PlanDraft): PlanReading {
  const issues: Extract<PlanReading, { ok: false }>["issues"] = {};
  if (!isDate(draft.goLive)) issues.goLive = "benefits.invalidDate";
  const months = Number(draft.rampUpMonths.trim());
  if (draft.rampUpMonths.trim() === "" || !Number.isInteger(months) || months < 0 || months > MAX_RAMP_UP_MONTHS) issues.rampUpMonths = "benefits.invalidMonths";
  if (draft.measure === "scope") {
    if (!isDate(draft.baselineFrom)) issues["scope.baselineFrom"] = "benefits.invalidDate";
    if (!isDate(draft.baselineTo)) issues["scope.baselineTo"] = "benefits.invalidDate";
    else if (draft.baselineTo < draft.baselineFrom || draft.baselineTo >= draft.goLive) issues["scope.baselineTo"] = "benefits.baselineOrder";
  }
  if (Object.keys(issues).length > 0) return { ok: false, issues };
  const scope = draft.measure === "scope" ? { locationIds: draft.locationIds, segmentId: draft.segmentId || null, baselineFrom: draft.baselineFrom, baselineTo: draft.baselineTo } : null;
  return { ok: true, plan: { goLive: draft.goLive, rampUpMonths: months, scope } };
}
