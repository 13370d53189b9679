import { randomUUID } from "node:crypto";
import { and, asc, eq, isNull } from "drizzle-orm";
import { EMPTY_EXPERIMENT } from "../../shared/defaults";
import { periodStartOf } from "../../shared/kpi/csv";
import type { Role } from "../../shared/roles";
import type { ExperimentFields, PlanBlock } from "../../shared/schemas/experiment";
import type { KpiFields, KpiMeasurementFields } from "../../shared/schemas/kpi";
import { DEFAULT_ALPHA, DEFAULT_POWER } from "../../shared/stats/defaults";
import { sampleSize } from "../../shared/stats/sample-size";
import { experimentDecisions, findings, journeyStages } from "../db/schema";
import { serverHlc } from "../experiments/server-clock";
import type { Tx } from "../orgs/create";
import { allocateSeq } from "../sync/sequence";
import { seedRecords } from "./records";
import type { ExperimentStatus } from "../../shared/enums";
import type { Say } from "./language";

export interface DemoPeople {
  byRole: Record<Role, { id: string; name: string }>;
}

export interface DemoSettings {
  stores: { id: string; name: string }[];
  segmentIds: string[];
  themeIds: string[];
}

interface DemoKpi {
  fields: KpiFields;
  /** Level per store (in store order), then the weekly drift and the noise either side. */
  levels: number[];
  drift: number;
  noise: number;
  min: number;
  max: number;
  decimals: number;
  /** Users or observations behind one store's weekly value. */
  sample: [number, number];
}

const KPIS: DemoKpi[] = [
  {
    fields: { name: "Conversion", unit: "percent", direction: "higher", kind: "proportion", hard: true, description: "Share of store visitors who buy something.", archived: false, minValue: null, maxValue: null },
    levels: [23, 21.2, 19.6, 22.1, 20.4, 21.7, 20.9],
    drift: 0.06,
    noise: 1.3,
    min: 18,
    max: 26,
    decimals: 1,
    sample: [2400, 3600],
  },
  {
    fields: { name: "Spend per customer", unit: "eur", direction: "higher", kind: "mean", hard: true, description: "Average receipt of a paying customer, including VAT.", archived: false, minValue: 0, maxValue: null },
    levels: [44, 39.5, 37, 41, 38.5, 42, 40],
    drift: 0.08,
    noise: 2.5,
    min: 32,
    max: 50,
    decimals: 2,
    sample: [550, 900],
  },
  {
    fields: { name: "NPS", unit: "score", direction: "higher", kind: "mean", hard: false, description: "Net Promoter Score from the receipt survey (−100 to 100).", archived: false, minValue: -100, maxValue: 100 },
    levels: [38, 31, 27, 34, 29, 36, 32],
    drift: 0.15,
    noise: 5,
    min: 15,
    max: 50,
    decimals: 0,
    sample: [80, 160],
  },
  {
    fields: { name: "12-month retention", unit: "percent", direction: "higher", kind: "proportion", hard: true, description: "Share of loyalty members who buy again within twelve months.", archived: false, minValue: null, maxValue: null },
    levels: [64, 61, 58, 62, 59, 63, 60],
    drift: 0.04,
    noise: 1.5,
    min: 54,
    max: 70,
    decimals: 1,
    sample: [900, 1300],
  },
];

/** Weeks of measurements per store and KPI, the last one the week before this one. */
const WEEKS = 20;
const DAY = 86_400_000;

/**
 * The store pilot: self-scan price checkers in three stores for the last 8 weeks, against four
 * control stores. Conversion rises by this many points in the pilot stores from its start (a
 * real but modest effect, about 4 % of their level); spend per customer and NPS do not move.
 */
const PILOT_WEEKS = 8;
const PILOT_LIFT = 0.9;
/** Pilot and control stores, by their place in the demo's store list. */
const PILOT_STORES = [2, 3, 4];
const CONTROL_STORES = [1, 5, 6, 0];

/** A repeatable number in [0, 1) from a few integers, so the demo looks the same every time. */
function noise(...parts: number[]) {
  const x = Math.sin(parts.reduce((sum, part, i) => sum + part * [12.9898, 78.233, 37.719, 4.581][i % 4]!, 0)) * 43758.5453;
  return x - Math.floor(x);
}

const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;
const dateOnly = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The KPI catalogue with twelve weeks of measurements per store, and three experiments along
 * the lifecycle: an idea, one running (plan, baseline and sample size filled in) and one won
 * with its results, each move in the decision log. Every field carries a server clock.
 */
export async function seedKpisAndExperiments(tx: Tx, orgId: string, people: DemoPeople, settings: DemoSettings, now: string, say: Say) {
  const nowMs = Date.parse(now);
  const hlc = serverHlc(nowMs);
  const clocksFor = (fields: object, extra: string[] = []) => Object.fromEntries([...Object.keys(fields), ...extra].map((name) => [name, hlc]));
  const { admin, executive, cx_ops, board } = people.byRole;

  const [stage] = await tx.select({ id: journeyStages.id }).from(journeyStages).where(eq(journeyStages.orgId, orgId)).orderBy(asc(journeyStages.position));
  const [finding] = await tx
    .select({ id: findings.id })
    .from(findings)
    .where(and(eq(findings.orgId, orgId), isNull(findings.deletedAt)))
    .orderBy(asc(findings.createdAt))
    .limit(1);

  const kpiIds = KPIS.map(() => randomUUID());
  const thisMonday = Date.parse(periodStartOf(new Date(nowMs), "week"));
  const measurements: KpiMeasurementFields[] = [];
  for (const [k, kpi] of KPIS.entries()) {
    for (const [s, store] of settings.stores.entries()) {
      for (let week = 0; week < WEEKS; week++) {
        const piloted = k === 0 && PILOT_STORES.includes(s) && week >= WEEKS - PILOT_WEEKS ? PILOT_LIFT : 0;
        const level = (kpi.levels[s] ?? kpi.levels.at(-1)!) + kpi.drift * week + (noise(k, s, week) * 2 - 1) * kpi.noise + piloted;
        const [low, high] = kpi.sample;
        measurements.push({
          kpiId: kpiIds[k]!,
          period: "week",
          periodStart: dateOnly(thisMonday - (WEEKS - week) * 7 * DAY),
          locationId: store.id,
          segmentId: null,
          value: round(Math.min(kpi.max, Math.max(kpi.min, level)), kpi.decimals),
          sampleSize: Math.round(low + noise(s, week, k, 7) * (high - low)),
          note: null,
        });
      }
    }
  }

  const [conversionId, spendId, npsId] = kpiIds as [string, string, string, string];
  const [amsterdam, utrecht, rotterdam] = settings.stores;
  const storeIds = (places: number[]) => places.flatMap((i) => (settings.stores[i] ? [settings.stores[i].id] : []));
  const pilotStart = thisMonday - PILOT_WEEKS * 7 * DAY;
  const daysAgo = (ms: number) => (nowMs - ms) / DAY;
  const plan = (blocks: [string, string, number, boolean][]): PlanBlock[] =>
    blocks.map(([title, ownerId, dueInDays, done]) => ({ id: randomUUID(), title, ownerId, dueDate: dateOnly(nowMs + dueInDays * DAY), done }));
  const needed = (baseline: number, mde: number) => {
    const outcome = sampleSize({ baseline, mde, alpha: DEFAULT_ALPHA, power: DEFAULT_POWER });
    if (!outcome.ok) throw new Error(`demo sample size: ${outcome.problem.message}`);
    return outcome.value.perVariant;
  };
  const blank: ExperimentFields = { ...EMPTY_EXPERIMENT, journeyStageId: stage?.id ?? null };

  type Move = [ExperimentStatus, ExperimentStatus, { id: string; name: string }, string, number];
  const demo: { authorId: string; status: ExperimentStatus; fields: ExperimentFields; moves: Move[] }[] = [
    {
      authorId: executive.id,
      status: "idea",
      fields: {
        ...blank,
        title: say("A greeter at the entrance on Saturdays"),
        findingIds: finding ? [finding.id] : [],
        change: say("a colleague who welcomes visitors at the door and points them to what they came for"),
        segmentId: settings.segmentIds[0] ?? null,
        primaryKpiId: conversionId,
        expectedLift: 0.05,
        impact: 7,
        confidence: 5,
        ease: 8,
        ownerId: executive.id,
        team: [say("Store operations")],
        themeId: settings.themeIds[1] ?? null,
        notes: say("Seen on a Saturday floor walk: visitors turn around when nobody looks up."),
      },
      moves: [],
    },
    {
      authorId: cx_ops.id,
      status: "running",
      fields: {
        ...blank,
        title: say("Queue-busting tablets at the tills"),
        change: say("colleagues with payment tablets who take payment in the queue at peak hours"),
        segmentId: settings.segmentIds[0] ?? null,
        primaryKpiId: conversionId,
        expectedLift: 0.08,
        guardrailKpiIds: [npsId],
        baseline: 0.22,
        mde: 0.08,
        requiredSampleSize: needed(0.22, 0.08),
        design: "pilot_control",
        pilotLocationIds: amsterdam ? [amsterdam.id] : [],
        controlLocationIds: utrecht ? [utrecht.id] : [],
        impact: 8,
        confidence: 6,
        ease: 5,
        ownerId: cx_ops.id,
        team: [say("Store operations"), say("IT"), say("Finance")],
        themeId: settings.themeIds[0] ?? null,
        plan: plan([
          [say("Choose and order four payment tablets"), admin.id, -20, true],
          [say("Connect the tablets to the till system"), admin.id, -14, true],
          [say("Train the Amsterdam team on peak-hour roles"), cx_ops.id, -10, true],
          [say("Weekly check-in with the store manager"), executive.id, 14, false],
        ]),
      },
      moves: [
        ["idea", "proposed", executive, say("Customers leave the queue on Saturdays; worth testing in one store."), 35],
        ["proposed", "approved", board, say("Small investment, clear KPI; approved for one pilot store."), 28],
        ["approved", "running", cx_ops, say("Tablets live in Amsterdam; Utrecht is the control store."), 21],
      ],
    },
    {
      authorId: cx_ops.id,
      status: "won",
      fields: {
        ...blank,
        title: say("Reserve online, pick up in store within the hour"),
        change: say("an in-stock check on the product page with pickup within the hour"),
        segmentId: settings.segmentIds[0] ?? null,
        primaryKpiId: conversionId,
        expectedLift: 0.1,
        guardrailKpiIds: [spendId],
        baseline: 0.205,
        mde: 0.15,
        requiredSampleSize: needed(0.205, 0.15),
        design: "ab_split",
        pilotLocationIds: rotterdam ? [rotterdam.id] : [],
        impact: 9,
        confidence: 7,
        ease: 6,
        ownerId: cx_ops.id,
        team: [say("E-commerce"), say("Store operations"), say("IT")],
        themeId: settings.themeIds[1] ?? null,
        plan: plan([
          [say("Stock feed from the stores to the webshop"), admin.id, -80, true],
          [say("Pickup desk and signage in Rotterdam"), executive.id, -75, true],
          [say("Split product-page visitors 50/50"), cx_ops.id, -72, true],
        ]),
        results: [{ kpiId: conversionId, control: { users: 4000, conversions: 820 }, treatment: { users: 4000, conversions: 910 } }],
        notes: say("Treatment converted 22.75 % against 20.5 % for control."),
      },
      moves: [
        ["idea", "proposed", cx_ops, say("Half of the visitors who ask in store checked the stock online first."), 84],
        ["proposed", "approved", board, say("Fits 'stores as showrooms'; approved."), 80],
        ["approved", "running", cx_ops, say("Split live on the product pages."), 70],
        ["running", "analysing", cx_ops, say("Both groups passed the required sample size."), 21],
        ["analysing", "won", cx_ops, say("Conversion up 2.25 points (p ≈ 0.014); no harm to spend per customer."), 14],
      ],
    },
    {
      authorId: executive.id,
      status: "won",
      fields: {
        ...blank,
        title: say("Self-scan price checkers in the aisles"),
        findingIds: finding ? [finding.id] : [],
        change: say("price checkers on every aisle end, so nobody has to look for a colleague to ask what something costs"),
        segmentId: settings.segmentIds[1] ?? null,
        primaryKpiId: conversionId,
        expectedLift: 0.04,
        guardrailKpiIds: [spendId, npsId],
        baseline: 0.21,
        mde: 0.04,
        requiredSampleSize: needed(0.21, 0.04),
        design: "pilot_control",
        pilotLocationIds: storeIds(PILOT_STORES),
        controlLocationIds: storeIds(CONTROL_STORES),
        pilotStart: dateOnly(pilotStart),
        pilotEnd: dateOnly(thisMonday - DAY),
        // All twelve weeks of history before the start (the default would take as many as the pilot ran: eight).
        preFrom: dateOnly(pilotStart - (WEEKS - PILOT_WEEKS) * 7 * DAY),
        impact: 6,
        confidence: 6,
        ease: 7,
        ownerId: cx_ops.id,
        team: [say("Store operations"), say("IT")],
        themeId: settings.themeIds[0] ?? null,
        plan: plan([
          [say("Install price checkers in the three pilot stores"), admin.id, -daysAgo(pilotStart) - 3, true],
          [say("Brief the pilot store teams"), executive.id, -daysAgo(pilotStart) - 1, true],
        ]),
        notes: say("Three pilot stores against four comparable control stores; read on weekly conversion per store."),
      },
      moves: [
        ["idea", "proposed", executive, say("On floor walks customers hunt for prices and leave; a pilot in three stores is cheap."), daysAgo(pilotStart) + 20],
        ["proposed", "approved", board, say("Approved as a pilot in three stores with four control stores."), daysAgo(pilotStart) + 12],
        ["approved", "running", cx_ops, say("Price checkers live in Rotterdam, Den Haag and Eindhoven."), daysAgo(pilotStart) - 0.25],
        ["running", "analysing", cx_ops, say("Eight weeks of measurements are in."), 3],
        ["analysing", "won", cx_ops, say("Conversion up in the pilot stores against the control stores; spend and NPS held."), 2],
      ],
    },
  ];

  const decisionCount = demo.reduce((sum, e) => sum + e.moves.length, 0);
  let seq = await allocateSeq(tx, decisionCount);
  const base = (authorId: string) => ({ id: randomUUID(), authorId, createdAt: now });

  const at = new Date(nowMs);
  await seedRecords(tx, orgId, "kpi", KPIS.map((kpi, k) => {
      const fields = { ...kpi.fields, name: say(kpi.fields.name), description: say(kpi.fields.description) };
      return { ...base(admin.id), id: kpiIds[k]!, ...fields, clocks: clocksFor(fields) };
    }), at);
  await seedRecords(tx, orgId, "kpi_measurement", measurements.map((fields) => ({ ...base(admin.id), ...fields, clocks: clocksFor(fields) })), at);

  const experimentRows = demo.map((e) => ({ ...base(e.authorId), ...e.fields, status: e.status, clocks: clocksFor(e.fields, ["status"]) }));
  await seedRecords(tx, orgId, "experiment", experimentRows, at);
  const decisionRows = demo.flatMap((e, i) =>
    e.moves.map(([from, to, who, reason, daysAgo]) => ({
      id: randomUUID(),
      orgId,
      experimentId: experimentRows[i]!.id,
      from,
      to,
      reason,
      userId: who.id,
      userName: who.name,
      at: new Date(nowMs - daysAgo * DAY).toISOString(),
      seq: seq++,
    })),
  );
  if (decisionRows.length > 0) await tx.insert(experimentDecisions).values(decisionRows);
}
