import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { BenefitScope, RecordedActual } from "../../../shared/business-cases/benefits";
import type { BusinessCaseFields, CaseLift, CaseOption, CaseRisk } from "../../../shared/schemas/business-case";
import type { Actor, CaseScenarios, CaseSnapshot, FrozenExperiment } from "../../../shared/business-cases/snapshot";
import { decisionColumns, syncColumns } from "./capture";
import { organisations } from "./people";
import type { BusinessCaseStatus } from "../../../shared/enums";

export const businessCases = sqliteTable(
  "business_cases",
  {
    ...syncColumns(),
    title: text(),
    summary: text(),
    ask: text(),
    experimentIds: text({ mode: "json" }).$type<string[]>(),
    findingIds: text({ mode: "json" }).$type<string[]>(),
    kpiId: text(),
    baseline: real(),
    lift: text({ mode: "json" }).$type<CaseLift>(),
    liftOverridden: integer({ mode: "boolean" }),
    liftOverrideReason: text(),
    volumeLabel: text(),
    annualVolume: real(),
    valuePerUnit: real(),
    investment: real(),
    runningCostPerYear: real(),
    horizonYears: integer(),
    discountRate: real(),
    options: text({ mode: "json" }).$type<CaseOption[]>(),
    risks: text({ mode: "json" }).$type<CaseRisk[]>(),
    themeId: text(),
    recommendation: text(),
    ownerId: text(),
    /** Server-owned: moves only through the decision endpoint (its clock is in `clocks.status`). */
    status: text().$type<BusinessCaseStatus>().notNull().default("draft"),
    /** Server-owned: when the board approved it; benefits are tracked from that quarter on. */
    approvedAt: text(),
    // Server-owned benefit tracking, written by the case's owner or an admin through
    // …/benefit-plan and …/benefit-actuals (shared/business-cases/benefits.ts reads them).
    /** The day the change went live (YYYY-MM-DD): targets start here. */
    goLive: text(),
    /** Months from go-live to the full benefit, linearly (0: full from go-live). */
    rampUpMonths: integer(),
    /** Where the KPI is measured and against which baseline period (null: actuals are recorded only). */
    benefitScope: text({ mode: "json" }).$type<BenefitScope>(),
    /** Actuals per quarter as the owner recorded them, with how each was measured. */
    benefitActuals: text({ mode: "json" }).$type<RecordedActual[]>(),
  },
  (t) => [index("business_cases_org_seq_idx").on(t.orgId, t.seq), index("business_cases_org_status_idx").on(t.orgId, t.status)],
);

/** Every decision on a case (and every submission and revision): who, when, what and why. */
export const businessCaseDecisions = sqliteTable(
  "business_case_decisions",
  { ...decisionColumns<BusinessCaseStatus>(), businessCaseId: text().notNull() },
  (t) => [index("business_case_decisions_org_seq_idx").on(t.orgId, t.seq), index("business_case_decisions_case_idx").on(t.orgId, t.businessCaseId)],
);

/**
 * What was put before the board, once per submission: the case's fields, its scenarios and the
 * frozen evidence of its experiments (shared/business-cases/snapshot.ts). Written only by the
 * server (a submission; `changed` when the evidence moved while the case was submitted) and
 * pulled by every device, so the board reads the record it decides on offline too.
 */
export const caseSnapshots = sqliteTable(
  "case_snapshots",
  {
    id: text().primaryKey(),
    orgId: text()
      .notNull()
      .references(() => organisations.id),
    seq: integer().notNull(),
    businessCaseId: text().notNull(),
    version: integer().notNull(),
    submittedAt: text().notNull(),
    submittedBy: text({ mode: "json" }).$type<Actor>().notNull(),
    fields: text({ mode: "json" }).$type<BusinessCaseFields>().notNull(),
    scenarios: text({ mode: "json" }).$type<CaseScenarios | null>(),
    experiments: text({ mode: "json" }).$type<FrozenExperiment[]>().notNull(),
    changed: text({ mode: "json" }).$type<CaseSnapshot["changed"]>(),
  },
  (t) => [index("case_snapshots_org_seq_idx").on(t.orgId, t.seq), uniqueIndex("case_snapshots_case_version_idx").on(t.orgId, t.businessCaseId, t.version)],
);

/**
 * Live findings counted by month of creation, journey stage, severity, level and status,
 * kept by triggers on `findings` (migrations/0003): the board view reads a few thousand
 * counters instead of scanning a million findings.
 */
export const findingCounts = sqliteTable(
  "finding_counts",
  {
    orgId: text().notNull(),
    month: text().notNull(),
    journeyStageId: text().notNull(),
    severity: integer().notNull(),
    level: text().notNull(),
    status: text().notNull(),
    count: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.month, t.journeyStageId, t.severity, t.level, t.status] }),
    // Covers the board's grouping (stage, severity, level, status) in index order, so summing
    // the counters over all months needs no temporary sort.
    index("finding_counts_org_cell_idx").on(t.orgId, t.journeyStageId, t.severity, t.level, t.status, t.month, t.count),
  ],
);
