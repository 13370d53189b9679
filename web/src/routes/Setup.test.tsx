// After a successful setup the app opens the organisation, whose screens use the device's IndexedDB store.
import "fake-indexeddb/auto";
import { cleanup, fireEvent, screen, waitFor } from "@solidjs/testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { fakeServer, json, signedIn, type FakeRequest } from "../test/fake-server";
import { startApp } from "../test/start-app";

afterEach(cleanup);

const CODE = "K7QXM-3HWPA";

/** A fresh installation reached from another machine: setup needs the code from the server's log. */
function freshInstallation(codeRequired: boolean) {
  const setups: FakeRequest[] = [];
  const server = fakeServer({
    me: null,
    route: (request) => {
      if (request.method === "GET" && request.path === "/api/setup") return json(200, { needed: true, codeRequired });
      if (request.method !== "POST" || request.path !== "/api/setup") return undefined;
      setups.push(request);
      const given = (request.body as { setupCode?: string }).setupCode;
      if (given === CODE) return json(201, signedIn("executive"));
      return given
        ? json(403, { error: { code: "setup_code_wrong", message: "That is not the setup code" } })
        : json(403, { error: { code: "setup_code_required", message: "Setting up from another machine needs the setup code" } });
    },
  });
  return { server, setups };
}

describe("setup from another machine", { timeout: 20_000 }, () => {
  it("asks for the setup code, says where to find it, and explains a missing or wrong one", async () => {
    const { server, setups } = freshInstallation(true);
    startApp("/setup", server);
    const field = await screen.findByLabelText("Setup code");
    expect(document.getElementById(field.getAttribute("aria-describedby")!.split(" ")[0]!)?.textContent).toMatch(/printed when it started.*its log.*Setup code: …/s);

    fireEvent.click(screen.getByRole("button", { name: "Explore with demo data" }));
    const missing = await screen.findAllByText("Enter the setup code from the server's log.");
    expect(missing.some((message) => message.closest("[role=alert]"))).toBe(true);
    expect(field.getAttribute("aria-invalid")).toBe("true");

    fireEvent.input(field, { target: { value: "AAAAA-BBBBB" } });
    fireEvent.click(screen.getByRole("button", { name: "Explore with demo data" }));
    expect((await screen.findAllByText(/That is not the setup code\. Copy it from the server's log/)).length).toBeGreaterThan(0);

    fireEvent.input(field, { target: { value: CODE } });
    fireEvent.click(screen.getByRole("button", { name: "Explore with demo data" }));
    await waitFor(() => expect(setups).toHaveLength(3));
    // The demo is asked for in the interface's language (its records are written in it).
    expect(setups.map((request) => request.body)).toEqual([
      { mode: "demo", language: "en" },
      { mode: "demo", setupCode: "AAAAA-BBBBB", language: "en" },
      { mode: "demo", setupCode: CODE, language: "en" },
    ]);
  });

  it("sends the code with a new organisation too, and shows the field in Dutch, and asks for Dutch starting data", async () => {
    const { server, setups } = freshInstallation(true);
    startApp("/setup", server, "nl-NL");
    fireEvent.input(await screen.findByLabelText("Installatiecode"), { target: { value: CODE } });
    fireEvent.input(screen.getByLabelText("Naam van de organisatie"), { target: { value: "Bakkerij Jansen" } });
    fireEvent.input(screen.getByLabelText("Je naam"), { target: { value: "Jan Jansen" } });
    fireEvent.input(screen.getByLabelText("E-mail"), { target: { value: "jan@bakkerij.example" } });
    fireEvent.input(screen.getByLabelText("Wachtwoord"), { target: { value: "long-enough-password" } });
    fireEvent.click(screen.getByRole("button", { name: "Organisatie aanmaken" }));
    await waitFor(() => expect(setups).toHaveLength(1));
    expect(setups[0]!.body).toMatchObject({ mode: "org", orgName: "Bakkerij Jansen", setupCode: CODE, language: "nl" });
  });

  it("at the server's own machine there is no code field", async () => {
    const { server } = freshInstallation(false);
    startApp("/setup", server);
    expect(await screen.findByRole("button", { name: "Explore with demo data" })).toBeTruthy();
    expect(screen.queryByLabelText("Setup code")).toBeNull();
  });
});
