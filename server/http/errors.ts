import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";
import type { ApiErrorBody, ApiIssue } from "../../shared/errors";
import type { Logger } from "../log";
import type { AppEnv } from "./env";
import { logEvent } from "./request-log";

/** A client-facing failure. Handlers throw it; `onError` turns it into the one error shape. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly issues?: ApiIssue[],
  ) {
    super(message);
  }
}

export const notFound = (what = "Not found") => new ApiError(404, "not_found", what);
export const forbidden = () => new ApiError(403, "forbidden", "Your role may not do this");
export const conflict = (message: string) => new ApiError(409, "conflict", message);
export const unauthenticated = () => new ApiError(401, "unauthenticated", "Log in first");

const pathText = (path: PropertyKey[]) => path.map(String).join(".") || "(body)";

export function zodIssues(error: z.ZodError): ApiIssue[] {
  return error.issues.flatMap((issue) =>
    // Name each unknown field at its own path, so the client can point at it.
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({ path: pathText([...issue.path, key]), message: "Unknown field" }))
      : [{ path: pathText(issue.path), message: issue.message }],
  );
}

export function errorBody(code: string, message: string, issues?: ApiIssue[]): ApiErrorBody {
  return { error: issues ? { code, message, issues } : { code, message } };
}

export function handleError(err: unknown, c: Context) {
  if (err instanceof ApiError) {
    if (err.status === 403) logEvent(c as Context<AppEnv>, "forbidden", { code: err.code, method: c.req.method, path: c.req.path });
    return c.json(errorBody(err.code, err.message, err.issues), err.status);
  }
  if (err instanceof z.ZodError) return c.json(errorBody("validation_failed", "The request is not valid", zodIssues(err)), 400);
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const code = status === 413 ? "payload_too_large" : status === 401 ? "unauthenticated" : "http_error";
    return c.json(errorBody(code, err.message || "Request failed"), status);
  }
  // A fault of ours: logged with what was asked and by whom (the request line follows with its id).
  const log = c.get("log") as Logger | undefined;
  const details = { err, requestId: c.get("requestId"), method: c.req.method, path: c.req.path, userId: c.get("session")?.user.id, orgId: c.get("orgId") };
  if (log) log.error(details, "request failed");
  else console.error(details);
  return c.json(errorBody("internal", "Something went wrong on our side"), 500);
}
