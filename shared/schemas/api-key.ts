import { z } from "zod";
import { LABEL_MAX } from "../limits";

/** An API key's name says what uses it ("Power BI nightly export"), so people know which one to revoke. */
export const apiKeyCreate = z.strictObject({ name: z.string().trim().min(1).max(LABEL_MAX) });
