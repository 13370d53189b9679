import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import type { BusinessCaseFields } from "../../shared/schemas/business-case";
import type { FindingFields } from "../../shared/schemas/finding";
import type { VisitFields } from "../../shared/schemas/visit";
import { compareProportions } from "../../shared/stats/compare";
import { businessCaseDecisions, businessCases, experiments, journeyStages, kpis } from "../db/schema";
import { freezeSubmission } from "../business-cases/snapshots";
import { serverHlc } from "../experiments/server-clock";
import type { Tx } from "../orgs/create";
import { SYNC_ENTITIES } from "../sync/entities";
import { allocateSeq } from "../sync/sequence";
import { storedState, writeRecords } from "../sync/write";
import { seedRecords } from "./records";
import type { DemoPeople } from "./experiments";
import type { FixLevel, Sentiment, VisitKind } from "../../shared/enums";
import type { Say } from "./language";

const DAY = 86_400_000;

export interface FloorPlaces {
  stores: { id: string; name: string }[];
  contactCentreId: string;
  webId: string;
  segmentIds: string[];
  themeIds: string[];
}

/** A repeatable number in [0, 1), so the demo looks the same every time. */
const pick = (i: number, salt: number) => {
  const x = Math.sin(i * 12.9898 + salt * 78.233) * 43758.5453;
  return x - Math.floor(x);
};

/** What the directors saw, per place: the raw material of the pickup experiment and of the board's heat map. */
const OBSERVATIONS: { saw: string; felt: string; expectation: string; pickup?: true }[] = [
  { saw: "Customer asked whether the jacket in the window is in stock in size M; nobody could check", felt: "Frustrated", expectation: "Someone can see the stock at once", pickup: true },
  { saw: "A visitor showed the product page on her phone and asked to collect it today", felt: "Hopeful, then disappointed", expectation: "Order online, pick up the same day", pickup: true },
  { saw: "Queue of seven at the only open till at 12:30", felt: "Impatient", expectation: "Paying takes under five minutes" },
  { saw: "Caller repeated her order number to three colleagues", felt: "Annoyed", expectation: "Tell my story once" },
  { saw: "Checked stock online, drove to the store, item was not there after all", felt: "Let down", expectation: "The stock shown online is the real stock", pickup: true },
  { saw: "Fitting rooms closed on a Saturday afternoon", felt: "Irritated", expectation: "Try before I buy, any day" },
  { saw: "Colleague explained the loyalty points clearly and warmly", felt: "Valued", expectation: "Being recognised as a regular" },
  { saw: "Delivery slot email arrived after the parcel did", felt: "Confused", expectation: "Messages in the right order" },
  { saw: "Return at the store refused because it was bought online", felt: "Angry", expectation: "One shop, whatever the channel", pickup: true },
  { saw: "Banner promised 30 % off, the till charged full price", felt: "Cheated", expectation: "The advertised price is the price" },
];
const SENTIMENT_CYCLE: Sentiment[] = ["pain", "pain", "neutral", "pain", "delight"];
const LEVEL_CYCLE: (FixLevel | null)[] = ["operations", "proposition", "message", "campaign", "operations", null];
const STATUS_CYCLE: FindingFields["status"][] = ["new", "new", "triaged", "linked", "closed"];
const VISIT_KINDS: VisitKind[] = ["floor_walk", "customer_interview", "call_listening", "team_meal", "ride_along"];

/**
 * The floor behind the board view: the director's visits (five in the last 30 days, two before),
 * one visit by the board member 60 days ago, and forty findings across the journey stages,
 * severities, levels and places. Returns the findings that bear on same-day pickup and on the
 * fitting rooms (the approved case's evidence).
 */
export async function seedFloor(tx: Tx, orgId: string, people: DemoPeople, places: FloorPlaces, now: string, say: Say) {
  const nowMs = Date.parse(now);
  const hlc = serverHlc(nowMs);
  const clocksFor = (fields: object) => Object.fromEntries(Object.keys(fields).map((name) => [name, hlc]));
  const { executive, board } = people.byRole;
  const stages = await tx.select({ id: journeyStages.id }).from(journeyStages).where(eq(journeyStages.orgId, orgId)).orderBy(asc(journeyStages.position));
  const placeIds = [...places.stores.map((s) => s.id), places.contactCentreId, places.webId];

  const visitPlan: { authorId: string; daysAgo: number }[] = [
    ...[2, 6, 11, 17, 24, 41, 75].map((daysAgo) => ({ authorId: executive.id, daysAgo })),
    { authorId: board.id, daysAgo: 60 },
  ];
  const visitRows = visitPlan.map(({ authorId, daysAgo }, i) => {
    const startedMs = nowMs - daysAgo * DAY - 3 * 3_600_000;
    const fields: VisitFields = {
      kind: VISIT_KINDS[i % VISIT_KINDS.length]!,
      locationId: placeIds[i % placeIds.length]!,
      startedAt: new Date(startedMs).toISOString(),
      endedAt: new Date(startedMs + 90 * 60_000).toISOString(),
      peopleMet: say(i % 2 === 0 ? "Store manager, two colleagues on the floor" : "Team lead, three agents"),
      notes: say("Walked along for an hour and a half."),
    };
    return { authorId, startedMs, fields };
  });

  const findingRows = Array.from({ length: 40 }, (_, i) => {
    const visit = visitRows[i % visitRows.length]!;
    const observation = OBSERVATIONS[i % OBSERVATIONS.length]!;
    const createdMs = visit.startedMs + (i % 5) * 10 * 60_000;
    const fields: FindingFields = {
      visitId: null,
      mysteryShopId: null,
      journeyStageId: stages.length ? stages[(i * 7 + Math.floor(pick(i, 1) * 3)) % stages.length]!.id : null,
      locationId: placeIds[(i + Math.floor(pick(i, 2) * placeIds.length)) % placeIds.length]!,
      segmentId: places.segmentIds[i % places.segmentIds.length] ?? null,
      themeId: places.themeIds[i % places.themeIds.length] ?? null,
      saw: say(observation.saw),
      felt: say(observation.felt),
      expectation: say(observation.expectation),
      severity: (Math.floor(i * 1.7 + pick(i, 3) * 2) % 5) + 1,
      sentiment: SENTIMENT_CYCLE[i % SENTIMENT_CYCLE.length]!,
      level: LEVEL_CYCLE[i % LEVEL_CYCLE.length]!,
      status: STATUS_CYCLE[i % STATUS_CYCLE.length]!,
      tags: observation.pickup ? [say("stock"), say("pickup")] : [],
      photos: [],
    };
    return { authorId: visit.authorId, visitIndex: i % 4 === 3 ? null : i % visitRows.length, createdMs, fields, pickup: observation.pickup === true, fittingRoom: observation.saw.startsWith("Fitting rooms") };
  });

  const visitIds = visitRows.map(() => randomUUID());
  await seedRecords(
    tx,
    orgId,
    "visit",
    visitRows.map((v, i) => ({ id: visitIds[i]!, authorId: v.authorId, createdAt: new Date(v.startedMs).toISOString(), ...v.fields, clocks: clocksFor(v.fields) })),
    new Date(now),
  );
  const rows = findingRows.map((f) => {
    const fields = { ...f.fields, visitId: f.visitIndex === null ? null : visitIds[f.visitIndex]! };
    return { id: randomUUID(), authorId: f.authorId, createdAt: new Date(f.createdMs).toISOString(), ...fields, clocks: clocksFor(fields), pickup: f.pickup, fittingRoom: f.fittingRoom };
  });
  await seedRecords(tx, orgId, "finding", rows.map(({ pickup: _p, fittingRoom: _f, ...row }) => row), new Date(now));
  // Told apart by the English original: the stored text may be Dutch.
  return { pickupFindingIds: rows.filter((r) => r.pickup).map((r) => r.id), fittingRoomFindingIds: rows.filter((r) => r.fittingRoom).map((r) => r.id) };
}

/**
 * The business case built on the won pickup experiment, as CX ops would write it and submit
 * it: the lift scenarios from the experiment's result (the 95 % interval and the measured
 * lift), its findings as evidence, and the submission in the case's history.
 */
export async function seedBusinessCase(tx: Tx, orgId: string, people: DemoPeople, pickupFindingIds: string[], now: string, say: Say) {
  const nowMs = Date.parse(now);
  const hlc = serverHlc(nowMs);
  const { cx_ops } = people.byRole;
  const [won] = await tx
    .select({ id: experiments.id, results: experiments.results, primaryKpiId: experiments.primaryKpiId, themeId: experiments.themeId, clocks: experiments.clocks })
    .from(experiments)
    .where(and(eq(experiments.orgId, orgId), eq(experiments.status, "won")));
  const result = won?.results?.find((r) => r.kpiId === won.primaryKpiId);
  if (!won || !result || !("users" in result.control) || !("users" in result.treatment)) return;
  const compared = compareProportions(result.control, result.treatment);
  if (!compared.ok) throw new Error(`demo case: ${compared.problem.message}`);
  const { absoluteLift, ciAbsolute } = compared.value;
  const [kpi] = await tx.select({ id: kpis.id }).from(kpis).where(and(eq(kpis.orgId, orgId), eq(kpis.id, won.primaryKpiId!)));

  // The experiment's own evidence: the findings that led to it (same transaction, same server clock).
  const [wonRow] = await tx.select().from(experiments).where(eq(experiments.id, won.id));
  const before = storedState(SYNC_ENTITIES.experiment, wonRow as Record<string, unknown>);
  await writeRecords(tx, { orgId, userId: cx_ops.id, now: new Date(nowMs) }, [
    { entity: "experiment", id: won.id, before, state: { ...before.state, fields: { ...before.state.fields, findingIds: pickupFindingIds }, clocks: { ...before.state.clocks, findingIds: hlc } } },
  ]);

  const fields: BusinessCaseFields = {
    title: say("Same-day pickup in every store"),
    summary: say(
      "Visitors who can check stock online and collect within the hour convert more often. The pilot in Rotterdam lifted conversion by 2.25 points; this case rolls the in-stock check and a pickup desk out to every store.",
    ),
    ask: say("€120,000 for stock feeds, pickup desks and training in all stores, and €20,000 a year to run them."),
    experimentIds: [won.id],
    findingIds: pickupFindingIds.slice(0, 3),
    kpiId: kpi?.id ?? null,
    baseline: result.control.conversions / result.control.users,
    lift: { low: ciAbsolute[0], base: absoluteLift, high: ciAbsolute[1] },
    liftOverridden: false,
    liftOverrideReason: "",
    volumeLabel: say("store visitors a year"),
    annualVolume: 400_000,
    valuePerUnit: 35,
    investment: 120_000,
    runningCostPerYear: 20_000,
    horizonYears: 3,
    discountRate: 0.08,
    options: [
      { id: randomUUID(), title: say("Do nothing"), description: say("Keep pickup in Rotterdam only; the other stores go on without an in-stock check."), doNothing: true },
      // The case's own figures (its base scenario's benefit), and a cheaper half-way house beside it.
      { id: randomUUID(), title: say("Roll out to every store"), description: say("Stock feed, pickup desk and signage in all three stores within one quarter."), doNothing: false, investment: 120_000, runningCostPerYear: 20_000, annualBenefit: 315_000 },
      { id: randomUUID(), title: say("Web check only"), description: say("Show store stock on the product page, without a pickup promise."), doNothing: false, investment: 35_000, runningCostPerYear: 6_000, annualBenefit: 90_000 },
    ],
    risks: [
      { id: randomUUID(), title: say("Stock feed lags behind the shelves"), likelihood: 3, impact: 4, mitigation: say("Hourly feed plus a nightly count in the pilot weeks; hide stock below two items.") },
      { id: randomUUID(), title: say("Pickup desks understaffed at peak hours"), likelihood: 2, impact: 3, mitigation: say("Desk staffed from the till rota on Saturdays; a bell for quiet hours.") },
    ],
    themeId: won.themeId,
    recommendation: say(
      "Approve the roll-out to every store. The base scenario earns the investment back within five months; the low scenario still pays back within the three years, though its NPV is slightly below zero. It moves 'stores as showrooms' forward.",
    ),
    ownerId: cx_ops.id,
  };
  const submittedAt = new Date(nowMs - 3 * DAY).toISOString();
  const seq = await allocateSeq(tx, 1);
  const caseId = randomUUID();
  await seedRecords(
    tx,
    orgId,
    "business_case",
    [{ id: caseId, authorId: cx_ops.id, createdAt: new Date(nowMs - 7 * DAY).toISOString(), ...fields, status: "submitted", clocks: Object.fromEntries([...Object.keys(fields), "status"].map((name) => [name, hlc])) }],
    new Date(nowMs),
  );
  await tx.insert(businessCaseDecisions).values({
    id: randomUUID(),
    orgId,
    businessCaseId: caseId,
    from: "draft",
    to: "submitted",
    reason: say("Ready for the board: the pilot won and the numbers hold even in the low scenario."),
    userId: cx_ops.id,
    userName: cx_ops.name,
    at: submittedAt,
    seq,
  });
  // What the submission put before the board, as a real submission freezes it.
  const [caseRow] = await tx.select().from(businessCases).where(eq(businessCases.id, caseId));
  await freezeSubmission(tx, orgId, caseRow!, { id: cx_ops.id, name: cx_ops.name }, new Date(submittedAt));
}
