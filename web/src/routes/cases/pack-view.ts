/**
 * What the board reads of a case: the submission it decides on (frozen by the server when the
 * case was submitted) or, for a draft, the case as it stands with its evidence read on this
 * device the same way; what changed since the version before; and whether the evidence as it
 * stands is still what was submitted. Pure: the screens pass the device's records in.
 */
import {
  caseScenarios,
  evidenceChanges,
  freezeEvidence,
  snapshotsOf,
  versionChanges,
  type CaseScenarios,
  type CaseSnapshot,
  type EvidenceChange,
  type EvidenceRecords,
  type FrozenExperiment,
  type VersionChanges,
} from "../../../../shared/business-cases/snapshot";
import type { BusinessCaseFields } from "../../../../shared/schemas/business-case";
import { caseStatusOf, fieldsOf, type BusinessCase, type CaseDecision } from "./model";

export interface PackView {
  fields: BusinessCaseFields;
  scenarios: CaseScenarios | null;
  experiments: FrozenExperiment[];
  /** The submission shown (its version, when and by whom); null when the case is shown as it stands. */
  submission: CaseSnapshot | null;
  /** What this submission (or, for a draft, the case as it stands) changed since the submission before. */
  sincePrevious: VersionChanges | null;
  /** The evidence as it stands now differs from the submission shown. */
  changedSinceSubmission: EvidenceChange[];
  /** A draft sent back because its evidence changed while it was before the board. */
  sentBack: (NonNullable<CaseSnapshot["changed"]> & { version: number }) | null;
}

/** The evidence of a case's experiments as this device reads it now. */
export const liveEvidence = (fields: Pick<BusinessCaseFields, "experimentIds">, records: EvidenceRecords) => freezeEvidence(fields.experimentIds, records);

/**
 * A case as the pack and the decision page show it. A case before the board or decided is shown
 * as submitted; a draft (or a case submitted before submissions were frozen) as it stands.
 */
export function packView(record: BusinessCase, snapshots: readonly CaseSnapshot[], records: EvidenceRecords): PackView {
  const own = snapshotsOf(snapshots, record.id);
  const latest = own.at(-1) ?? null;
  const status = caseStatusOf(record);
  if (latest && status !== "draft") {
    const previous = own.at(-2) ?? null;
    return {
      fields: latest.fields,
      scenarios: latest.scenarios,
      experiments: latest.experiments,
      submission: latest,
      sincePrevious: previous ? versionChanges(previous, latest) : null,
      changedSinceSubmission: evidenceChanges(latest.experiments, liveEvidence(latest.fields, records)),
      sentBack: null,
    };
  }
  const fields = fieldsOf(record);
  const experiments = liveEvidence(fields, records);
  const scenarios = caseScenarios(fields);
  const asNow: CaseSnapshot | null = latest ? { ...latest, version: latest.version + 1, fields, scenarios, experiments, changed: null } : null;
  return {
    fields,
    scenarios,
    experiments,
    submission: null,
    sincePrevious: latest && asNow ? versionChanges(latest, asNow) : null,
    changedSinceSubmission: [],
    sentBack: status === "draft" && latest?.changed ? { ...latest.changed, version: latest.version } : null,
  };
}

/** Whether a version comparison found anything to tell. */
export const hasChanges = (changes: VersionChanges | null): changes is VersionChanges =>
  changes !== null && (changes.fields.length > 0 || changes.npv !== null || changes.evidence.length > 0);

/**
 * Which submission each decision belongs to: a submission starts a version, and the moves after
 * it (a decision, a withdrawal, a send-back) answer that version.
 */
export function versionOfDecisions(decisions: readonly CaseDecision[], snapshots: readonly Pick<CaseSnapshot, "version" | "submittedAt">[]): Map<CaseDecision, number> {
  const byTime = [...snapshots].sort((a, b) => a.version - b.version);
  const out = new Map<CaseDecision, number>();
  for (const decision of decisions) {
    const at = decision.at ?? "";
    const version = byTime.filter((s) => s.submittedAt <= at).at(-1)?.version;
    if (version !== undefined) out.set(decision, version);
  }
  return out;
}

/** A case's view from the device's records as a pack loads them. */
export const packViewOf = (record: BusinessCase, records: EvidenceRecords & { snapshots: readonly CaseSnapshot[] }) => packView(record, records.snapshots, records);
