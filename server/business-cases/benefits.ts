import { and, eq, gte, inArray, isNull } from "drizzle-orm";
import { benefitsDelivered, quarterOf, type BenefitCase, type BenefitMeasurement, type BenefitsDelivered } from "../../shared/business-cases/benefits";
import type { Db } from "../db/client";
import { businessCases, kpiMeasurements, kpis } from "../db/schema";
import { BUSINESS_CASE } from "../lifecycle/kinds";
import { liveRecord } from "../lifecycle/move";
import type { KpiDirection, KpiKind, KpiUnit } from "../../shared/enums";

type CaseRow = Pick<typeof businessCases.$inferSelect, "id" | "status" | "kpiId" | "baseline" | "lift" | "annualVolume" | "valuePerUnit" | "approvedAt">;

/** The live case of the organisation, or a 404 (another organisation's, deleted or unknown). */
export const liveCase = (db: Db, orgId: string, caseId: string) => liveRecord(db, BUSINESS_CASE, orgId, caseId);

/** The first day of an ISO date's quarter, so measurements can be read from there on. */
const quarterStart = (iso: string) => {
  const [year, q] = quarterOf(iso).split("-Q");
  return `${year}-${String((Number(q) - 1) * 3 + 1).padStart(2, "0")}-01`;
};

/**
 * Benefits delivered for each approved case in `cases` (others get none), reading every KPI's
 * live measurements since the earliest approval quarter in one query.
 */
export async function benefitsOf(db: Db, orgId: string, cases: CaseRow[], now = new Date()): Promise<Map<string, BenefitsDelivered>> {
  const approved = cases.filter((c) => c.status === "approved" && c.approvedAt);
  const kpiIds = [...new Set(approved.map((c) => c.kpiId).filter((id): id is string => id !== null))];
  const kpiRows = kpiIds.length
    ? await db
        .select({ id: kpis.id, kind: kpis.kind, unit: kpis.unit, direction: kpis.direction })
        .from(kpis)
        .where(and(eq(kpis.orgId, orgId), inArray(kpis.id, kpiIds), isNull(kpis.deletedAt)))
    : [];
  const since = approved.length ? approved.map((c) => quarterStart(c.approvedAt!)).sort()[0]! : "";
  const measurementRows = kpiRows.length
    ? await db
        .select({ kpiId: kpiMeasurements.kpiId, periodStart: kpiMeasurements.periodStart, value: kpiMeasurements.value, locationId: kpiMeasurements.locationId, segmentId: kpiMeasurements.segmentId })
        .from(kpiMeasurements)
        .where(and(eq(kpiMeasurements.orgId, orgId), inArray(kpiMeasurements.kpiId, kpiRows.map((k) => k.id)), gte(kpiMeasurements.periodStart, since), isNull(kpiMeasurements.deletedAt)))
    : [];
  const byKpi = new Map<string, BenefitMeasurement[]>();
  for (const m of measurementRows) {
    if (m.kpiId === null || m.periodStart === null || m.value === null) continue;
    const list = byKpi.get(m.kpiId) ?? [];
    list.push({ periodStart: m.periodStart, value: m.value, locationId: m.locationId, segmentId: m.segmentId });
    byKpi.set(m.kpiId, list);
  }
  const kpiById = new Map(kpiRows.map((k) => [k.id, k]));

  const out = new Map<string, BenefitsDelivered>();
  for (const c of cases) {
    const kpi = c.kpiId ? kpiById.get(c.kpiId) : undefined;
    const theCase: BenefitCase = {
      kpi: kpi?.kind && kpi.unit ? { kind: kpi.kind as KpiKind, unit: kpi.unit as KpiUnit, direction: (kpi.direction ?? "higher") as KpiDirection } : null,
      baseline: c.baseline,
      lift: c.lift,
      annualVolume: c.annualVolume,
      valuePerUnit: c.valuePerUnit,
      approvedAt: c.status === "approved" ? c.approvedAt : null,
    };
    out.set(c.id, benefitsDelivered(theCase, kpi ? (byKpi.get(kpi.id) ?? []) : [], now));
  }
  return out;
}
