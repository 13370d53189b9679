import { z } from "zod";
import { VISIT_KINDS } from "../enums";
import { DESCRIPTION_MAX, VISIT_NOTES_MAX } from "../limits";

/** Fields of a visit on the wire; a push may send any subset, a new visit needs `required`. */
export const visitFields = z.strictObject({
  kind: z.enum(VISIT_KINDS),
  locationId: z.uuid(),
  startedAt: z.iso.datetime({ offset: true }),
  endedAt: z.iso.datetime({ offset: true }).nullable(),
  peopleMet: z.string().max(DESCRIPTION_MAX),
  notes: z.string().max(VISIT_NOTES_MAX),
});
export const visitRequired = ["kind", "locationId", "startedAt"] as const;
export type VisitFields = z.infer<typeof visitFields>;
