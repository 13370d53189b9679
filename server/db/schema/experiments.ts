import { index, integer, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { KpiResult, PlanBlock } from "../../../shared/schemas/experiment";
import { decisionColumns, syncColumns } from "./capture";
import type { ExperimentStatus } from "../../../shared/enums";
import type { VerdictGate } from "../../../shared/experiments/gates";

export const kpis = sqliteTable(
  "kpis",
  {
    ...syncColumns(),
    name: text(),
    unit: text(),
    direction: text(),
    kind: text(),
    hard: integer({ mode: "boolean" }),
    description: text(),
    archived: integer({ mode: "boolean" }),
    minValue: real(),
    maxValue: real(),
  },
  (t) => [index("kpis_org_seq_idx").on(t.orgId, t.seq)],
);

export const kpiMeasurements = sqliteTable(
  "kpi_measurements",
  {
    ...syncColumns(),
    kpiId: text(),
    period: text(),
    periodStart: text(),
    locationId: text(),
    segmentId: text(),
    value: real(),
    sampleSize: integer(),
    note: text(),
  },
  (t) => [index("kpi_measurements_org_seq_idx").on(t.orgId, t.seq), index("kpi_measurements_org_kpi_idx").on(t.orgId, t.kpiId, t.periodStart)],
);

export const experiments = sqliteTable(
  "experiments",
  {
    ...syncColumns(),
    title: text(),
    findingIds: text({ mode: "json" }).$type<string[]>(),
    change: text(),
    segmentId: text(),
    journeyStageId: text(),
    primaryKpiId: text(),
    expectedLift: real(),
    guardrailKpiIds: text({ mode: "json" }).$type<string[]>(),
    baseline: real(),
    mde: real(),
    requiredSampleSize: integer(),
    design: text(),
    treatmentShare: real(),
    pilotLocationIds: text({ mode: "json" }).$type<string[]>(),
    controlLocationIds: text({ mode: "json" }).$type<string[]>(),
    pilotStart: text(),
    pilotEnd: text(),
    preFrom: text(),
    impact: integer(),
    confidence: integer(),
    ease: integer(),
    ownerId: text(),
    team: text({ mode: "json" }).$type<string[]>(),
    themeId: text(),
    plan: text({ mode: "json" }).$type<PlanBlock[]>(),
    results: text({ mode: "json" }).$type<KpiResult[]>(),
    notes: text(),
    /** Server-owned: moves only through the lifecycle endpoint (its clock is in `clocks.status`). */
    status: text().$type<ExperimentStatus>().notNull().default("idea"),
    /**
     * Server-owned, set by the move to won (cleared when the verdict is reopened): the
     * decision-quality gates the win went past ([] for none), and the reason given for it.
     */
    verdictGates: text({ mode: "json" }).$type<VerdictGate[]>(),
    gateReason: text(),
  },
  (t) => [index("experiments_org_seq_idx").on(t.orgId, t.seq), index("experiments_org_status_idx").on(t.orgId, t.status)],
);

/** The decision log: every lifecycle move, who made it, when and why. Pulled as `experiment_decision`. */
export const experimentDecisions = sqliteTable(
  "experiment_decisions",
  { ...decisionColumns<ExperimentStatus>(), experimentId: text().notNull() },
  (t) => [index("experiment_decisions_org_seq_idx").on(t.orgId, t.seq), index("experiment_decisions_experiment_idx").on(t.orgId, t.experimentId)],
);
