import { z } from "zod";
import { ACTION_PRIORITIES, ACTION_STATUSES } from "../enums";
import { LINE_MAX } from "../limits";

export const actionFields = z.strictObject({
  findingId: z.uuid(),
  title: z.string().trim().min(1).max(LINE_MAX),
  ownerId: z.uuid().nullable(),
  dueDate: z.iso.date().nullable(),
  priority: z.enum(ACTION_PRIORITIES),
  status: z.enum(ACTION_STATUSES),
});
export const actionRequired = ["findingId", "title", "priority", "status"] as const;
export type ActionFields = z.infer<typeof actionFields>;
