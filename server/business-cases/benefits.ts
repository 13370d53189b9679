import { and, eq, gte, inArray, isNull } from "drizzle-orm";
import {
  addMonths,
  dayNumber,
  dayText,
  planOf,
  quarterOf,
  quartersBetween,
  trackBenefits,
  type BenefitMeasurement,
  type BenefitScope,
  type CaseBenefits,
  type KpiFacts,
  type RecordedActual,
  type TrackedCase,
} from "../../shared/business-cases/benefits";
import { canTrackBenefits } from "../../shared/permissions";
import type { Role } from "../../shared/roles";
import type { BenefitPlanRequest } from "../../shared/schemas/case-benefits";
import type { ApiIssue } from "../../shared/errors";
import type { Db } from "../db/client";
import { businessCases, kpiMeasurements, kpis, locations, segments } from "../db/schema";
import { serverHlc } from "../experiments/server-clock";
import { ApiError } from "../http/errors";
import { BUSINESS_CASE } from "../lifecycle/kinds";
import { liveRecord } from "../lifecycle/move";
import type { Writer } from "../orgs/create";
import { SYNC_ENTITIES } from "../sync/entities";
import { storedState, writeRecords } from "../sync/write";
import type { KpiDirection, KpiKind, KpiUnit, MeasurementPeriod } from "../../shared/enums";

type CaseRow = typeof businessCases.$inferSelect;

/** The live case of the organisation, or a 404 (another organisation's, deleted or unknown). */
const liveCase = (db: Writer, orgId: string, caseId: string) => liveRecord(db, BUSINESS_CASE, orgId, caseId);

const today = (now: Date) => now.toISOString().slice(0, 10);

function trackedCase(row: CaseRow): TrackedCase {
  return {
    id: row.id,
    kpiId: row.kpiId,
    lift: row.lift,
    annualVolume: row.annualVolume,
    valuePerUnit: row.valuePerUnit,
    horizonYears: row.horizonYears,
    approvedAt: row.status === "approved" ? row.approvedAt : null,
    goLive: row.goLive,
    rampUpMonths: row.rampUpMonths,
    benefitScope: row.benefitScope,
    benefitActuals: row.benefitActuals,
  };
}

/**
 * The benefits of every approved case of the organisation, worked out together (a KPI movement
 * two cases measure is split between them). Reads the cases, their KPIs and only the measurements
 * of KPIs a case measures, from the earliest baseline period on.
 */
export async function benefitsOfOrg(db: Writer, orgId: string, now = new Date()): Promise<Map<string, CaseBenefits>> {
  const rows = await db
    .select()
    .from(businessCases)
    .where(and(eq(businessCases.orgId, orgId), eq(businessCases.status, "approved"), isNull(businessCases.deletedAt)));
  const cases = rows.map(trackedCase);
  const kpiIds = [...new Set(cases.flatMap((c) => (c.kpiId ? [c.kpiId] : [])))];
  const kpiRows = kpiIds.length
    ? await db
        .select({ id: kpis.id, kind: kpis.kind, unit: kpis.unit, direction: kpis.direction })
        .from(kpis)
        .where(and(eq(kpis.orgId, orgId), inArray(kpis.id, kpiIds), isNull(kpis.deletedAt)))
    : [];
  const kpiFacts = new Map<string, KpiFacts>();
  for (const k of kpiRows) if (k.kind && k.unit) kpiFacts.set(k.id, { kind: k.kind as KpiKind, unit: k.unit as KpiUnit, direction: (k.direction ?? "higher") as KpiDirection });
  const measured = cases.filter((c) => c.kpiId && kpiFacts.has(c.kpiId) && c.benefitScope);
  const measuredKpis = [...new Set(measured.map((c) => c.kpiId!))];
  // A month's value dated up to a month before the baseline starts still covers some of its days.
  const since = measured.length ? dayText(addMonths(Math.min(...measured.map((c) => dayNumber(c.benefitScope!.baselineFrom))), -1)) : "";
  const measurementRows = measuredKpis.length
    ? await db
        .select({
          kpiId: kpiMeasurements.kpiId,
          period: kpiMeasurements.period,
          periodStart: kpiMeasurements.periodStart,
          value: kpiMeasurements.value,
          locationId: kpiMeasurements.locationId,
          segmentId: kpiMeasurements.segmentId,
          sampleSize: kpiMeasurements.sampleSize,
        })
        .from(kpiMeasurements)
        .where(and(eq(kpiMeasurements.orgId, orgId), inArray(kpiMeasurements.kpiId, measuredKpis), gte(kpiMeasurements.periodStart, since), isNull(kpiMeasurements.deletedAt)))
    : [];
  const measurements: BenefitMeasurement[] = [];
  for (const m of measurementRows) {
    if (m.kpiId === null || m.period === null || m.periodStart === null || m.value === null) continue;
    measurements.push({ kpiId: m.kpiId, period: m.period as MeasurementPeriod, periodStart: m.periodStart, value: m.value, locationId: m.locationId, segmentId: m.segmentId, sampleSize: m.sampleSize });
  }
  return trackBenefits({ cases, kpis: kpiFacts, measurements, today: today(now) });
}

/** One case's benefits (an untracked, empty answer for a case that is not approved); 404 for no such case. */
export async function benefitsOfCase(db: Writer, orgId: string, caseId: string, now = new Date()): Promise<CaseBenefits> {
  const row = await liveCase(db, orgId, caseId);
  const tracked = row.status === "approved" ? (await benefitsOfOrg(db, orgId, now)).get(caseId) : undefined;
  return tracked ?? trackBenefits({ cases: [trackedCase(row)], kpis: new Map(), measurements: [], today: today(now) }).get(caseId)!;
}

// ---------------------------------------------------------------------------------------------
// Writes: the owner's (or an admin's), each through the one write path.

export interface BenefitCaller {
  orgId: string;
  userId: string;
  role: Role;
}

type TrackingFields = Partial<Pick<CaseRow, "goLive" | "rampUpMonths" | "benefitScope" | "benefitActuals">>;

const invalid = (issues: ApiIssue[]) => new ApiError(400, "validation_failed", "The request is not valid", issues);

/**
 * Reads the case inside a write-locked transaction, asks the rule book, lets `change` work out
 * the new tracking fields from the stored row, and writes those that changed (with a server
 * clock later than theirs, so devices take them) through the one write path.
 */
async function changeTracking(db: Db, caller: BenefitCaller, caseId: string, now: Date, change: (row: CaseRow, tx: Writer) => Promise<TrackingFields> | TrackingFields) {
  await db.transaction(
    async (tx) => {
      const row = await liveCase(tx, caller.orgId, caseId);
      const verdict = canTrackBenefits({ id: caller.userId, role: caller.role }, row);
      if (!verdict.ok) throw new ApiError(verdict.code === "forbidden" ? 403 : 409, verdict.code, verdict.message);
      const next = await change(row, tx);
      const changed = (Object.keys(next) as (keyof TrackingFields)[]).filter((name) => JSON.stringify(row[name] ?? null) !== JSON.stringify(next[name] ?? null));
      if (changed.length === 0) return;
      const clock = serverHlc(now.getTime(), changed.map((name) => row.clocks[name]));
      const before = storedState(SYNC_ENTITIES.business_case, row as unknown as Record<string, unknown>);
      await writeRecords(tx, { orgId: caller.orgId, userId: caller.userId, now }, [
        {
          entity: "business_case",
          id: caseId,
          before,
          state: { ...before.state, clocks: { ...before.state.clocks, ...Object.fromEntries(changed.map((name) => [name, clock])) } },
          server: Object.fromEntries(changed.map((name) => [name, next[name] ?? null])),
        },
      ]);
    },
    { behavior: "immediate" },
  );
  return benefitsOfCase(db, caller.orgId, caseId, now);
}

/** The quarters a case tracks with this plan, up to today: the quarters an actual may be recorded for. */
function trackedQuarters(row: CaseRow, plan: Pick<CaseRow, "goLive" | "rampUpMonths">, now: Date): string[] {
  const dates = planOf({ approvedAt: row.approvedAt, goLive: plan.goLive, rampUpMonths: plan.rampUpMonths, horizonYears: row.horizonYears });
  if (!dates) return [];
  const last = Math.min(dayNumber(today(now)), dates.end === null ? Infinity : dates.end - 1);
  return last < dates.start ? [] : quartersBetween(quarterOf(dayText(dates.start)), quarterOf(dayText(last)));
}

/** Go-live, ramp-up and measurement scope: validated against the case and the organisation's settings. */
export function setBenefitPlan(db: Db, caller: BenefitCaller, caseId: string, plan: BenefitPlanRequest, now = new Date()) {
  return changeTracking(db, caller, caseId, now, async (row, tx) => {
    const issues: ApiIssue[] = [];
    const approvedOn = row.approvedAt?.slice(0, 10) ?? "";
    if (plan.goLive < approvedOn) issues.push({ path: "goLive", message: `Go-live cannot be before the board's approval (${approvedOn})` });
    if (plan.scope) issues.push(...(await scopeIssues(tx, caller.orgId, row, plan.goLive, plan.scope)));
    if (issues.length > 0) throw invalid(issues);
    const tracked = new Set(trackedQuarters(row, plan, now));
    const orphaned = (row.benefitActuals ?? []).filter((a) => !tracked.has(a.quarter)).map((a) => a.quarter);
    if (orphaned.length > 0) {
      throw new ApiError(409, "actuals_outside_tracking", `Actuals are recorded for ${orphaned.join(", ")}, outside the quarters tracked from this go-live: remove them first`);
    }
    return { goLive: plan.goLive, rampUpMonths: plan.rampUpMonths, benefitScope: plan.scope };
  });
}

async function scopeIssues(db: Writer, orgId: string, row: CaseRow, goLive: string, scope: BenefitScope): Promise<ApiIssue[]> {
  const issues: ApiIssue[] = [];
  if (!row.kpiId) issues.push({ path: "scope", message: "The case names no KPI to measure: record its actuals instead" });
  if (scope.baselineTo >= goLive) issues.push({ path: "scope.baselineTo", message: "The baseline period must end before go-live" });
  if (scope.locationIds.length > 0) {
    const known = await db
      .select({ id: locations.id })
      .from(locations)
      .where(and(eq(locations.orgId, orgId), inArray(locations.id, scope.locationIds)));
    if (known.length !== scope.locationIds.length) issues.push({ path: "scope.locationIds", message: "Names a location that is not this organisation's" });
  }
  if (scope.segmentId) {
    const [known] = await db
      .select({ id: segments.id })
      .from(segments)
      .where(and(eq(segments.orgId, orgId), eq(segments.id, scope.segmentId)));
    if (!known) issues.push({ path: "scope.segmentId", message: "Names a segment that is not this organisation's" });
  }
  return issues;
}

/** Records (or replaces) a quarter's actual, from go-live's quarter up to the current one. */
export function recordActual(db: Db, caller: BenefitCaller, caseId: string, quarter: string, actual: { amount: number; method: string }, now = new Date()) {
  return changeTracking(db, caller, caseId, now, (row) => {
    const tracked = trackedQuarters(row, row, now);
    if (!tracked.includes(quarter)) {
      const range = tracked.length ? `${tracked[0]} to ${tracked.at(-1)}` : "none yet: the case has not gone live";
      throw invalid([{ path: "quarter", message: `Not a quarter this case tracks (${range})` }]);
    }
    const entry: RecordedActual = { quarter, amount: actual.amount, method: actual.method, recordedBy: caller.userId, recordedAt: now.toISOString() };
    const others = (row.benefitActuals ?? []).filter((a) => a.quarter !== quarter);
    return { benefitActuals: [...others, entry].sort((a, b) => a.quarter.localeCompare(b.quarter)) };
  });
}

/** Removes a quarter's recorded actual (the measured figure, if any, stands again); 404 when none is recorded. */
export function removeActual(db: Db, caller: BenefitCaller, caseId: string, quarter: string, now = new Date()) {
  return changeTracking(db, caller, caseId, now, (row) => {
    const actuals = row.benefitActuals ?? [];
    if (!actuals.some((a) => a.quarter === quarter)) throw new ApiError(404, "not_found", "No actual is recorded for this quarter");
    return { benefitActuals: actuals.filter((a) => a.quarter !== quarter) };
  });
}
