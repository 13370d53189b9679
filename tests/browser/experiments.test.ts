import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { demoServer, logIn, newBrowser, synced } from "./support";

/**
 * From the floor to a decision: CX operations turn a finding into an experiment, fill in the
 * hypothesis and the plan, and propose it; a board member approves it on another device;
 * CX operations start it, enter the results and read the verdict; the decision log keeps
 * every move with who and why.
 *
 * Baseline 20.5 % and a minimum detectable effect of 15 % (to 23.575 %) need 2,852 users per
 * variant (two-sided 5 %, power 80 %; Python's statistics.NormalDist gives 2851.6). Results
 * 820 / 4000 against 910 / 4000 are 20.5 % against 22.75 %: +2.25 points.
 */
const REQUIRED_PER_VARIANT = "2852";
/** A cold start (service worker, first sync) can take longer than expect.poll's default. */
const WAIT = { timeout: 15_000 };

const server = demoServer();

const statusNow = (page: Page) => page.locator("#lifecycle-status .status-badge");

/** A lifecycle move: press its button, give the reason, confirm, and wait for the new status. */
async function move(page: Page, button: string, reason: string, expected: string) {
  await page.getByRole("button", { name: button, exact: true }).click();
  await page.getByLabel("Why? (required)").fill(reason);
  await page.getByRole("button", { name: `Confirm: ${button}` }).click();
  await expect.poll(() => statusNow(page).textContent(), WAIT).toBe(expected);
}

test("a finding becomes an experiment that is planned, proposed, approved by the board, run and read", async () => {
  const cxDevice = await newBrowser();
  const boardDevice = await newBrowser();
  try {
    const cx = await cxDevice.newPage();
    await logIn(cx, server.baseUrl, "cx@demo.example");
    await synced(cx);
    // Experiments are a tab for CX operations.
    await cx.getByRole("link", { name: "Experiments", exact: true }).click();
    await expect.poll(() => cx.getByRole("heading", { level: 1 }).textContent(), WAIT).toBe("Experiments");

    // A finding from the floor …
    const orgPath = /\/o\/[^/]+/.exec(new URL(cx.url()).pathname)![0];
    await cx.goto(`${server.baseUrl}${orgPath}/findings/new`);
    await cx.getByLabel("What did the customer see?").fill("Twelve people queueing at the only open till on Saturday");
    await cx.getByLabel("What did the customer see?").blur();
    await expect.poll(() => new URL(cx.url()).pathname, WAIT).toMatch(/\/findings\/[0-9a-f-]{36}$/);
    const findingId = /findings\/([0-9a-f-]{36})$/.exec(new URL(cx.url()).pathname)![1]!;

    // … becomes an experiment that starts from it.
    await cx.getByRole("link", { name: "Make an experiment of this" }).click();
    await expect.poll(() => cx.getByRole("heading", { level: 1 }).textContent(), WAIT).toBe("New experiment");
    const findings = cx.getByRole("group", { name: /Because we saw/ });
    await expect.poll(() => findings.getByRole("link", { name: "Twelve people queueing at the only open till on Saturday" }).count(), WAIT).toBe(1);
    await cx.getByLabel("Title", { exact: true }).fill("Second till on Saturdays");
    await cx.getByLabel("Title", { exact: true }).blur();
    // The first entry creates it, and its address becomes its own.
    await expect.poll(() => new URL(cx.url()).pathname, WAIT).toMatch(/\/experiments\/[0-9a-f-]{36}$/);
    const experimentPath = new URL(cx.url()).pathname;
    await expect.poll(() => cx.getByRole("heading", { level: 1 }).textContent(), WAIT).toBe("Second till on Saturdays");

    // The hypothesis, part by part; the sentence reads it back.
    await cx.getByLabel(/we believe that \(the change\)/).fill("a second till opens on Saturdays from 11 to 3");
    await cx.getByLabel(/we believe that \(the change\)/).blur();
    await cx.getByLabel(/will move \(primary KPI\)/).selectOption({ label: "Conversion" });
    await cx.getByLabel(/by \(expected lift\)/).fill("10");
    await cx.getByLabel(/by \(expected lift\)/).press("Enter");
    await expect
      .poll(() => cx.getByTestId("hypothesis-sentence").textContent(), WAIT)
      .toMatch(/^Because we saw “Twelve people queueing at the only open till on Saturday”, we believe that a second till opens on Saturdays from 11 to 3 for .+ will move Conversion by \+10%\.$/);

    // Baseline in percent (stored as a rate), the effect worth finding, and the sample that needs.
    const readiness = cx.locator(".readiness-list");
    expect(await readiness.textContent()).toContain("a baseline for the primary KPI: missing");
    await cx.getByLabel("Baseline of Conversion (%)").fill("20,5");
    await cx.getByLabel("Baseline of Conversion (%)").press("Tab");
    await cx.getByLabel("Minimum detectable effect (relative)").fill("15");
    await cx.getByLabel("Minimum detectable effect (relative)").press("Tab");
    await cx.getByRole("button", { name: "Calculate" }).click();
    await expect.poll(() => cx.getByLabel("Required sample size per variant").inputValue(), WAIT).toBe(REQUIRED_PER_VARIANT);
    await expect.poll(() => readiness.textContent(), WAIT).toContain("a baseline for the primary KPI: done");
    expect(await readiness.textContent()).toContain("the required sample size: done");
    expect(await readiness.textContent()).toContain("a building block with an owner: missing");

    // The tactical midfield: a building block with an owner (oneself, unless chosen otherwise).
    await cx.getByLabel("Building block", { exact: true }).fill("Roster a second cashier for Saturdays");
    expect(await cx.locator("#block-new-owner option:checked").textContent()).toBe("Chris CX");
    await cx.getByLabel("Due date").fill("2030-06-01");
    await cx.getByRole("button", { name: "Add building block" }).click();
    const block = cx.locator(".plan-block").filter({ hasText: "Roster a second cashier for Saturdays" });
    await expect.poll(() => block.textContent(), WAIT).toContain("Owner: Chris CX");
    await expect.poll(() => readiness.textContent(), WAIT).toContain("a building block with an owner: done");

    // Propose it: a reason is required.
    await cx.getByRole("button", { name: "Propose", exact: true }).click();
    await cx.getByRole("button", { name: "Confirm: Propose" }).click();
    await expect.poll(() => cx.getByText("Please give a reason.").count(), WAIT).toBe(1);
    await cx.getByLabel("Why? (required)").fill("Saturday queues cost us buyers in every store walk this month.");
    await cx.getByRole("button", { name: "Confirm: Propose" }).click();
    await expect.poll(() => statusNow(cx).textContent(), WAIT).toBe("Proposed");
    // CX operations cannot approve their own proposal.
    expect(await cx.getByRole("button", { name: "Approve", exact: true }).count()).toBe(0);

    // The server holds the fields the decision was taken on, baseline as a rate.
    const stored = await cx.evaluate(async (path) => {
      const [, orgId, id] = /\/o\/([^/]+)\/experiments\/(.+)$/.exec(path)!;
      const res = await fetch(`/api/orgs/${orgId}/sync/pull?since=&limit=5000`);
      const body = (await res.json()) as { changes: { entity: string; entityId: string; fields: Record<string, unknown> }[] };
      return body.changes.find((c) => c.entity === "experiment" && c.entityId === id)?.fields;
    }, experimentPath);
    expect(stored).toMatchObject({ title: "Second till on Saturdays", findingIds: [findingId], baseline: 0.205, mde: 0.15, expectedLift: 0.1, requiredSampleSize: 2852, status: "proposed" });

    // The board, on its own device, approves it with a reason.
    const board = await boardDevice.newPage();
    await logIn(board, server.baseUrl, "board@demo.example");
    await synced(board);
    await board.getByRole("link", { name: "Experiments", exact: true }).click();
    await board.getByRole("button", { name: /^Proposed/ }).click();
    await board.getByRole("link", { name: "Second till on Saturdays" }).click();
    await expect.poll(() => statusNow(board).textContent(), WAIT).toBe("Proposed");
    // Board members read; they do not edit the plan.
    expect(await board.getByText(/You can read this experiment/).count()).toBe(1);
    expect(await board.getByRole("button", { name: "Add building block" }).count()).toBe(0);
    expect(await board.getByTestId("hypothesis-sentence").textContent()).toContain("will move Conversion by +10%");
    await move(board, "Approve", "Cheap to try and measured on conversion: go.", "Approved");
    expect(await board.getByRole("button", { name: "Start running", exact: true }).count()).toBe(0);

    // CX operations start it; a decision needs a connection.
    await cx.reload();
    await expect.poll(() => statusNow(cx).textContent(), { timeout: 20_000 }).toBe("Approved");
    await cxDevice.setOffline(true);
    await expect.poll(() => cx.getByText("A decision needs a connection.", { exact: false }).count(), WAIT).toBe(1);
    expect(await cx.getByRole("button", { name: "Start running", exact: true }).isDisabled()).toBe(true);
    await cxDevice.setOffline(false);
    await expect.poll(() => cx.getByRole("button", { name: "Start running", exact: true }).isEnabled(), { timeout: 20_000 }).toBe(true);
    await move(cx, "Start running", "Second cashier rostered in all pilot stores.", "Running");

    // Results: control 820 of 4000, treatment 910 of 4000.
    const results = cx.getByRole("article", { name: "Conversion" });
    await expect.poll(() => results.count(), WAIT).toBe(1);
    const arm = (name: string) => results.getByRole("group", { name, exact: true });
    await arm("Control").getByLabel("Users").fill("4000");
    await arm("Control").getByLabel("Conversions").fill("820");
    await arm("Treatment").getByLabel("Users").fill("4000");
    await arm("Treatment").getByLabel("Conversions").fill("910");
    await arm("Treatment").getByLabel("Conversions").press("Tab");
    const verdict = results.locator(".verdict");
    await expect.poll(() => verdict.count(), WAIT).toBe(1);
    // 20.5 % against 22.75 %: the interval of the lift stays above zero.
    await expect.poll(() => verdict.textContent(), WAIT).toBe("likely better: 99 % chance; the lift is between +0.4 and +4.1 points");
    await expect.poll(() => results.locator('svg[role="img"]').count(), WAIT).toBeGreaterThan(0);
    expect(await results.locator('svg[role="img"]').first().getAttribute("aria-label")).toMatch(/interval/);

    // The results reach the server with the experiment.
    await synced(cx);
    const withResults = await cx.evaluate(async (path) => {
      const [, orgId, id] = /\/o\/([^/]+)\/experiments\/(.+)$/.exec(path)!;
      const res = await fetch(`/api/orgs/${orgId}/sync/pull?since=&limit=5000`);
      const body = (await res.json()) as { changes: { entity: string; entityId: string; fields: Record<string, unknown> }[] };
      return body.changes.find((c) => c.entity === "experiment" && c.entityId === id)?.fields.results;
    }, experimentPath);
    expect(withResults).toEqual([expect.objectContaining({ control: { users: 4000, conversions: 820 }, treatment: { users: 4000, conversions: 910 } })]);

    // The decision log: every move, newest first, with who and why.
    const log = cx.locator(".decision-log .decision");
    await expect.poll(() => log.count(), { timeout: 20_000 }).toBe(3);
    expect(await cx.locator(".decision-move").allTextContents()).toEqual(["Approved → Running", "Proposed → Approved", "Idea → Proposed"]);
    expect(await log.nth(0).textContent()).toContain("Chris CX");
    expect(await log.nth(0).textContent()).toContain("Second cashier rostered in all pilot stores.");
    expect(await log.nth(1).textContent()).toContain("Bea Bestuur");
    expect(await log.nth(1).textContent()).toContain("Cheap to try and measured on conversion: go.");
    expect(await log.nth(2).textContent()).toContain("Saturday queues cost us buyers");

    // The linked finding counts as triaged into an experiment.
    await cx.goto(`${server.baseUrl}${orgPath}/findings/${findingId}`);
    await expect.poll(() => cx.getByLabel("Status (triage)").inputValue(), WAIT).toBe("linked");
  } finally {
    await cxDevice.setOffline(false).catch(() => undefined);
    await cxDevice.dispose();
    await boardDevice.dispose();
  }
});
