import { describe, expect, it, vi } from "vitest";
import { ApiError, createApi } from "./api";

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

describe("createApi", () => {
  it("sends JSON with same-origin credentials and returns the parsed body", async () => {
    const fetch = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => json(201, { id: "x" }));
    const api = createApi({ fetch });
    await expect(api.call("post", "/orgs/:orgId/locations", { param: { orgId: "o" }, json: { name: "A", kind: "store" } })).resolves.toEqual({ id: "x" });
    expect(fetch.mock.calls[0]?.[0]).toBe("/api/orgs/o/locations");
    const init = fetch.mock.calls[0]?.[1];
    expect(init?.credentials).toBe("same-origin");
    expect(init?.body).toBe(JSON.stringify({ name: "A", kind: "store" }));
    expect((init?.headers as Record<string, string>)["content-type"]).toBe("application/json");
  });

  it("turns the error shape into an ApiError with its issues", async () => {
    const api = createApi({
      fetch: async () => json(400, { error: { code: "validation_failed", message: "bad", issues: [{ path: "name", message: "Required" }] } }),
    });
    const error = await api.call("post", "/auth/login", { json: { email: "", password: "" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: "validation_failed", issues: [{ path: "name", message: "Required" }] });
  });

  it("reports a network failure as offline", async () => {
    const reachable: boolean[] = [];
    const api = createApi({
      fetch: async () => {
        throw new TypeError("Failed to fetch");
      },
      onReachable: (value) => reachable.push(value),
    });
    const error = await api.call("get", "/me").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).offline).toBe(true);
    expect(reachable).toEqual([false]);
  });

  it("tells the session when the server has ended it, and accepts 204", async () => {
    const onUnauthenticated = vi.fn();
    const api = createApi({ fetch: async () => json(401, { error: { code: "unauthenticated", message: "Log in first" } }), onUnauthenticated });
    await expect(api.call("get", "/me")).rejects.toBeInstanceOf(ApiError);
    expect(onUnauthenticated).toHaveBeenCalledOnce();
    const noContent = createApi({ fetch: async () => new Response(null, { status: 204 }) });
    await expect(noContent.call("delete", "/orgs/:orgId/members/:userId", { param: { orgId: "o", userId: "u" } })).resolves.toBeUndefined();
  });
});

describe("call", () => {
  it("fills the declared path's parameters, adds the query and sends the body", async () => {
    const fetch = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => json(200, { userId: "u/1", role: "board" }));
    const api = createApi({ fetch });
    const answer = await api.call("patch", "/orgs/:orgId/members/:userId", { param: { orgId: "o 1", userId: "u/1" }, json: { role: "board" } });
    expect(answer.role).toBe("board");
    expect(fetch.mock.calls[0]?.[0]).toBe("/api/orgs/o%201/members/u%2F1");
    expect(fetch.mock.calls[0]?.[1]?.method).toBe("PATCH");
    expect(fetch.mock.calls[0]?.[1]?.body).toBe('{"role":"board"}');
  });
});
