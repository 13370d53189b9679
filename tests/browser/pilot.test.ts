import { expect, test } from "vitest";
import { demoServer, logIn, newBrowser, synced } from "./support";

/**
 * A store pilot, measured rather than typed: in the demo, CX operations open the won pilot
 * (self-scan price checkers in three stores against four control stores), see the pilot-vs-
 * control chart and the result worked out from the weekly conversion per store, make a business
 * case of it (its low / base / high lift from the measured interval), and find the chart in the
 * case's board pack.
 *
 * The demo's numbers (server/demo/experiments.ts, deterministic): conversion up 1.11 points in
 * the pilot stores against the control stores, 95 % interval 0.67 to 1.55 points, p ≈ 0.001,
 * and 1 of the 35 ways to choose 3 pilot stores out of 7 as extreme (p ≈ 0.029).
 */
const WAIT = { timeout: 15_000 };
const PILOT = "Self-scan price checkers in the aisles";
const server = demoServer();

test("the demo's store pilot shows its measured result and chart, becomes a business case with that lift, and its pack shows the chart", async () => {
  const device = await newBrowser();
  try {
    const cx = await device.newPage();
    await logIn(cx, server.baseUrl, "cx@demo.example");
    await synced(cx);

    await cx.getByRole("link", { name: "Experiments", exact: true }).click();
    await cx.getByRole("link", { name: PILOT }).click();
    await expect.poll(() => cx.getByRole("heading", { level: 1 }).textContent(), WAIT).toBe(PILOT);

    // No group totals to type: the result is measured.
    const primary = cx.getByRole("article", { name: "Conversion" });
    await expect.poll(() => primary.locator(".verdict").count(), WAIT).toBe(1);
    expect(await primary.getByLabel("Users").count()).toBe(0);
    await expect.poll(() => primary.locator(".verdict").textContent(), WAIT).toBe("likely better: > 99 % chance; the lift is between +0.67 and +1.55 percentage points");
    const facts = (await primary.locator(".result-facts").textContent()) ?? "";
    expect(facts).toContain("p-value (t-test on the stores' changes)0.001");
    expect(facts).toContain("p-value (other choices of pilot stores)0.029");
    expect(await primary.locator(".pilot-used").textContent()).toMatch(/Read from 12 weeks before the start .* and 8 from the start .* in 3 pilot and 4 control locations\./);

    // The chart: pilot against control over time, the start marked, the gap before and after.
    const chart = primary.getByRole("img", { name: /average of 3 pilot locations against the average of 4 control locations/ });
    await expect.poll(() => chart.count(), WAIT).toBe(1);
    expect(await chart.getAttribute("aria-label")).toMatch(/Before the start the pilot locations were .* from the control locations; from the start .*\./);
    expect(await primary.locator(".line-start").count()).toBe(1);
    expect(await primary.locator(".pilot-gaps").textContent()).toMatch(/Gap before the start: .*after: /);
    // Each location's change as a dot: 3 pilot, 4 control.
    expect(await primary.locator(".pilot-dots-pilot .pilot-dot").count()).toBe(3);
    expect(await primary.locator(".pilot-dots-control .pilot-dot").count()).toBe(4);

    // The guardrails, measured the same way, beside it.
    for (const guardrail of ["Spend per customer", "NPS"]) {
      const block = cx.getByRole("article", { name: guardrail });
      await expect.poll(() => block.locator(".verdict").count(), WAIT).toBe(1);
      expect(await block.locator(".guardrail").count()).toBe(1);
    }

    // The business case takes its lift from the measured interval (in points for a rate KPI).
    await cx.getByRole("link", { name: "Make a business case of this" }).click();
    await expect.poll(() => cx.getByRole("heading", { level: 1 }).textContent(), WAIT).toBe("New business case");
    await expect.poll(() => cx.getByLabel("Base (measured lift)").inputValue(), WAIT).toMatch(/^1\.11\d*$/);
    expect(await cx.getByLabel("Low (lower bound)").inputValue()).toMatch(/^0\.67\d*$/);
    expect(await cx.getByLabel("High (upper bound)").inputValue()).toMatch(/^1\.54\d*$|^1\.55\d*$/);
    const title = cx.getByLabel("Title");
    await title.fill("Price checkers in every store");
    await title.blur();
    await expect.poll(() => new URL(cx.url()).pathname, WAIT).toMatch(/\/cases\/[0-9a-f-]{36}$/);

    // The board pack shows the pilot against the control stores.
    await cx.getByRole("link", { name: "Board pack" }).click();
    await expect.poll(() => cx.getByRole("heading", { level: 2, name: "Price checkers in every store" }).count(), WAIT).toBe(1);
    const packChart = cx.locator(".pack-experiment").getByRole("img", { name: /average of 3 pilot locations against the average of 4 control locations/ });
    await expect.poll(() => packChart.count(), WAIT).toBe(1);
    await cx.emulateMedia({ media: "print" });
    expect(await packChart.isVisible()).toBe(true);
  } finally {
    await device.close();
  }
});
