// The organisation screens open the device's IndexedDB store; jsdom has none of its own.
import "fake-indexeddb/auto";
import { cleanup, fireEvent, render, screen } from "@solidjs/testing-library";
import { afterEach, describe, expect, it } from "vitest";
import type { LoginResponse } from "../../shared/schemas/auth";
import { App } from "./App";
import { createAppState } from "./context";
import { memoryStore } from "./data/storage";

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });
const unauthenticated = () => json(401, { error: { code: "unauthenticated", message: "Log in first" } });

function startApp(path: string, routes: Record<string, () => Response>, browserLanguage = "en-GB") {
  window.history.replaceState(null, "", path);
  const state = createAppState({
    storage: memoryStore(),
    browserLanguage,
    fetch: async (url, init) => {
      const handler = routes[`${init?.method ?? "GET"} ${String(url)}`];
      return handler ? handler() : json(404, { error: { code: "not_found", message: "Not found" } });
    },
  });
  render(() => <App state={state} />);
  void state.session.start();
  return state;
}

afterEach(cleanup);

describe("app shell", () => {
  it("shows the login form with labelled fields and a clear error for a wrong password", async () => {
    startApp("/login", {
      "GET /api/me": unauthenticated,
      "GET /api/setup": () => json(200, { needed: false }),
      "POST /api/auth/login": () => json(401, { error: { code: "invalid_credentials", message: "E-mail address or password is wrong" } }),
    });
    const email = await screen.findByLabelText("E-mail");
    fireEvent.input(email, { target: { value: "someone@example.com" } });
    fireEvent.input(screen.getByLabelText("Password"), { target: { value: "wrong-password" } });
    fireEvent.click(screen.getByRole("button", { name: "Log in" }));
    expect(await screen.findByText("The e-mail address or password is not right.")).toBeTruthy();
    expect(screen.getByRole("banner").textContent).toContain("Chefsache");
  });

  it("gives an executive the capture tabs but no Admin tab, in Dutch for a Dutch browser", async () => {
    const me: LoginResponse = {
      user: { id: "u1", email: "daan@example.com", name: "Daan Directeur" },
      memberships: [{ orgId: "o1", orgName: "Demo Retail", role: "executive" }],
    };
    startApp("/o/o1", { "GET /api/me": () => json(200, me) }, "nl-NL");
    // The organisation's screens load on demand (with the device store), which can take a moment in a test.
    expect(await screen.findByRole("heading", { level: 1, name: "Hallo Daan" }, { timeout: 5000 })).toBeTruthy();
    const nav = screen.getByRole("navigation", { name: "Hoofdmenu" });
    const tabs = [...nav.querySelectorAll("a")].map((a) => a.textContent);
    expect(tabs).toEqual(["Start", "Bezoeken", "Bevindingen", "Mystery", "Profiel"]);
    expect(document.documentElement.lang).toBe("nl");
  });
});
