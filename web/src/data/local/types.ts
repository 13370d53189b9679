import type { BenefitScope, RecordedActual } from "../../../../shared/business-cases/benefits";
import type { CaseSnapshot } from "../../../../shared/business-cases/snapshot";
import type { ActionFields } from "../../../../shared/schemas/action";
import type { BusinessCaseDecision, BusinessCaseFields } from "../../../../shared/schemas/business-case";
import type { ExperimentDecision, ExperimentFields } from "../../../../shared/schemas/experiment";
import type { VerdictGate } from "../../../../shared/experiments/gates";
import type { KpiFields, KpiMeasurementFields } from "../../../../shared/schemas/kpi";
import type { FindingFields } from "../../../../shared/schemas/finding";
import type { MysteryShopFields, MysteryTemplateFields } from "../../../../shared/schemas/mystery";
import type { VisitFields } from "../../../../shared/schemas/visit";
import type { BusinessCaseStatus, ExperimentStatus, LocationKind } from "../../../../shared/enums";
import type { PullEntity, PushEntity } from "../../../../shared/sync/constants";

/** The fields of each entity as the device holds them. */
export interface EntityFields {
  visit: VisitFields;
  finding: FindingFields;
  action: ActionFields;
  mystery_shop: MysteryShopFields;
  mystery_template: MysteryTemplateFields;
  /**
   * `status` comes from the server only; a record that has none yet is an idea. So do the gates a
   * win went past and the reason given for it (set by the move to won).
   */
  experiment: ExperimentFields & { status: ExperimentStatus; verdictGates: VerdictGate[] | null; gateReason: string | null };
  kpi: KpiFields;
  kpi_measurement: KpiMeasurementFields;
  experiment_decision: ExperimentDecision;
  /**
   * `status`, `approvedAt` and the benefit tracking come from the server only; a case without a
   * status yet is a draft.
   */
  business_case: BusinessCaseFields & { status: BusinessCaseStatus; approvedAt: string | null } & CaseBenefitFields;
  business_case_decision: BusinessCaseDecision;
  /** What a submission put before the board, frozen by the server. */
  business_case_snapshot: CaseSnapshot;
  location: { name: string; kind: LocationKind; archived: boolean };
  journey_stage: { name: string; position: number; archived: boolean };
  segment: { name: string; motives: string[]; archived: boolean };
  theme: { name: string; description: string; notDoing: boolean; archived: boolean };
}

/** An approved case's benefit tracking (shared/business-cases/benefits.ts). */
export interface CaseBenefitFields {
  goLive: string | null;
  rampUpMonths: number | null;
  benefitScope: BenefitScope | null;
  benefitActuals: RecordedActual[] | null;
}

/** Who made a record and when, as the server says (or this device, until it has synced). */
export interface RecordMeta {
  authorId: string;
  createdAt: string;
  updatedAt: string;
}

/** A record on the device: merged fields, their clocks, and whether edits still wait to be sent. */
export interface StoredRecord {
  entity: PullEntity;
  id: string;
  fields: Record<string, unknown>;
  clocks: Record<string, string>;
  deletedAt: string | null;
  meta: RecordMeta;
  /** Number of outbox entries for this record not yet acknowledged by the server. */
  pending: number;
  /** HLC of the latest restore from the archive (deletes older than it are void). */
  restoredAt?: string | null;
  /** Texts of this device's that lost to another device's newer edit: shown until "use mine" or dismissed. */
  conflicts?: DeviceConflict[];
}

/** A text this device wrote that another device's newer edit replaced (a push result's conflict). */
export interface DeviceConflict {
  field: string;
  kept: unknown;
  lost: unknown;
  at: string;
}

/** What screens get: the fields (some may be missing on a record still being filled in) plus identity and meta. */
export type Entity<E extends PullEntity> = Partial<EntityFields[E]> & { id: string; pending: boolean; conflicts?: DeviceConflict[] } & RecordMeta;

export type { PullEntity, PushEntity };
