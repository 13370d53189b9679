import { describe, expect, it, vi } from "vitest";
import { ApiError, createApi } from "./api";

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

describe("createApi", () => {
  it("sends JSON with same-origin credentials and returns the parsed body", async () => {
    const fetch = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => json(201, { id: "x" }));
    const api = createApi({ fetch });
    await expect(api.post("/api/things", { name: "A" })).resolves.toEqual({ id: "x" });
    const init = fetch.mock.calls[0]?.[1];
    expect(init?.credentials).toBe("same-origin");
    expect(init?.body).toBe('{"name":"A"}');
    expect((init?.headers as Record<string, string>)["content-type"]).toBe("application/json");
  });

  it("turns the error shape into an ApiError with its issues", async () => {
    const api = createApi({
      fetch: async () => json(400, { error: { code: "validation_failed", message: "bad", issues: [{ path: "name", message: "Required" }] } }),
    });
    const error = await api.post("/api/x", {}).catch((e: unknown) => e);
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
    const error = await api.get("/api/me").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).offline).toBe(true);
    expect(reachable).toEqual([false]);
  });

  it("tells the session when the server has ended it, and accepts 204", async () => {
    const onUnauthenticated = vi.fn();
    const api = createApi({ fetch: async () => json(401, { error: { code: "unauthenticated", message: "Log in first" } }), onUnauthenticated });
    await expect(api.get("/api/me")).rejects.toBeInstanceOf(ApiError);
    expect(onUnauthenticated).toHaveBeenCalledOnce();
    const noContent = createApi({ fetch: async () => new Response(null, { status: 204 }) });
    await expect(noContent.delete("/api/x")).resolves.toBeUndefined();
  });
});
