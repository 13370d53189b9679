import type { ApiErrorBody, ApiIssue } from "../../../shared/errors";
import type { InputOf, Method, OutputOf, PathOf } from "./routes";

/** The code of the error thrown when the server cannot be reached at all. */
export const OFFLINE = "offline";

/** Every failed API call ends up as one of these: the server's error shape, or "offline". */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: readonly ApiIssue[] = [],
  ) {
    super(message);
  }

  get offline(): boolean {
    return this.code === OFFLINE;
  }
}

export interface ApiHooks {
  /** Told after every request whether the server answered at all. */
  onReachable?(reachable: boolean): void;
  /** Told when the server says the session is gone (expired, logged out elsewhere). */
  onUnauthenticated?(): void;
  fetch?: typeof fetch;
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== "object" || value === null || !("error" in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === "object" && error !== null && typeof (error as { code?: unknown }).code === "string";
}

/** The one fetch wrapper: same-origin cookies, JSON both ways, typed errors. */
export function createApi(hooks: ApiHooks = {}) {
  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const doFetch = hooks.fetch ?? globalThis.fetch.bind(globalThis);
    let response: Response;
    try {
      response = await doFetch(path, {
        method,
        credentials: "same-origin",
        headers: body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      hooks.onReachable?.(false);
      throw new ApiError(0, OFFLINE, "The server cannot be reached");
    }
    hooks.onReachable?.(true);
    const text = await response.text().catch(() => "");
    let payload: unknown = undefined;
    if (text) {
      try {
        payload = JSON.parse(text);
      } catch {
        payload = undefined;
      }
    }
    if (!response.ok) {
      const error = isErrorBody(payload)
        ? new ApiError(response.status, payload.error.code, payload.error.message, payload.error.issues ?? [])
        : new ApiError(response.status, "http_error", `Request failed with status ${response.status}`);
      if (error.code === "unauthenticated") hooks.onUnauthenticated?.();
      throw error;
    }
    if (response.status !== 204 && payload === undefined) {
      throw new ApiError(response.status, "bad_response", "The server sent a response that is not JSON");
    }
    return payload as T;
  }

  /**
   * A call of a declared route, typed by its declaration: `api.call("get", "/orgs/:orgId/members",
   * { param: { orgId } })` answers `{ members: Member[] }`; a path, parameter or body the server
   * does not declare is a type error.
   */
  function call<M extends Method, P extends PathOf<M>>(method: M, path: P, ...[input]: {} extends InputOf<M, P> ? [input?: InputOf<M, P>] : [input: InputOf<M, P>]) {
    const given = (input ?? {}) as { param?: Record<string, string>; query?: Record<string, string | undefined>; json?: unknown };
    const query = new URLSearchParams(Object.entries(given.query ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined)).toString();
    return request<OutputOf<M, P>>(method.toUpperCase(), `${apiPath(path, given.param ?? {})}${query ? `?${query}` : ""}`, given.json);
  }

  /**
   * Tells the hooks about an answer the server gave elsewhere (to the pull worker): whether it
   * was reachable, and whether the session is gone.
   */
  function report(error: ApiError | null) {
    hooks.onReachable?.(!error?.offline);
    if (error?.code === "unauthenticated") hooks.onUnauthenticated?.();
  }

  return { call, report };
}

export type Api = ReturnType<typeof createApi>;

/**
 * The URL of a declared route with its parameters filled in, for what is not a JSON call: a
 * photo's bytes, an image's `src`, a download link.
 */
export function apiPath<P extends PathOf<Method>>(path: P, param: Record<string, string>): string {
  return `/api${path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(param[name] ?? ""))}`;
}
