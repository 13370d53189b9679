import type { BusinessCaseFields } from "../../../../shared/schemas/business-case";

/**
 * What the sections of the case screen share: the current value of each field (the stored
 * one, or what a new case starts with), a save that writes to this device, and whether this
 * person may change the case (its writers, and only while it is a draft).
 */
export interface CaseEditor {
  value<K extends keyof BusinessCaseFields>(name: K): BusinessCaseFields[K];
  save(changes: Partial<BusinessCaseFields>): Promise<void>;
  canEdit(): boolean;
}
