import { afterAll, expect, test } from "vitest";
import { demoServer, logIn, newBrowser, orgIdOf, synced } from "./support";

const server = demoServer();
const browsers: Awaited<ReturnType<typeof newBrowser>>[] = [];
afterAll(async () => {
  for (const browser of browsers) await browser.dispose();
});

test("live: a finding the director captures appears in CX operations' findings list within 2 s, nobody pressing anything", async () => {
  const director = await newBrowser();
  const cx = await newBrowser();
  browsers.push(director, cx);
  const a = await director.newPage();
  const b = await cx.newPage();
  let streams = 0;
  b.on("request", (request) => {
    if (request.url().includes("/sync/events")) streams += 1;
  });
  await logIn(a, server.baseUrl, "director@demo.example");
  await logIn(b, server.baseUrl, "cx@demo.example");
  await synced(a);
  await synced(b);
  const orgId = orgIdOf(a);
  await b.goto(`${server.baseUrl}/o/${orgId}/findings`);
  await synced(b);
  // CX's device holds its live stream (the request stays open).
  await expect.poll(() => streams).toBeGreaterThan(0);
  // Pulls are fetched, parsed and merged off the screen's thread (web/src/data/local/pull.worker.ts).
  await expect.poll(() => b.workers().some((worker) => worker.url().includes("pull.worker"))).toBe(true);

  const saw = `Live: a queue at the self-scan tills ${Date.now()}`;
  let pushedAt = 0;
  a.on("response", (response) => {
    if (response.url().includes("/sync/push") && response.status() === 200 && pushedAt === 0) pushedAt = Date.now();
  });
  await a.goto(`${server.baseUrl}/o/${orgId}/findings/new`);
  await a.getByLabel("What did the customer see?").fill(saw);
  await a.getByLabel("What did the customer see?").blur();
  // The director's device sends it by itself shortly after the edit (no "Sync now").
  await expect.poll(() => pushedAt, { timeout: 15_000 }).toBeGreaterThan(0);

  let seenAt = 0;
  while (Date.now() - pushedAt < 10_000) {
    if ((await b.getByText(saw).count()) > 0) {
      seenAt = Date.now();
      break;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  expect(seenAt, "the finding reached the other device").toBeGreaterThan(0);
  const ms = seenAt - pushedAt;
  console.info(`live: the finding showed in the other device's list ${ms} ms after the director's push was acknowledged`);
  expect(ms).toBeLessThan(2000);
});
