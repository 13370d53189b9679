import type { ExperimentFields } from "../../../../shared/schemas/experiment";

/**
 * What the sections of the experiment screen share: the current value of each field (the
 * stored one, or what a new experiment starts with), a save that writes to this device, and
 * whether this person may change anything.
 */
export interface ExperimentEditor {
  value<K extends keyof ExperimentFields>(name: K): ExperimentFields[K];
  save(fields: Partial<ExperimentFields>): Promise<void>;
  /** Whether this person may change `field` (default: the experiment at all) — an approved scope and a verdict's results are locked. */
  canEdit(field?: string): boolean;
}
