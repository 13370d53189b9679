import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { addMonths, dayNumber, dayText, quarterDays, quarterOf, trackBenefits, type RecordedActual } from "../../shared/business-cases/benefits";
import type { BusinessCaseFields } from "../../shared/schemas/business-case";
import { businessCaseDecisions, kpis } from "../db/schema";
import { serverHlc } from "../experiments/server-clock";
import type { Tx } from "../orgs/create";
import { allocateSeq } from "../sync/sequence";
import type { DemoPeople } from "./experiments";
import type { Say } from "./language";
import { seedRecords } from "./records";

const DAY = 86_400_000;

/** Of the target, what the two reported quarters delivered: short of the promise, as a first roll-out is. */
const DELIVERED_SHARE = [0.78, 0.88] as const;

/**
 * An approved case a quarter and a half into its benefits, so the board view has something true
 * to show: staffed fitting rooms at weekends, live two weeks into the quarter before last with a
 * three-month ramp-up, and the owner's actuals (with how finance measured them) for the two
 * quarters since — about 85 % of the target, not a KPI movement borrowed from the whole chain.
 * The current quarter has no actual yet: finance reports after the quarter closes.
 */
export async function seedApprovedCase(tx: Tx, orgId: string, people: DemoPeople, evidence: { findingIds: string[]; themeId: string | null }, now: string, say: Say) {
  const nowMs = Date.parse(now);
  const hlc = serverHlc(nowMs);
  const { cx_ops, board } = people.byRole;
  const [conversion] = await tx
    .select({ id: kpis.id })
    .from(kpis)
    .where(and(eq(kpis.orgId, orgId), eq(kpis.name, say("Conversion"))));

  const thisQuarter = quarterDays(quarterOf(now));
  const goLive = addMonths(thisQuarter.first, -6) + 14;
  const approvedMs = (goLive - 41) * DAY + 15 * 3_600_000;
  const submittedMs = approvedMs - 6 * DAY;

  const fields: BusinessCaseFields = {
    title: say("Fitting rooms staffed all weekend"),
    summary:
      say("On Saturday and Sunday afternoons fitting rooms close when the floor is busy, and visitors leave without buying. A colleague at the fitting rooms from 11:00 to 17:00 keeps them open in every store."),
    ask: say("€30,000 for a fitting-room desk and training in seven stores, and €26,000 a year of weekend hours."),
    experimentIds: [],
    findingIds: evidence.findingIds.slice(0, 3),
    kpiId: conversion?.id ?? null,
    baseline: 0.21,
    lift: { low: 0.003, base: 0.006, high: 0.01 },
    liftOverridden: true,
    liftOverrideReason: say("No experiment of ours: the scenarios come from the spring weekends in Utrecht, where staffed fitting rooms lifted weekend conversion by 0.3 to 1.0 points."),
    volumeLabel: say("store visitors a year"),
    annualVolume: 400_000,
    valuePerUnit: 35,
    investment: 30_000,
    runningCostPerYear: 26_000,
    horizonYears: 3,
    discountRate: 0.08,
    options: [
      { id: randomUUID(), title: say("Do nothing"), description: say("Fitting rooms stay closed when the floor is short-handed."), doNothing: true },
      { id: randomUUID(), title: say("Staff them all weekend"), description: say("A colleague at the fitting rooms on Saturday and Sunday, 11:00–17:00, in all seven stores."), doNothing: false, investment: 30_000, runningCostPerYear: 26_000, annualBenefit: 84_000 },
      { id: randomUUID(), title: say("Saturdays only"), description: say("Half the hours; Sunday afternoons stay unstaffed."), doNothing: false, investment: 30_000, runningCostPerYear: 13_000, annualBenefit: 50_000 },
    ],
    risks: [{ id: randomUUID(), title: say("Weekend rota cannot be filled"), likelihood: 2, impact: 3, mitigation: say("Students on weekend contracts; the store manager covers a gap.") }],
    themeId: evidence.themeId,
    recommendation: say("Approve: the base scenario pays back within the first year, and the change can be stopped at any weekend if it does not deliver."),
    ownerId: cx_ops.id,
  };

  // The owner's actuals for the two quarters since go-live, as a share of what each quarter promised.
  const plan = { goLive: dayText(goLive), rampUpMonths: 3 };
  const theCase = { id: "demo", kpiId: fields.kpiId, lift: fields.lift, annualVolume: fields.annualVolume, valuePerUnit: fields.valuePerUnit, horizonYears: fields.horizonYears, approvedAt: new Date(approvedMs).toISOString(), ...plan, benefitScope: null, benefitActuals: null };
  const targets = trackBenefits({ cases: [theCase], kpis: new Map(), measurements: [], today: dayText(dayNumber(now)) }).get("demo")!.quarters;
  const methods = [
    say("Finance: weekend till receipts of all seven stores against the same weekends last year, the extra buyers times €35 margin; the two bank-holiday weekends left out."),
    say("As last quarter, checked by finance. Eindhoven's fitting rooms were closed for two weekends by a refit: those count nothing."),
  ];
  const benefitActuals: RecordedActual[] = targets.slice(0, 2).map((q, i) => ({
    quarter: q.quarter,
    amount: Math.round((q.target * DELIVERED_SHARE[i]!) / 100) * 100,
    method: methods[i]!,
    recordedBy: cx_ops.id,
    // Reported when finance closed the quarter, nine days after it ended (never in the future).
    recordedAt: new Date(Math.min(nowMs - 3_600_000, (quarterDays(q.quarter).end + 9) * DAY + 10 * 3_600_000)).toISOString(),
  }));

  const caseId = randomUUID();
  const server = { status: "approved", approvedAt: theCase.approvedAt, goLive: plan.goLive, rampUpMonths: plan.rampUpMonths, benefitScope: null, benefitActuals };
  await seedRecords(
    tx,
    orgId,
    "business_case",
    [{ id: caseId, authorId: cx_ops.id, createdAt: new Date(submittedMs - 14 * DAY).toISOString(), ...fields, ...server, clocks: Object.fromEntries([...Object.keys(fields), ...Object.keys(server)].map((name) => [name, hlc])) }],
    new Date(nowMs),
  );
  let seq = await allocateSeq(tx, 2);
  const decision = (from: "draft" | "submitted", to: "submitted" | "approved", who: { id: string; name: string }, reason: string, atMs: number) => ({
    id: randomUUID(),
    orgId,
    businessCaseId: caseId,
    from,
    to,
    reason,
    userId: who.id,
    userName: who.name,
    at: new Date(atMs).toISOString(),
    dutiesSeparated: true,
    seq: seq++,
  });
  await tx.insert(businessCaseDecisions).values([
    decision("draft", "submitted", cx_ops, say("Ready for the board: small investment, and it can be stopped any weekend."), submittedMs),
    decision("submitted", "approved", board, say("Approved for all seven stores; report the benefit each quarter with finance's figures."), approvedMs),
  ]);
}
