// @vitest-environment jsdom
import { describe, expect, it, vi } from "vitest";
import { aheadPaths } from "../../../shared/ahead";
import { askAhead } from "./ahead";
import { createApi } from "./api";

describe("askAhead", () => {
  it("asks exactly what the server preloads in the page, as plain GETs the browser can answer from its preloads", async () => {
    const fetch = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => new Response("{}", { status: 200 }));
    askAhead(createApi({ fetch }), "org-ahead");
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(2));
    expect(fetch.mock.calls.map(([url]) => url).sort()).toEqual([...aheadPaths("org-ahead")].sort());
    // A preload is only used for a request of the same method and credentials mode.
    for (const [, init] of fetch.mock.calls) expect(init).toMatchObject({ method: "GET", credentials: "same-origin", body: undefined });
  });
});
