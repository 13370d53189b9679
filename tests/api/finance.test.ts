import { describe, expect, test } from "vitest";
import reference from "../../shared/finance/reference.json";
import { errorShapeProblem, snapshot } from "../support/api";
import { agent, DEMO_PASSWORD, freshApp } from "../support/app";
import { seededRandom } from "../support/random";

/** A fresh app with the demo organisation, and its director logged in (setup logs them in). */
async function loggedIn() {
  const { app, client } = await freshApp();
  const director = agent(app);
  const setup = await director.post("/api/setup", { mode: "demo" });
  if (setup.status !== 201) throw new Error(`demo setup failed: ${setup.status} ${setup.text}`);
  return { app, client, director };
}

const BUSINESS_CASE = "/api/finance/business-case";
const SCENARIOS = ["low", "base", "high"] as const;
const FIGURES = ["annualBenefit", "npv", "paybackMonths", "roi"] as const;

const CASE = {
  investment: 100_000,
  runningCostPerYear: 20_000,
  horizonYears: 5,
  discountRate: 0.08,
  annualVolume: 1_000_000,
  valuePerUnit: 2.5,
  lift: { low: 0.01, base: 0.02, high: 0.03 },
};

/**
 * Why a 200 body is not a clean answer, or null: every figure a finite number, except roi and
 * paybackMonths, which may be null (NaN and Infinity would arrive as null too, so a null
 * anywhere else is one of them).
 */
function unfinished(json: any): string | null {
  const scenarios = json?.scenarios;
  if (!scenarios || typeof scenarios !== "object") return `no scenarios in ${JSON.stringify(json)}`;
  for (const s of SCENARIOS) {
    for (const figure of FIGURES) {
      const x = scenarios[s]?.[figure];
      const nullable = figure === "roi" || figure === "paybackMonths";
      if (x === null ? !nullable : !(typeof x === "number" && Number.isFinite(x))) return `${s}.${figure} = ${JSON.stringify(x)}`;
    }
  }
  return null;
}

describe("who may use the calculator", () => {
  test("logged out, or with a made-up session, it is a 401 in the error shape", async () => {
    const { app } = await loggedIn();
    for (const cookie of ["", "chefsache_session=made-up"]) {
      const res = await agent(app, cookie).post(BUSINESS_CASE, CASE);
      expect(res.status, `cookie "${cookie}"`).toBe(401);
      expect(errorShapeProblem(res.json)).toBeNull();
      expect(res.json.error.code).toBe("unauthenticated");
    }
  });

  test("a logged-out request with bad input is still a 401: who asks is checked before what", async () => {
    const { app } = await loggedIn();
    const res = await agent(app).post(BUSINESS_CASE, "{not json");
    expect(res.status).toBe(401);
  });

  test("any logged-in member may, whatever their role (a director, a board member)", async () => {
    const { app, director } = await loggedIn();
    const board = agent(app);
    expect((await board.post("/api/auth/login", { email: "board@demo.example", password: DEMO_PASSWORD })).status).toBe(200);
    for (const user of [director, board]) expect((await user.post(BUSINESS_CASE, CASE)).status).toBe(200);
  });
});

describe("the answer", () => {
  test("exactly {scenarios:{low,base,high}}, each {annualBenefit,npv,roi,paybackMonths}, with the worked example's figures", async () => {
    const { director } = await loggedIn();
    const res = await director.post(BUSINESS_CASE, CASE);
    expect(res.status, res.text).toBe(200);
    expect(Object.keys(res.json)).toEqual(["scenarios"]);
    expect(Object.keys(res.json.scenarios).sort()).toEqual(["base", "high", "low"]);
    for (const s of SCENARIOS) expect(Object.keys(res.json.scenarios[s]).sort()).toEqual(["annualBenefit", "npv", "paybackMonths", "roi"]);
    expect(unfinished(res.json)).toBeNull();
    // See shared/finance/business-case.test.ts for the arithmetic.
    const { low, base, high } = res.json.scenarios;
    expect(low.npv).toBeCloseTo(-80_036.45, 2);
    expect(low.roi).toBeCloseTo(-0.375, 12);
    expect(low.paybackMonths).toBeNull();
    expect(base.annualBenefit).toBeCloseTo(50_000, 6);
    expect(base.npv).toBeCloseTo(19_781.3, 2);
    expect(base.roi).toBeCloseTo(0.25, 12);
    expect(base.paybackMonths).toBeCloseTo(40, 10);
    expect(high.paybackMonths).toBeCloseTo(21.818_181_8, 6);
  });

  test("no investment is a payback of 0, and nothing spent at all an roi of null", async () => {
    const { director } = await loggedIn();
    const free = await director.post(BUSINESS_CASE, { ...CASE, investment: 0, runningCostPerYear: 0 });
    expect(free.status, free.text).toBe(200);
    for (const s of SCENARIOS) {
      expect(free.json.scenarios[s].paybackMonths).toBe(0);
      expect(free.json.scenarios[s].roi).toBeNull();
    }
  });

  test("a scenario whose yearly net is 0 or less never pays back (null), whatever the investment", async () => {
    const { director } = await loggedIn();
    // 1 000 000 × lift × 2.5 − 20 000 a year: low −45 000 (loses), base 0 (breaks even), high +5 000.
    const lift = { low: -0.01, base: 0.008, high: 0.01 };
    for (const investment of [0, 100_000]) {
      const res = await director.post(BUSINESS_CASE, { ...CASE, investment, lift });
      expect(res.status, res.text).toBe(200);
      const { low, base, high } = res.json.scenarios;
      expect(low.npv, `investment ${investment}`).toBeLessThan(0);
      expect(low.paybackMonths, `investment ${investment}`).toBeNull();
      expect(base.paybackMonths, `investment ${investment}`).toBeNull();
      // 12 × 100 000 / 5 000 = 240 months, past the 60 of the horizon; without investment, at once.
      expect(high.paybackMonths, `investment ${investment}`).toBe(investment === 0 ? 0 : null);
    }
  });

  test("it reads and writes nothing", async () => {
    const { client, director } = await loggedIn();
    const before = await snapshot(client);
    expect((await director.post(BUSINESS_CASE, CASE)).status).toBe(200);
    expect((await director.post(BUSINESS_CASE, { ...CASE, investment: -1 })).status).toBe(400);
    expect(await snapshot(client)).toEqual(before);
  });

  test(`every exact reference case comes back through the API within 1e-9 of its scale (${reference.cases.length} cases)`, async () => {
    const { director } = await loggedIn();
    const problems: string[] = [];
    for (const c of reference.cases) {
      const res = await director.post(BUSINESS_CASE, c.request);
      const label = ("label" in c && c.label) || JSON.stringify(c.request);
      if ("problem" in c && c.problem) {
        const paths = ((res.json?.error?.issues ?? []) as { path: string }[]).map((i) => i.path).sort();
        if (res.status !== 400 || errorShapeProblem(res.json) || JSON.stringify(paths) !== JSON.stringify([...c.problem.paths].sort())) {
          problems.push(`expected a 400 on ${c.problem.paths} for ${label}, got ${res.status} ${res.text.slice(0, 200)}`);
        }
        continue;
      }
      if (res.status !== 200) {
        problems.push(`${res.status} ${res.text.slice(0, 200)} for ${label}`);
        continue;
      }
      const expected = (c as { expected: { scenarios: Record<string, Record<string, number | null>> } }).expected.scenarios;
      const scale = (c as { scale: Record<string, Record<string, number | null>> }).scale;
      for (const s of SCENARIOS) {
        for (const figure of FIGURES) {
          const got = res.json.scenarios[s][figure] as number | null;
          const want = expected[s]![figure]!;
          const bound = 1e-9 * (scale[s]![figure] ?? 0);
          const ok = want === null || got === null ? got === want : Math.abs(got - want) <= bound;
          if (!ok) problems.push(`${s}.${figure} ${got} vs ${want} for ${label}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

type BadCase = [label: string, body: unknown, issuePaths: string[]];

const withLift = (lift: unknown) => ({ ...CASE, lift });
const without = (field: keyof typeof CASE) => Object.fromEntries(Object.entries(CASE).filter(([key]) => key !== field));

const BAD_INPUTS: BadCase[] = [
  ["a negative investment", { ...CASE, investment: -1 }, ["investment"]],
  ["a negative running cost", { ...CASE, runningCostPerYear: -0.01 }, ["runningCostPerYear"]],
  ["a negative volume", { ...CASE, annualVolume: -1_000 }, ["annualVolume"]],
  ["a negative value per unit", { ...CASE, valuePerUnit: -2.5 }, ["valuePerUnit"]],
  ["a horizon of 0 years", { ...CASE, horizonYears: 0 }, ["horizonYears"]],
  ["a horizon of 11 years", { ...CASE, horizonYears: 11 }, ["horizonYears"]],
  ["a horizon of 2.5 years", { ...CASE, horizonYears: 2.5 }, ["horizonYears"]],
  ["a negative horizon", { ...CASE, horizonYears: -3 }, ["horizonYears"]],
  ["a horizon of 10²⁰ years", { ...CASE, horizonYears: 1e20 }, ["horizonYears"]],
  ["a horizon as text", { ...CASE, horizonYears: "5" }, ["horizonYears"]],
  ["a negative discount rate", { ...CASE, discountRate: -0.01 }, ["discountRate"]],
  ["a discount rate of 1", { ...CASE, discountRate: 1 }, ["discountRate"]],
  ["a discount rate as a percentage", { ...CASE, discountRate: 8 }, ["discountRate"]],
  ["a discount rate as text", { ...CASE, discountRate: "8%" }, ["discountRate"]],
  ["no discount rate", without("discountRate"), ["discountRate"]],
  ["no investment field", without("investment"), ["investment"]],
  ["an investment as text", { ...CASE, investment: "100000" }, ["investment"]],
  ["a null running cost", { ...CASE, runningCostPerYear: null }, ["runningCostPerYear"]],
  ["a volume as a boolean", { ...CASE, annualVolume: true }, ["annualVolume"]],
  ["a value per unit as an object", { ...CASE, valuePerUnit: { amount: 2.5 } }, ["valuePerUnit"]],
  ["a missing high scenario", withLift({ low: 0.01, base: 0.02 }), ["lift.high"]],
  ["a missing low scenario", withLift({ base: 0.02, high: 0.03 }), ["lift.low"]],
  ["only a base scenario", withLift({ base: 0.02 }), ["lift.high", "lift.low"]],
  ["no lift at all", without("lift"), ["lift"]],
  ["one lift for all scenarios", withLift(0.02), ["lift"]],
  ["the lifts as a list", withLift([0.01, 0.02, 0.03]), ["lift"]],
  ["a lift as text", withLift({ low: "1%", base: 0.02, high: 0.03 }), ["lift.low"]],
  ["a null lift", withLift({ low: 0.01, base: null, high: 0.03 }), ["lift.base"]],
  ["a fourth scenario", withLift({ ...CASE.lift, stretch: 0.1 }), ["lift.stretch"]],
  ["an unknown field", { ...CASE, currency: "EUR" }, ["currency"]],
  ["two unknown fields", { ...CASE, currency: "EUR", title: "x" }, ["currency", "title"]],
  ["a non-finite investment (1e999)", JSON.stringify(CASE).replace('"investment":100000', '"investment":1e999'), ["investment"]],
  ["a non-finite lift (-1e999)", JSON.stringify(CASE).replace('"base":0.02', '"base":-1e999'), ["lift.base"]],
  ["several mistakes at once", { ...CASE, investment: -1, horizonYears: 0, lift: { low: 0.01 } }, ["horizonYears", "investment", "lift.base", "lift.high"]],
  ["an empty object", {}, ["annualVolume", "discountRate", "horizonYears", "investment", "lift", "runningCostPerYear", "valuePerUnit"]],
  ["a list for a body", [CASE], ["(body)"]],
  ["null for a body", "null", ["(body)"]],
  ["a number for a body", "42", ["(body)"]],
  // Valid numbers whose figures would leave the double range.
  ["an annual benefit past the double range", { ...CASE, annualVolume: 1e300, valuePerUnit: 1, lift: { low: 0.01, base: 0.02, high: 1e10 } }, ["annualVolume", "lift.high", "valuePerUnit"]],
  [
    "an NPV past the double range",
    { ...CASE, investment: 0, runningCostPerYear: 0, annualVolume: 1.5e308, valuePerUnit: 1, horizonYears: 2, lift: { low: 1e-10, base: 1e-10, high: 1 } },
    ["annualVolume", "investment", "lift.high", "runningCostPerYear", "valuePerUnit"],
  ],
];

describe("bad input", () => {
  test(`each of ${BAD_INPUTS.length} bad inputs is a 400 validation_failed in the error shape naming the offending paths`, async () => {
    const { director } = await loggedIn();
    const problems: string[] = [];
    for (const [label, body, paths] of BAD_INPUTS) {
      const res = await director.post(BUSINESS_CASE, body);
      const shape = errorShapeProblem(res.json);
      const got = ((res.json?.error?.issues ?? []) as { path: string }[]).map((i) => i.path).sort();
      if (res.status !== 400 || shape || res.json.error.code !== "validation_failed" || JSON.stringify(got) !== JSON.stringify([...paths].sort())) {
        problems.push(`${label}: ${res.status} ${shape ?? ""} ${res.text.slice(0, 300)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  test("the messages say what is wrong in plain words", async () => {
    const { director } = await loggedIn();
    const issue = async (body: unknown) => (await director.post(BUSINESS_CASE, body)).json.error.issues[0];
    expect(await issue({ ...CASE, investment: -1 })).toEqual({ path: "investment", message: "Cannot be negative" });
    expect(await issue({ ...CASE, horizonYears: 12 })).toEqual({ path: "horizonYears", message: "Must be a whole number of years from 1 to 10" });
    expect(await issue({ ...CASE, discountRate: 8 })).toEqual({ path: "discountRate", message: "Must be below 1 (0.08 is 8 %)" });
    expect(await issue({ ...CASE, extra: 1 })).toEqual({ path: "extra", message: "Unknown field" });
    const huge = await director.post(BUSINESS_CASE, { ...CASE, annualVolume: 1e300, valuePerUnit: 1, lift: { low: 1e10, base: 1e10, high: 1e10 } });
    expect(huge.json.error.message).toMatch(/too large to compute with/);
  });

  test("malformed JSON is a 400 invalid_json", async () => {
    const { director } = await loggedIn();
    for (const body of ['{"investment": 1000,', "", "investment=1000"]) {
      const res = await director.post(BUSINESS_CASE, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(errorShapeProblem(res.json)).toBeNull();
      expect(res.json.error.code).toBe("invalid_json");
    }
  });
});

describe("no NaN or Infinity, whatever valid numbers come in", () => {
  test("300 random requests, from everyday to 10³⁰⁸: every 200 finite throughout, every refusal a 400 in the error shape", async () => {
    const { director } = await loggedIn();
    const { next, pick } = seededRandom(20261126);
    const amount = () => pick([0, Math.round(next() * 1e7) / 100, Math.exp(next() * 40), Number.MAX_VALUE, 5e-324, Math.exp(-700 + next() * 1400)]);
    const lift = () => pick([1, -1]) * pick([0, next() * 0.1, next(), Math.exp(-700 + next() * 1400), Number.MAX_VALUE]);
    const problems: string[] = [];
    let answered = 0;
    for (let i = 0; i < 300; i++) {
      const body = {
        investment: amount(),
        runningCostPerYear: amount(),
        horizonYears: pick([1, 10, 1 + Math.floor(next() * 10)]),
        discountRate: pick([0, 0.08, 0.999_999_999, next() * 0.999]),
        annualVolume: amount(),
        valuePerUnit: amount(),
        lift: { low: lift(), base: lift(), high: lift() },
      };
      const res = await director.post(BUSINESS_CASE, body);
      if (res.status === 200) {
        answered += 1;
        const found = unfinished(res.json);
        if (found) problems.push(`${found} for ${JSON.stringify(body)}`);
      } else if (res.status !== 400 || errorShapeProblem(res.json) || res.json.error.code !== "validation_failed") {
        problems.push(`${res.status} ${res.text.slice(0, 200)} for ${JSON.stringify(body)}`);
      }
    }
    expect(problems).toEqual([]);
    // About half the requests are answered (the rest overflow and are refused); the seed is not tuned to this.
    expect(answered).toBeGreaterThan(120);
  });
});
