import type { BoardSummary } from "./model";

/** A summary as the server sends it, for an organisation with a little of everything. */
export const SUMMARY: BoardSummary = {
  generatedAt: "2026-03-10T08:00:00.000Z",
  immersion: {
    targetPerMonth: 2,
    people: [
      { userId: "u-anna", name: "Anna", role: "executive", visits30: 3, visits90: 7, lastVisitAt: "2026-03-08T10:00:00.000Z", onTrack: true },
      { userId: "u-bram", name: "Bram", role: "executive", visits30: 0, visits90: 2, lastVisitAt: "2026-01-20T10:00:00.000Z", onTrack: false },
      { userId: "u-cor", name: "Cor", role: "board", visits30: 1, visits90: 1, lastVisitAt: "2026-03-01T10:00:00.000Z", onTrack: false },
      { userId: "u-dirk", name: "Dirk", role: "board", visits30: 0, visits90: 0, lastVisitAt: null, onTrack: false },
    ],
    notOnFloor: ["u-bram", "u-dirk"],
  },
  findings: {
    total: 9,
    open: 6,
    heatmap: [
      { journeyStageId: "s-purchase", severity: 5, count: 4 },
      { journeyStageId: "s-purchase", severity: 2, count: 1 },
      { journeyStageId: "s-delivery", severity: 3, count: 2 },
      { journeyStageId: null, severity: 4, count: 1 },
      { journeyStageId: "s-gone", severity: 1, count: 1 },
    ],
    byLevel: [
      { level: "operations", count: 5 },
      { level: null, count: 4 },
    ],
  },
  experiments: {
    byStatus: { idea: 3, proposed: 1, approved: 0, running: 2, analysing: 0, won: 1, lost: 1, inconclusive: 0, scaled: 1, stopped: 0 },
    won: 2,
    lost: 1,
    inconclusive: 0,
    winRate: 2 / 3,
  },
  cases: {
    byStatus: { draft: 1, submitted: 1, approved: 2, rejected: 0, deferred: 0 },
    approvedCount: 2,
    promised: 120_000,
    annualBenefitPromised: 48_000,
    promisedToDate: 20_000,
    delivered: 12_500,
    submitted: [{ id: "c-1", title: "Second till on Saturdays" }],
    approved: [
      { id: "c-2", title: "Greeter on Saturdays", npv: 80_000, annualBenefit: 30_000, promisedToDate: 12_000, delivered: 9_000 },
      { id: "c-3", title: "Self-scan lanes", npv: 40_000, annualBenefit: 18_000, promisedToDate: 8_000, delivered: 3_500 },
    ],
  },
  kpis: [
    {
      kpiId: "k-conv",
      name: "Conversion",
      unit: "percent",
      direction: "higher",
      kind: "proportion",
      hard: true,
      latest: { periodStart: "2026-03-01", value: 3.4 },
      previous: { periodStart: "2026-02-01", value: 3.1 },
      trend: [
        { periodStart: "2026-01-01", value: 3.0 },
        { periodStart: "2026-02-01", value: 3.1 },
        { periodStart: "2026-03-01", value: 3.4 },
      ],
    },
  ],
};
