// The board view reads journey-stage names from the device's IndexedDB store; jsdom has none of its own.
import "fake-indexeddb/auto";
import { cleanup, fireEvent, screen, waitFor, within } from "@solidjs/testing-library";
import { IDBFactory } from "fake-indexeddb";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Role } from "../../../../shared/roles";
import { fakeServer, json, ORG, pulled, signedIn } from "../../test/fake-server";
import { startApp } from "../../test/start-app";
import { cacheKey } from "./model";
import { SUMMARY } from "./summary.fixture";

const stage = (id: string, name: string, position: number) => pulled("journey_stage", id, { name, position, archived: false });

/** The app at `path` for one role; `summary` answers the board summary (or throws for "no network"). */
function startAt(path: string, role: Role, summary: () => Response) {
  const server = fakeServer({
    me: signedIn(role),
    changes: [stage("s-purchase", "Purchase", 1), stage("s-delivery", "Delivery", 2)],
    route: ({ path }) => (path === `/api/orgs/${ORG}/board/summary` ? summary() : undefined),
  });
  startApp(path, server);
  return server;
}

/** A table's rows as the texts of their cells. */
const rowTexts = (table: HTMLElement) => within(table).getAllByRole("row").map((row) => [...row.querySelectorAll("th, td")].map((cell) => cell.textContent!.trim()));

const heading = () => screen.findByRole("heading", { level: 1, name: "Board view" }, { timeout: 15_000 });
const region = (name: string) => within(screen.getByRole("region", { name }));

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  localStorage.clear();
});
afterEach(cleanup);

describe("the board view", { timeout: 20_000 }, () => {
  it("is the board's home, and every number opens the records behind it", async () => {
    startAt(`/o/${ORG}`, "board", () => json(200, SUMMARY));
    await heading();
    const floor = await waitFor(() => region("Time on the floor"), { timeout: 10_000 });
    const missing = within(floor.getByRole("heading", { name: "Not on the floor in the last 30 days" }).parentElement!);
    expect(missing.getAllByRole("link").map((a) => a.textContent)).toEqual(["Dirk", "Bram"]);
    // Each person's cadence follows the section's top a task later.
    expect((await floor.findByRole("link", { name: "Anna, last 30 days: 3 of 2 visits" })).getAttribute("href")).toBe(`/o/${ORG}/visits?person=u-anna&period=30d`);
    expect(floor.getByRole("link", { name: "Cor, last 90 days: 1 of 6 visits" }).getAttribute("href")).toBe(`/o/${ORG}/visits?person=u-cor&period=90d`);

    const findings = within(await screen.findByRole("region", { name: "What the floor sees" }));
    // Stage names come from the device store once it has synced.
    const cell = await findings.findByRole("link", { name: "Findings at Purchase with severity 5: 4" });
    expect(cell.getAttribute("href")).toBe(`/o/${ORG}/findings?stage=s-purchase&severity=5-5`);
    expect(cell.closest("td")!.getAttribute("data-level")).toBe("5");
    // The heat map's rows follow a few stages per task.
    expect((await findings.findByRole("link", { name: "Findings at No stage with severity 4: 1" })).getAttribute("href")).toBe(`/o/${ORG}/findings?stage=none&severity=4-4`);
    expect((await findings.findByRole("link", { name: "Findings to fix at Not chosen yet: 4" })).getAttribute("href")).toBe(`/o/${ORG}/findings?level=none`);
    expect(findings.getByRole("link", { name: /^6\s*still open$/ }).getAttribute("href")).toBe(`/o/${ORG}/findings?status=open`);

    const pipeline = within(await screen.findByRole("region", { name: "Experiment pipeline" }));
    expect(pipeline.getByRole("link", { name: "Experiments with status Running: 2" }).getAttribute("href")).toBe(`/o/${ORG}/experiments?status=running`);
    // The win rate shows as a figure and opens the outcomes it is made of.
    const winRate = await pipeline.findByRole("link", { name: /^Win rate 67%: 2 won, 1 lost, 0 inconclusive/ });
    expect(winRate.textContent).toMatch(/^67%/);
    expect(winRate.getAttribute("href")).toBe(`/o/${ORG}/board?open=outcomes`);

    const cases = within(await screen.findByRole("region", { name: "Business cases" }));
    expect((await cases.findByRole("link", { name: "Second till on Saturdays" })).getAttribute("href")).toBe(`/o/${ORG}/cases/c-1`);
    expect(cases.getByRole("link", { name: "Meeting pack" }).getAttribute("href")).toBe(`/o/${ORG}/board/pack`);
    // The money opens the figures per case; the count, the approved cases.
    expect(cases.getByRole("link", { name: /^2\s*approved cases$/ }).getAttribute("href")).toBe(`/o/${ORG}/cases?status=approved`);
    expect(cases.getByRole("link", { name: /^€120,000\s*Promised \(NPV, base\)$/ }).getAttribute("href")).toBe(`/o/${ORG}/board?open=cases`);
    // Delivered (€7,500) is read against the targets of the quarters that have an actual (€10,000),
    // not a year's €48,000; both figures open the drill-down with the figures behind them.
    expect(cases.getByRole("link", { name: /^€20,000\s*Promised so far$/ }).getAttribute("href")).toBe(`/o/${ORG}/board/delivered`);
    expect(cases.getByRole("link", { name: /^€7,500\s*Delivered so far$/ }).getAttribute("href")).toBe(`/o/${ORG}/board/delivered`);
    cases.getByText("75% of the target of the quarters with an actual");

    const kpis = within(await screen.findByRole("region", { name: "Hard KPIs" }));
    const tile = await kpis.findByRole("link", { name: /Conversion/ });
    expect(tile.getAttribute("href")).toBe(`/o/${ORG}/kpis/k-conv`);
    within(tile).getByText(/\+0\.3 points on the period before: better/);
    within(tile).getByRole("img", { name: "Trend of Conversion over 3 periods, from 3% to 3.4%" });

    // The board's tab bar names its home for what it is, and keeps "Me".
    const nav = within(screen.getByRole("navigation", { name: "Main" }));
    expect(nav.getByRole("link", { name: "Board" }).getAttribute("href")).toBe(`/o/${ORG}`);
    expect(nav.getByRole("link", { name: "Me" }).getAttribute("href")).toBe(`/o/${ORG}/me`);
  });

  it("shows target against actual per quarter, in total and per case, and the Delivered drill-down shows the figures per case and quarter", async () => {
    startAt(`/o/${ORG}/board`, "board", () => json(200, SUMMARY));
    await heading();
    const cases = within(await screen.findByRole("region", { name: "Business cases" }));
    // In total: each quarter's targets and actuals added up, with how many cases reported.
    expect(rowTexts(await cases.findByRole("table", { name: "All approved cases" }))).toEqual([
      ["Quarter", "Target", "Actual", "Of target"],
      ["Q4 2025", "€7,500", "€6,000", "80%"],
      ["Q1 2026 (to date)", "€12,500", "€1,500", "12%"],
      ["Cases reported: 1 of 2"],
    ]);
    // Per case, its title leading to the case.
    const fitting = await cases.findByRole("table", { name: "Fitting rooms staffed all weekend" });
    expect(rowTexts(fitting).slice(1)).toEqual([
      ["Q4 2025", "€7,500", "€6,000", "80%"],
      ["Q1 2026 (to date)", "€10,000", "Not reported", "–"],
    ]);
    expect(within(fitting).getByRole("link", { name: "Fitting rooms staffed all weekend" }).getAttribute("href")).toBe(`/o/${ORG}/cases/c-2`);
    expect(rowTexts(await cases.findByRole("table", { name: "Lockers for click and collect" })).slice(1)).toEqual([["Q1 2026 (to date)", "€2,500", "€1,500", "60%"]]);

    fireEvent.click(cases.getByRole("link", { name: /^€7,500\s*Delivered so far$/ }));
    await screen.findByRole("heading", { level: 1, name: "Benefits delivered" }, { timeout: 10_000 });
    // Every case's quarters with where each actual comes from: the owner's figure and method, or the measured movement.
    const recorded = within(screen.getByRole("region", { name: "Fitting rooms staffed all weekend" }));
    expect(rowTexts(recorded.getByRole("table")).slice(1)).toEqual([
      ["Q4 2025", "€7,500", "€6,000", "80%"],
      ["Recorded on 9 Jan 2026: Finance: weekend till receipts against last year"],
      ["Q1 2026 (to date)", "€10,000", "Not reported", "–"],
      ["Not reported yet."],
      ["Total", "€17,500", "€6,000", "80%"],
    ]);
    recorded.getByText("Go-live: 15 Oct 2025 · Ramp-up: 3 months to the full benefit, linearly");
    const measured = within(screen.getByRole("region", { name: "Lockers for click and collect" }));
    measured.getByText("Measured: +0.4 points against the baseline period.");
    expect(rowTexts(within(screen.getByRole("region", { name: "All approved cases" })).getByRole("table")).at(-1)).toEqual(["Total", "€20,000", "€7,500", "75%"]);
  });

  it("opens the figures behind the money tiles per case, and the outcomes behind the win rate", async () => {
    startAt(`/o/${ORG}/board?open=cases`, "board", () => json(200, SUMMARY));
    await heading();
    const table = await screen.findByRole("table", { name: "Approved cases: what each promised and delivered" }, { timeout: 10_000 });
    const rows = within(table)
      .getAllByRole("row")
      .map((row) => [...row.querySelectorAll("th, td")].map((cell) => cell.textContent));
    expect(rows).toEqual([
      ["Business cases", "NPV (base)", "Benefit a year", "Target to date", "Delivered"],
      ["Greeter on Saturdays", "€80,000", "€30,000", "€12,000", "€6,000"],
      ["Self-scan lanes", "€40,000", "€18,000", "€8,000", "€1,500"],
      ["Total", "€120,000", "€48,000", "€20,000", "€7,500"],
    ]);
    expect(within(table).getByRole("link", { name: "Greeter on Saturdays" }).getAttribute("href")).toBe(`/o/${ORG}/cases/c-2`);
    // Opened, the figures take the focus, so a screen reader reads them next.
    await waitFor(() => expect(document.activeElement?.id).toBe("board-case-figures"));
    cleanup();

    globalThis.indexedDB = new IDBFactory();
    startAt(`/o/${ORG}/board?open=outcomes`, "board", () => json(200, SUMMARY));
    await heading();
    const outcomes = within(await screen.findByRole("region", { name: "Experiment pipeline" }, { timeout: 10_000 }));
    expect((await outcomes.findByRole("link", { name: "Won: 1" })).getAttribute("href")).toBe(`/o/${ORG}/experiments?status=won`);
    expect(outcomes.getByRole("link", { name: "Scaled: 1" }).getAttribute("href")).toBe(`/o/${ORG}/experiments?status=scaled`);
    expect(outcomes.getByRole("link", { name: "Lost: 1" }).getAttribute("href")).toBe(`/o/${ORG}/experiments?status=lost`);
    outcomes.getByText("Win rate 67%: 2 won of 3 with an outcome (won, lost or inconclusive).");
    await waitFor(() => expect(document.activeElement?.id).toBe("board-outcomes"));
  });

  it("keeps the last answer and shows it, with its time, when the server cannot be reached", async () => {
    let reachable = true;
    startAt(`/o/${ORG}/board`, "admin", () => {
      if (!reachable) throw new TypeError("Failed to fetch");
      return json(200, SUMMARY);
    });
    await heading();
    await screen.findByRole("region", { name: "Hard KPIs" });
    expect(JSON.parse(localStorage.getItem(cacheKey(ORG))!).summary).toEqual(SUMMARY);
    cleanup();

    reachable = false;
    startAt(`/o/${ORG}/board`, "admin", () => {
      throw new TypeError("Failed to fetch");
    });
    await heading();
    const status = await screen.findByText(/^You are offline\. These are the figures as of 10 Mar 2026/, {}, { timeout: 10_000 });
    expect(status.getAttribute("role")).toBe("status");
    // The kept figures, links and all, and a way to try for fresh ones.
    expect((await region("Time on the floor").findByRole("link", { name: "Anna, last 30 days: 3 of 2 visits" })).getAttribute("href")).toBe(`/o/${ORG}/visits?person=u-anna&period=30d`);
    expect((screen.getByRole("button", { name: "Refresh" }) as HTMLButtonElement).disabled).toBe(false);
  });

  it("refreshes in place: figures that did not change keep their elements, a changed one is updated where it is", async () => {
    let summary = SUMMARY;
    startAt(`/o/${ORG}/board`, "admin", () => json(200, structuredClone(summary)));
    await heading();
    const anna = await waitFor(() => region("Time on the floor").getByRole("link", { name: "Anna, last 30 days: 3 of 2 visits" }), { timeout: 10_000 });
    const pipeline = within(await screen.findByRole("region", { name: "Experiment pipeline" })).getByRole("link", { name: "Experiments with status Running: 2" });
    // The live refresh after a change somewhere: the same figures but one, and a new time.
    summary = structuredClone(SUMMARY);
    summary.generatedAt = "2026-03-10T09:00:00.000Z";
    summary.experiments.byStatus.running = 3;
    fireEvent.click(screen.getByRole("button", { name: "Refresh" }));
    await waitFor(() => expect(region("Experiment pipeline").getByRole("link", { name: "Experiments with status Running: 3" })).toBeTruthy());
    expect(region("Time on the floor").getByRole("link", { name: "Anna, last 30 days: 3 of 2 visits" })).toBe(anna);
    expect(region("Experiment pipeline").getByRole("link", { name: "Experiments with status Running: 3" })).toBe(pipeline);
  });

  it("says what went wrong when there is nothing kept yet, and tries again on request", async () => {
    let fail = true;
    const { requests } = startAt(`/o/${ORG}/board`, "admin", () => (fail ? json(500, { error: { code: "internal", message: "Boom" } }) : json(200, SUMMARY)));
    await heading();
    const problem = await screen.findByText("Something went wrong on our side. Please try again.", {}, { timeout: 10_000 });
    expect(problem.closest("[role=alert]")).not.toBeNull();
    fail = false;
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    const kpis = within(await screen.findByRole("region", { name: "Hard KPIs" }));
    expect((await kpis.findByRole("link", { name: /Conversion/ })).getAttribute("href")).toBe(`/o/${ORG}/kpis/k-conv`);
    expect(requests.filter((r) => r.endsWith("/board/summary")).length).toBe(2);
  });

  it.each([["executive"], ["cx_ops"]] as const)("is not asked for by a %s, whose role may not read it: the screen says so", async (role) => {
    const server = startAt(`/o/${ORG}/board`, role, () => json(403, { error: { code: "forbidden", message: "Your role may not do this" } }));
    await heading();
    expect((await screen.findByText("Your role does not allow this.")).closest("[role=alert], .notice")).not.toBeNull();
    expect(screen.getByRole("link", { name: /home/i }).getAttribute("href")).toBe(`/o/${ORG}`);
    expect(server.requests.filter((r) => r.endsWith("/board/summary"))).toEqual([]);
  });
});
