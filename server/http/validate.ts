import type { Context } from "hono";
import { z } from "zod";
import { ApiError, zodIssues } from "./errors";

/**
 * Reads the body as JSON whatever content type it is labelled with (curl's `-d` labels JSON
 * as a form), and validates it; malformed JSON and schema failures become 400s. Cross-site
 * form posts are stopped by the origin check, not here.
 */
export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await c.req.text());
  } catch {
    throw new ApiError(400, "invalid_json", "The request body is not valid JSON");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ApiError(400, "validation_failed", "The request is not valid", zodIssues(parsed.error));
  return parsed.data;
}

/** Validates a path parameter as a UUID; anything else cannot name a record, so it is a 404. */
export function uuidParam(c: Context, name: string): string {
  const value = c.req.param(name);
  if (!value || !z.uuid().safeParse(value).success) throw new ApiError(404, "not_found", "Not found");
  return value;
}
