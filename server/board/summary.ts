import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { BoardCases, BoardExperiments, BoardFindings, BoardImmersion, BoardKpiTile, BoardSummary, ImmersionPerson, KpiPoint } from "../../shared/board/summary";
import { scenarioFromLift } from "../../shared/finance/business-case";
import { overallTrend, periodsByCount } from "../../shared/kpi/overall";
import type { Role } from "../../shared/roles";
import type { Db } from "../db/client";
import { businessCases, experiments, findingCounts, kpiMeasurements, kpis, memberships, organisations, users } from "../db/schema";
import { benefitsOfOrg } from "../business-cases/benefits";
import { benefitTotals } from "../../shared/business-cases/benefits";
import { BUSINESS_CASE_STATUSES, EXPERIMENT_STATUSES, type BusinessCaseStatus, type ExperimentStatus, type FixLevel, type KpiDirection, type KpiKind, type KpiUnit, type MeasurementPeriod } from "../../shared/enums";

const DAY = 86_400_000;
/** How many periods a KPI tile's trend shows. */
export const TREND_PERIODS = 12;

/**
 * The board's view, one query (or two) per section, all sections at once. Reads never wait
 * for the write queue (WAL). Findings are read from the
 * finding_counts counters the triggers keep, never by scanning findings.
 */
export async function boardSummary(db: Db, orgId: string, options: { months?: number } = {}, now = new Date()): Promise<BoardSummary> {
  const [immersion, findings, experimentSection, cases, kpiTiles] = await Promise.all([
    immersionOf(db, orgId, now),
    findingsOf(db, orgId, options.months, now),
    experimentsOf(db, orgId),
    casesOf(db, orgId, now),
    kpisOf(db, orgId),
  ]);
  return { generatedAt: now.toISOString(), immersion, findings, experiments: experimentSection, cases, kpis: kpiTiles };
}

async function immersionOf(db: Db, orgId: string, now: Date): Promise<BoardImmersion> {
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY).toISOString();
  // Visits start at ISO timestamps, so text order is time order (to within a time-zone offset
  // for the rare start written with one: hours on a 30-day window). The 90-day window is a
  // range of the (org, started_at) index.
  const [org, members, recent] = await Promise.all([
    db.select({ target: organisations.visitTargetPerMonth }).from(organisations).where(eq(organisations.id, orgId)),
    db
      .select({ userId: memberships.userId, role: memberships.role, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.orgId, orgId)),
    db.all<{ userId: string; name: string | null; visits30: number; visits90: number; lastVisitAt: string }>(sql`
      select v.author_id as userId, u.name as name, sum(v.started_at >= ${at(30)}) as visits30, count(*) as visits90, max(v.started_at) as lastVisitAt
      from visits v left join users u on u.id = v.author_id
      where v.org_id = ${orgId} and v.started_at >= ${at(90)} and v.started_at <= ${now.toISOString()} and v.deleted_at is null
      group by v.author_id`),
  ]);
  const targetPerMonth = org[0]?.target ?? 2;
  const roleOf = new Map<string, Role>(members.map((m) => [m.userId, m.role]));
  const recentOf = new Map(recent.map((v) => [v.userId, v]));
  const people = [
    ...members.filter((m) => m.role === "executive" || m.role === "board"),
    ...recent.filter((v) => !members.some((m) => m.userId === v.userId && (m.role === "executive" || m.role === "board"))).map((v) => ({ userId: v.userId, name: v.name ?? "" })),
  ];
  // Whoever has not visited in 90 days: their last visit ever, one step down the (org, author, started_at) index each.
  const lastEver = await Promise.all(
    people
      .filter((p) => !recentOf.has(p.userId))
      .map(async (p) => {
        const [row] = await db.all<{ last: string | null }>(sql`
          select max(started_at) as last from visits
          where org_id = ${orgId} and author_id = ${p.userId} and started_at <= ${now.toISOString()} and deleted_at is null`);
        return [p.userId, row?.last ?? null] as const;
      }),
  );
  const lastOf = new Map<string, string | null>(lastEver);
  const list: ImmersionPerson[] = people.map((p) => {
    const v = recentOf.get(p.userId);
    const visits30 = Number(v?.visits30 ?? 0);
    const last = v?.lastVisitAt ?? lastOf.get(p.userId) ?? null;
    return {
      userId: p.userId,
      name: p.name,
      role: roleOf.get(p.userId) ?? null,
      visits30,
      visits90: Number(v?.visits90 ?? 0),
      lastVisitAt: last,
      onTrack: visits30 >= targetPerMonth,
    };
  });
  list.sort((a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId));
  return { targetPerMonth, people: list, notOnFloor: list.filter((p) => p.visits30 === 0).map((p) => p.userId) };
}

/** The first month (YYYY-MM) of the last `months` months, this one included. */
export function firstMonth(months: number, now: Date) {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (months - 1), 1));
  return d.toISOString().slice(0, 7);
}

async function findingsOf(db: Db, orgId: string, months: number | undefined, now: Date): Promise<BoardFindings> {
  const scope = months === undefined ? eq(findingCounts.orgId, orgId) : and(eq(findingCounts.orgId, orgId), sql`${findingCounts.month} >= ${firstMonth(months, now)}`);
  const rows = await db
    .select({
      journeyStageId: findingCounts.journeyStageId,
      severity: findingCounts.severity,
      level: findingCounts.level,
      status: findingCounts.status,
      count: sql<number>`sum(${findingCounts.count})`,
    })
    .from(findingCounts)
    .where(scope)
    .groupBy(findingCounts.journeyStageId, findingCounts.severity, findingCounts.level, findingCounts.status);
  let total = 0;
  let open = 0;
  const heat = new Map<string, { journeyStageId: string | null; severity: number | null; count: number }>();
  const levels = new Map<string, { level: FixLevel | null; count: number }>();
  for (const row of rows) {
    const count = Number(row.count);
    if (count <= 0) continue;
    total += count;
    if (row.status === "new" || row.status === "triaged") open += count;
    const cell = heat.get(`${row.journeyStageId}|${row.severity}`) ?? { journeyStageId: row.journeyStageId || null, severity: row.severity || null, count: 0 };
    cell.count += count;
    heat.set(`${row.journeyStageId}|${row.severity}`, cell);
    const level = levels.get(row.level) ?? { level: (row.level || null) as FixLevel | null, count: 0 };
    level.count += count;
    levels.set(row.level, level);
  }
  const heatmap = [...heat.values()].sort((a, b) => (a.journeyStageId ?? "").localeCompare(b.journeyStageId ?? "") || (a.severity ?? 0) - (b.severity ?? 0));
  const byLevel = [...levels.values()].sort((a, b) => (a.level ?? "~").localeCompare(b.level ?? "~"));
  return { total, open, heatmap, byLevel };
}

async function experimentsOf(db: Db, orgId: string): Promise<BoardExperiments> {
  const rows = await db
    .select({ status: experiments.status, count: sql<number>`count(*)` })
    .from(experiments)
    .where(and(eq(experiments.orgId, orgId), isNull(experiments.deletedAt)))
    .groupBy(experiments.status);
  const byStatus = Object.fromEntries(EXPERIMENT_STATUSES.map((s) => [s, 0])) as Record<ExperimentStatus, number>;
  for (const row of rows) if (row.status in byStatus) byStatus[row.status] = Number(row.count);
  // A scaled experiment won first; a stopped one may have had any outcome, so it is left out.
  const won = byStatus.won + byStatus.scaled;
  const decided = won + byStatus.lost + byStatus.inconclusive;
  return { byStatus, won, lost: byStatus.lost, inconclusive: byStatus.inconclusive, winRate: decided === 0 ? null : won / decided };
}

async function casesOf(db: Db, orgId: string, now: Date): Promise<BoardCases> {
  const rows = await db
    .select({
      id: businessCases.id,
      title: businessCases.title,
      status: businessCases.status,
      kpiId: businessCases.kpiId,
      lift: businessCases.lift,
      annualVolume: businessCases.annualVolume,
      valuePerUnit: businessCases.valuePerUnit,
      investment: businessCases.investment,
      runningCostPerYear: businessCases.runningCostPerYear,
      horizonYears: businessCases.horizonYears,
      discountRate: businessCases.discountRate,
    })
    .from(businessCases)
    .where(and(eq(businessCases.orgId, orgId), isNull(businessCases.deletedAt)));
  const byStatus = Object.fromEntries(BUSINESS_CASE_STATUSES.map((s) => [s, 0])) as Record<BusinessCaseStatus, number>;
  for (const row of rows) if (row.status in byStatus) byStatus[row.status]++;
  const approved = rows.filter((r) => r.status === "approved");
  let promised = 0;
  let annualBenefitPromised = 0;
  const figures = new Map<string, { npv: number; annualBenefit: number }>();
  for (const c of approved) {
    if (!c.lift || c.annualVolume === null || c.valuePerUnit === null) continue;
    const base = scenarioFromLift(
      {
        investment: c.investment ?? 0,
        runningCostPerYear: c.runningCostPerYear ?? 0,
        horizonYears: c.horizonYears ?? 1,
        discountRate: c.discountRate ?? 0,
        annualVolume: c.annualVolume,
        valuePerUnit: c.valuePerUnit,
      },
      c.lift.base,
    );
    if (!base.ok) continue;
    promised += base.value.npv;
    annualBenefitPromised += base.value.annualBenefit;
    figures.set(c.id, { npv: base.value.npv, annualBenefit: base.value.annualBenefit });
  }
  const benefits = await benefitsOfOrg(db, orgId, now);
  const totals = benefitTotals(benefits.values());
  const kpiIds = [...new Set(approved.flatMap((c) => (c.kpiId ? [c.kpiId] : [])))];
  const kpiRows = kpiIds.length ? await db.select({ id: kpis.id, name: kpis.name, unit: kpis.unit, kind: kpis.kind }).from(kpis).where(and(eq(kpis.orgId, orgId), inArray(kpis.id, kpiIds))) : [];
  const kpiOf = new Map(kpiRows.map((k) => [k.id, k]));
  const caseBenefits = approved
    .flatMap((c) => {
      const b = benefits.get(c.id);
      const kpi = c.kpiId ? kpiOf.get(c.kpiId) : undefined;
      return b?.tracked ? [{ ...b, title: c.title ?? "", kpi: kpi?.unit && kpi.kind ? { name: kpi.name ?? "", unit: kpi.unit as KpiUnit, kind: kpi.kind as KpiKind } : null }] : [];
    })
    .sort((a, b) => a.title.localeCompare(b.title));
  const submitted = rows
    .filter((r) => r.status === "submitted")
    .map((r) => ({ id: r.id, title: r.title ?? "" }))
    .sort((a, b) => a.title.localeCompare(b.title));
  // The figures behind the totals, per case: what the board's tiles open.
  const perCase = approved
    .map((c) => ({
      id: c.id,
      title: c.title ?? "",
      npv: figures.get(c.id)?.npv ?? null,
      annualBenefit: figures.get(c.id)?.annualBenefit ?? null,
      promisedToDate: benefits.get(c.id)?.promised ?? 0,
      delivered: benefits.get(c.id)?.delivered ?? 0,
    }))
    .sort((a, b) => a.title.localeCompare(b.title));
  return {
    byStatus,
    approvedCount: approved.length,
    promised,
    annualBenefitPromised,
    promisedToDate: totals.promised,
    delivered: totals.delivered,
    benefits: { promisedWithActuals: totals.promisedWithActuals, quarters: totals.quarters, cases: caseBenefits },
    submitted,
    approved: perCase,
  };
}

/**
 * The measurements a tile's figures are made of: the KPI's main period, for all customers, its
 * last TREND_PERIODS period starts (read from the (org, kpi, period_start) index), so the board
 * reads a dozen periods, not a KPI's whole history. The figures themselves are the catalogue's
 * rule (shared/kpi/overall.ts).
 */
async function latestMeasurements(db: Db, orgId: string, kpiId: string) {
  const scope = sql`org_id = ${orgId} and kpi_id = ${kpiId} and deleted_at is null and segment_id is null and period_start is not null and value is not null`;
  const counts = await db.all<{ period: MeasurementPeriod; n: number }>(sql`select period, count(*) as n from kpi_measurements where ${scope} group by period`);
  const period = periodsByCount(new Map(counts.map(({ period, n }) => [period, Number(n)])))[0];
  if (!period) return [];
  return db
    .select({
      period: kpiMeasurements.period,
      periodStart: kpiMeasurements.periodStart,
      locationId: kpiMeasurements.locationId,
      segmentId: kpiMeasurements.segmentId,
      value: kpiMeasurements.value,
      sampleSize: kpiMeasurements.sampleSize,
      updatedAt: kpiMeasurements.updatedAt,
    })
    .from(kpiMeasurements)
    .where(
      sql`${scope} and period = ${period} and period_start in (
        select distinct period_start from kpi_measurements where ${scope} and period = ${period} order by period_start desc limit ${TREND_PERIODS})`,
    ) as Promise<{ period: MeasurementPeriod; periodStart: string; locationId: string | null; segmentId: string | null; value: number; sampleSize: number | null; updatedAt: string }[]>;
}

async function kpisOf(db: Db, orgId: string): Promise<BoardKpiTile[]> {
  const hard = await db
    .select({ id: kpis.id, name: kpis.name, unit: kpis.unit, direction: kpis.direction, kind: kpis.kind, archived: kpis.archived })
    .from(kpis)
    .where(and(eq(kpis.orgId, orgId), isNull(kpis.deletedAt), eq(kpis.hard, true)))
    .orderBy(asc(kpis.name));
  const live = hard.filter((k) => !k.archived);
  return Promise.all(
    live.map(async (k): Promise<BoardKpiTile> => {
      const figures = overallTrend(await latestMeasurements(db, orgId, k.id), k.unit as KpiUnit | null);
      const trend: KpiPoint[] = (figures?.points ?? []).map((p) => ({ periodStart: p.at, value: p.value }));
      return {
        kpiId: k.id,
        name: k.name ?? "",
        unit: k.unit as KpiUnit,
        direction: k.direction as KpiDirection,
        kind: k.kind as KpiKind,
        hard: true,
        latest: trend.at(-1) ?? null,
        previous: trend.at(-2) ?? null,
        trend,
      };
    }),
  );
}
