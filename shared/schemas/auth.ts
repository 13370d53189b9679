import { z } from "zod";
import { DATA_LANGUAGES } from "../enums";
import { ROLES } from "../roles";

export const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: "Not a valid e-mail address" }));
/**
 * A new password's length; the server also refuses common ones (server/auth/password-rules.ts).
 * A password someone already has is only checked against its hash (`existingPassword`).
 */
export const password = z.string().min(8, "At least 8 characters").max(200);
const existingPassword = z.string().min(1).max(200);
export const personName = z.string().trim().min(1).max(120);
export const orgName = z.string().trim().min(1).max(120);
export const role = z.enum(ROLES);

export const loginBody = z.strictObject({ email, password: existingPassword });

/** The one-time code the server prints at start; needed to set up from anywhere but the server's own machine. */
const setupCode = z.string().trim().max(64).optional();
/** The language of the browser that sets up: the organisation's starting data (journey stages, the demo) is written in it. */
const language = z.enum(DATA_LANGUAGES).optional().describe("Language of the starting data: journey stages and, for the demo, all its records. Default en.");

export const setupBody = z.discriminatedUnion("mode", [
  z.strictObject({ mode: z.literal("demo"), setupCode, language }),
  z.strictObject({ mode: z.literal("org"), orgName, name: personName, email, password, setupCode, language }),
]);

export const inviteBody = z.strictObject({ email, role });
export const acceptInviteBody = z.strictObject({
  name: personName.optional(),
  password,
});
export const memberPatchBody = z.strictObject({ role });

export const changePasswordBody = z.strictObject({ currentPassword: existingPassword, newPassword: password });
export const resetPasswordBody = z.strictObject({ password });

export const membership = z.object({ orgId: z.uuid(), orgName: z.string(), role }).meta({ id: "Membership" });
export const sessionUser = z.object({ id: z.uuid(), email: z.string(), name: z.string() }).meta({ id: "SessionUser" });
/** Shape of POST /api/auth/login and GET /api/me. */
export const loginResponse = z.object({ user: sessionUser, memberships: z.array(membership) }).meta({ id: "Session" });
export type Membership = z.infer<typeof membership>;
export type SessionUser = z.infer<typeof sessionUser>;
export type LoginResponse = z.infer<typeof loginResponse>;
