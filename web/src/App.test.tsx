// The organisation screens open the device's IndexedDB store; jsdom has none of its own.
import "fake-indexeddb/auto";
import { cleanup, fireEvent, screen } from "@solidjs/testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { fakeServer, json, signedIn } from "./test/fake-server";
import { startApp } from "./test/start-app";

afterEach(cleanup);

describe("app shell", () => {
  it("shows the login form with labelled fields and a clear error for a wrong password", async () => {
    const server = fakeServer({
      me: null,
      route: ({ method, path }) => {
        if (method === "GET" && path === "/api/setup") return json(200, { needed: false });
        if (method === "POST" && path === "/api/auth/login") return json(401, { error: { code: "invalid_credentials", message: "E-mail address or password is wrong" } });
        return undefined;
      },
    });
    startApp("/login", server);
    const email = await screen.findByLabelText("E-mail");
    fireEvent.input(email, { target: { value: "someone@example.com" } });
    fireEvent.input(screen.getByLabelText("Password"), { target: { value: "wrong-password" } });
    fireEvent.click(screen.getByRole("button", { name: "Log in" }));
    expect((await screen.findByText("The e-mail address or password is not right.")).closest("[role=alert]")).not.toBeNull();
    expect(screen.getByRole("banner").textContent).toContain("Chefsache");
  });

  it("gives an executive the capture tabs but no Admin tab, in Dutch for a Dutch browser", async () => {
    startApp("/o/o1", fakeServer({ me: signedIn("executive", { name: "Daan Directeur" }) }), "nl-NL");
    // The organisation's screens load on demand (with the device store), which can take a moment in a test.
    await screen.findByRole("heading", { level: 1, name: "Hallo Daan" }, { timeout: 5000 });
    const nav = screen.getByRole("navigation", { name: "Hoofdmenu" });
    const tabs = [...nav.querySelectorAll("a")].map((a) => a.textContent);
    expect(tabs).toEqual(["Start", "Bezoeken", "Bevindingen", "Mystery", "Profiel"]);
    expect(document.documentElement.lang).toBe("nl");
  });
});
