// The app shell reads the device's IndexedDB store; jsdom has none of its own.
import "fake-indexeddb/auto";
import { cleanup, fireEvent, screen, waitFor } from "@solidjs/testing-library";
import { IDBFactory } from "fake-indexeddb";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { describedBy } from "../../test/described-by";
import { fakeServer, json, ORG, signedIn } from "../../test/fake-server";
import { startApp } from "../../test/start-app";

const CURRENT = "the-current-one";

/** The app at Me; the server answers a password change as the real one does for these passwords. */
function startAtMe() {
  const changes: unknown[] = [];
  const server = fakeServer({
    me: signedIn("executive"),
    route: ({ method, path, body }) => {
      if (method !== "POST" || path !== "/api/me/password") return undefined;
      changes.push(body);
      const { currentPassword, newPassword } = body as { currentPassword: string; newPassword: string };
      if (newPassword === "password123") {
        return json(400, { error: { code: "validation_failed", message: "The request is not valid", issues: [{ path: "newPassword", message: "This password is too common; choose another" }] } });
      }
      if (currentPassword !== CURRENT) return json(401, { error: { code: "invalid_credentials", message: "The current password is wrong" } });
      return new Response(null, { status: 204 });
    },
  });
  startApp(`/o/${ORG}/me`, server);
  return changes;
}

const field = (label: string) => screen.findByLabelText(label, {}, { timeout: 15_000 }) as Promise<HTMLInputElement>;
const type = async (label: string, value: string) => fireEvent.input(await field(label), { target: { value } });
const submit = () => fireEvent.click(screen.getByRole("button", { name: "Change password" }));

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  localStorage.clear();
});
afterEach(cleanup);

describe("changing one's password on the Me screen", { timeout: 20_000 }, () => {
  it("checks on the device first: the current one is needed, the new one long enough and typed twice alike", async () => {
    const changes = startAtMe();
    await type("New password", "short");
    submit();
    expect(await screen.findByText("Please fill this in.")).toBeTruthy();
    expect(describedBy(await field("New password"))).toContain("Use at least 8 characters.");
    await type("Current password", CURRENT);
    await type("New password", "a-brand-new-secret");
    await type("New password again", "a-brand-new-secreT");
    submit();
    expect(describedBy(await field("New password again"))).toContain("The two new passwords are not the same.");
    expect((await field("New password again")).getAttribute("aria-invalid")).toBe("true");
    expect(changes).toEqual([]);
  });

  it("shows the server's refusals with their field: a wrong current password, a common new one", async () => {
    const changes = startAtMe();
    await type("Current password", "not-the-current-one");
    await type("New password", "a-brand-new-secret");
    await type("New password again", "a-brand-new-secret");
    submit();
    expect((await screen.findByText("That is not your current password.")).closest("[role=alert]")).not.toBeNull();

    await type("Current password", CURRENT);
    await type("New password", "password123");
    await type("New password again", "password123");
    submit();
    await waitFor(async () => expect(describedBy(await field("New password"))).toContain("This password is too common. Choose one that is harder to guess."));
    expect(changes).toHaveLength(2);
  });

  it("changes it, says so and empties the form", async () => {
    const changes = startAtMe();
    await type("Current password", CURRENT);
    await type("New password", "a-brand-new-secret");
    await type("New password again", "a-brand-new-secret");
    submit();
    const done = await screen.findByText("Password changed. Your other devices have been logged out; this one stays logged in.");
    expect(done.closest("[role=status]")).not.toBeNull();
    expect(changes).toEqual([{ currentPassword: CURRENT, newPassword: "a-brand-new-secret" }]);
    expect((await field("Current password")).value).toBe("");
    expect((await field("New password")).value).toBe("");
  });

  it("logs out everywhere only after a confirmation, then shows the login screen", async () => {
    const requests: string[] = [];
    const server = fakeServer({
      me: signedIn("executive"),
      route: ({ method, path }) => {
        if (method === "POST" && path === "/api/auth/logout-all") {
          requests.push(path);
          return new Response(null, { status: 204 });
        }
        return undefined;
      },
    });
    startApp(`/o/${ORG}/me`, server);
    fireEvent.click(await screen.findByRole("button", { name: "Log out everywhere" }, { timeout: 15_000 }));
    expect(requests).toEqual([]);
    fireEvent.click(await screen.findByRole("button", { name: "Yes, log out everywhere" }));
    await waitFor(() => expect(window.location.pathname).toBe("/login"));
    expect(requests).toEqual(["/api/auth/logout-all"]);
  });
});
