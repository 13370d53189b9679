import { describe, expect, test } from "vitest";
import reference from "../../shared/stats/reference.json";
import { errorShapeProblem } from "../support/api";
import { agent, DEMO_PASSWORD, freshApp } from "../support/app";
import { seededRandom } from "../support/random";

/** A fresh app with the demo organisation, and its director logged in (setup logs them in). */
async function loggedIn() {
  const { app } = await freshApp();
  const director = agent(app);
  const setup = await director.post("/api/setup", { mode: "demo" });
  if (setup.status !== 201) throw new Error(`demo setup failed: ${setup.status} ${setup.text}`);
  return { app, director };
}

const COMPARE = "/api/stats/compare";
const SAMPLE_SIZE = "/api/stats/sample-size";

const PROPORTIONS = { metric: "proportion", control: { users: 10_000, conversions: 1_000 }, treatment: { users: 10_000, conversions: 1_100 } };
const MEANS = { metric: "mean", control: { n: 1_000, mean: 52.3, sd: 20.1 }, treatment: { n: 1_000, mean: 54, sd: 21.7 } };
const SAMPLE = { baseline: 0.1, mde: 0.2 };

/**
 * Why a 200 body is not a clean answer — a leaf that is not a finite number or a boolean
 * (NaN and Infinity would arrive as null, since JSON has no spelling for them) — or null.
 */
function unfinished(json: unknown, path = "(body)"): string | null {
  if (typeof json === "number") return Number.isFinite(json) ? null : `${path} = ${json}`;
  if (typeof json === "boolean") return null;
  if (Array.isArray(json)) {
    for (const [i, item] of json.entries()) {
      const found = unfinished(item, `${path}.${i}`);
      if (found) return found;
    }
    return null;
  }
  if (json && typeof json === "object") {
    for (const [key, item] of Object.entries(json)) {
      const found = unfinished(item, `${path}.${key}`);
      if (found) return found;
    }
    return null;
  }
  return `${path} = ${JSON.stringify(json)}`;
}

describe("who may use the calculators", () => {
  test("logged out, or with a made-up session, both routes are a 401 in the error shape", async () => {
    const { app } = await loggedIn();
    for (const cookie of ["", "chefsache_session=made-up"]) {
      const stranger = agent(app, cookie);
      for (const [path, body] of [
        [COMPARE, PROPORTIONS],
        [SAMPLE_SIZE, SAMPLE],
      ] as const) {
        const res = await stranger.post(path, body);
        expect(res.status, `${path} with cookie "${cookie}"`).toBe(401);
        expect(errorShapeProblem(res.json)).toBeNull();
        expect(res.json.error.code).toBe("unauthenticated");
      }
    }
  });

  test("any logged-in member may, whatever their role (a director, a board member)", async () => {
    const { app, director } = await loggedIn();
    const board = agent(app);
    expect((await board.post("/api/auth/login", { email: "board@demo.example", password: DEMO_PASSWORD })).status).toBe(200);
    for (const user of [director, board]) {
      expect((await user.post(COMPARE, PROPORTIONS)).status).toBe(200);
      expect((await user.post(SAMPLE_SIZE, SAMPLE)).status).toBe(200);
    }
  });
});

describe("the answers", () => {
  test("compare answers exactly the documented shape, for proportions and for means", async () => {
    const { director } = await loggedIn();
    for (const body of [PROPORTIONS, MEANS]) {
      const res = await director.post(COMPARE, body);
      expect(res.status, res.text).toBe(200);
      expect(Object.keys(res.json).sort()).toEqual(["absoluteLift", "chanceToBeat", "ciAbsolute", "ciRelative", "pValue", "relativeLift", "srm"]);
      expect(Object.keys(res.json.srm).sort()).toEqual(["mismatch", "pValue"]);
      expect(res.json.ciAbsolute).toHaveLength(2);
      expect(res.json.ciRelative).toHaveLength(2);
      expect(typeof res.json.srm.mismatch).toBe("boolean");
      expect(unfinished(res.json)).toBeNull();
      expect(res.json.ciAbsolute[0]).toBeLessThan(res.json.absoluteLift);
      expect(res.json.ciAbsolute[1]).toBeGreaterThan(res.json.absoluteLift);
    }
    const proportions = (await director.post(COMPARE, PROPORTIONS)).json;
    expect(proportions.absoluteLift).toBeCloseTo(0.01, 15);
    expect(proportions.relativeLift).toBeCloseTo(0.1, 14);
  });

  test("sample-size answers {perVariant} with a whole number", async () => {
    const { director } = await loggedIn();
    const res = await director.post(SAMPLE_SIZE, { baseline: 0.1, mde: 0.2, alpha: 0.05, power: 0.8 });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({ perVariant: 3841 });
  });

  test("alpha defaults to 0.05, expectedSplit to equal, and power to 0.8", async () => {
    const { director } = await loggedIn();
    for (const body of [PROPORTIONS, MEANS]) {
      const implicit = (await director.post(COMPARE, body)).json;
      expect((await director.post(COMPARE, { ...body, alpha: 0.05, expectedSplit: [0.5, 0.5] })).json).toEqual(implicit);
      expect((await director.post(COMPARE, { ...body, alpha: 0.01 })).json).not.toEqual(implicit);
      expect((await director.post(COMPARE, { ...body, expectedSplit: [0.4, 0.6] })).json.srm).not.toEqual(implicit.srm);
    }
    const implicit = (await director.post(SAMPLE_SIZE, SAMPLE)).json;
    expect((await director.post(SAMPLE_SIZE, { ...SAMPLE, alpha: 0.05, power: 0.8 })).json).toEqual(implicit);
    expect((await director.post(SAMPLE_SIZE, { ...SAMPLE, power: 0.9 })).json.perVariant).toBeGreaterThan(implicit.perVariant);
  });

  test(`every scipy reference case comes back through the API within 10⁻⁶ (${reference.compare.length} comparisons, ${reference.sampleSize.length} sample sizes)`, async () => {
    const { director } = await loggedIn();
    const problems: string[] = [];
    for (const { request, expected } of reference.compare) {
      const res = await director.post(COMPARE, request);
      const label = JSON.stringify(request);
      if (res.status !== 200) {
        problems.push(`${res.status} for ${label}`);
        continue;
      }
      const got = res.json;
      const pairs: [string, number, number, number][] = [
        ["pValue", got.pValue, expected.pValue, 1e-6],
        ["ciAbsolute[0]", got.ciAbsolute[0], expected.ciAbsolute[0]!, 1e-6],
        ["ciAbsolute[1]", got.ciAbsolute[1], expected.ciAbsolute[1]!, 1e-6],
        ["ciRelative[0]", got.ciRelative[0], expected.ciRelative[0]!, 1e-6],
        ["ciRelative[1]", got.ciRelative[1], expected.ciRelative[1]!, 1e-6],
        ["chanceToBeat", got.chanceToBeat, expected.chanceToBeat, 1e-3],
        ["srm.pValue", got.srm.pValue, expected.srm.pValue, 1e-6],
      ];
      for (const [field, value, want, bound] of pairs) if (!(Math.abs(value - want) <= bound)) problems.push(`${field} ${value} vs ${want} for ${label}`);
      if (got.srm.mismatch !== expected.srm.mismatch) problems.push(`srm.mismatch for ${label}`);
    }
    for (const { request, expected } of reference.sampleSize) {
      const res = await director.post(SAMPLE_SIZE, request);
      if (res.json?.perVariant !== expected.perVariant) problems.push(`perVariant ${res.text} vs ${expected.perVariant} for ${JSON.stringify(request)}`);
    }
    expect(problems).toEqual([]);
  });
});

type BadCase = [label: string, path: string, body: unknown, issuePaths: string[]];

const withArms = (control: object, treatment: object = PROPORTIONS.treatment) => ({ ...PROPORTIONS, control, treatment });
const withMeanArms = (control: object, treatment: object = MEANS.treatment) => ({ ...MEANS, control, treatment });

const BAD_INPUTS: BadCase[] = [
  ["negative users", COMPARE, withArms({ users: -5, conversions: 0 }), ["control.users"]],
  ["negative conversions", COMPARE, withArms({ users: 100, conversions: -1 }), ["control.conversions"]],
  ["more conversions than users", COMPARE, withArms(PROPORTIONS.control, { users: 10, conversions: 11 }), ["treatment.conversions"]],
  ["no users in an arm", COMPARE, withArms({ users: 0, conversions: 0 }), ["control.users"]],
  ["a fraction of a user", COMPARE, withArms({ users: 100.5, conversions: 3 }), ["control.users"]],
  ["users as text", COMPARE, withArms({ users: "100", conversions: 3 }), ["control.users"]],
  ["a missing arm", COMPARE, { metric: "proportion", control: PROPORTIONS.control }, ["treatment"]],
  ["mean fields on a proportion", COMPARE, withArms({ n: 10, mean: 1, sd: 1 }), ["control.conversions", "control.mean", "control.n", "control.sd", "control.users"]],
  ["sd of 0", COMPARE, withMeanArms({ n: 10, mean: 5, sd: 0 }), ["control.sd"]],
  ["negative sd", COMPARE, withMeanArms(MEANS.control, { n: 10, mean: 5, sd: -2 }), ["treatment.sd"]],
  ["n of 1", COMPARE, withMeanArms({ n: 1, mean: 5, sd: 1 }), ["control.n"]],
  ["n of 0", COMPARE, withMeanArms(MEANS.control, { n: 0, mean: 5, sd: 1 }), ["treatment.n"]],
  ["a null mean", COMPARE, withMeanArms({ n: 10, mean: null, sd: 1 }), ["control.mean"]],
  ["alpha 0", COMPARE, { ...PROPORTIONS, alpha: 0 }, ["alpha"]],
  ["alpha 1", COMPARE, { ...PROPORTIONS, alpha: 1 }, ["alpha"]],
  ["negative alpha", COMPARE, { ...MEANS, alpha: -0.05 }, ["alpha"]],
  ["alpha above 1", COMPARE, { ...MEANS, alpha: 5 }, ["alpha"]],
  ["alpha as text", COMPARE, { ...MEANS, alpha: "0.05" }, ["alpha"]],
  ["a split not summing to 1", COMPARE, { ...PROPORTIONS, expectedSplit: [0.5, 0.6] }, ["expectedSplit"]],
  ["a zero share", COMPARE, { ...PROPORTIONS, expectedSplit: [0, 1] }, ["expectedSplit.0"]],
  ["a negative share", COMPARE, { ...MEANS, expectedSplit: [1.5, -0.5] }, ["expectedSplit.1"]],
  ["one share", COMPARE, { ...PROPORTIONS, expectedSplit: [1] }, ["expectedSplit"]],
  ["three shares", COMPARE, { ...PROPORTIONS, expectedSplit: [0.2, 0.3, 0.5] }, ["expectedSplit"]],
  ["a split as text", COMPARE, { ...PROPORTIONS, expectedSplit: "50/50" }, ["expectedSplit"]],
  ["an unknown field", COMPARE, { ...PROPORTIONS, extra: true }, ["extra"]],
  ["an unknown field in an arm", COMPARE, withArms({ ...PROPORTIONS.control, revenue: 5 }), ["control.revenue"]],
  ["an unknown metric", COMPARE, { ...PROPORTIONS, metric: "ratio" }, ["metric"]],
  ["no metric", COMPARE, { control: PROPORTIONS.control, treatment: PROPORTIONS.treatment }, ["metric"]],
  ["a non-finite mean (1e999)", COMPARE, '{"metric":"mean","control":{"n":10,"mean":1e999,"sd":1},"treatment":{"n":10,"mean":1,"sd":1}}', ["control.mean"]],
  ["a non-finite count (-1e999)", COMPARE, '{"metric":"proportion","control":{"users":-1e999,"conversions":1},"treatment":{"users":10,"conversions":1}}', ["control.users"]],
  // Valid numbers for which the statistic does not exist.
  ["no conversions in either arm", COMPARE, withArms({ users: 100, conversions: 0 }, { users: 90, conversions: 0 }), ["control.conversions", "treatment.conversions"]],
  ["every user converted in both arms", COMPARE, withArms({ users: 100, conversions: 100 }, { users: 90, conversions: 90 }), ["control.conversions", "treatment.conversions"]],
  ["a control rate of 0", COMPARE, withArms({ users: 100, conversions: 0 }, { users: 100, conversions: 4 }), ["control.conversions"]],
  ["a control mean of 0", COMPARE, withMeanArms({ n: 10, mean: 0, sd: 1 }), ["control.mean"]],
  ["means that overflow", COMPARE, withMeanArms({ n: 10, mean: 1e308, sd: 1e308 }, { n: 10, mean: -1e308, sd: 1e308 }), ["control", "treatment"]],
  ["baseline 0", SAMPLE_SIZE, { ...SAMPLE, baseline: 0 }, ["baseline"]],
  ["baseline 1", SAMPLE_SIZE, { ...SAMPLE, baseline: 1 }, ["baseline"]],
  ["a negative baseline", SAMPLE_SIZE, { ...SAMPLE, baseline: -0.1 }, ["baseline"]],
  ["a baseline as a percentage", SAMPLE_SIZE, { ...SAMPLE, baseline: 10 }, ["baseline"]],
  ["mde 0", SAMPLE_SIZE, { ...SAMPLE, mde: 0 }, ["mde"]],
  ["an mde that makes p₂ ≥ 1", SAMPLE_SIZE, { baseline: 0.6, mde: 1 }, ["mde"]],
  ["an mde that makes p₂ ≤ 0", SAMPLE_SIZE, { baseline: 0.2, mde: -1 }, ["mde"]],
  ["an mde lost in rounding", SAMPLE_SIZE, { baseline: 0.2, mde: 1e-17 }, ["mde"]],
  ["power 0", SAMPLE_SIZE, { ...SAMPLE, power: 0 }, ["power"]],
  ["power 1", SAMPLE_SIZE, { ...SAMPLE, power: 1 }, ["power"]],
  ["power as a percentage", SAMPLE_SIZE, { ...SAMPLE, power: 80 }, ["power"]],
  ["alpha 1 for a sample size", SAMPLE_SIZE, { ...SAMPLE, alpha: 1 }, ["alpha"]],
  ["no baseline", SAMPLE_SIZE, { mde: 0.1 }, ["baseline"]],
  ["an unknown field for a sample size", SAMPLE_SIZE, { ...SAMPLE, users: 5 }, ["users"]],
  ["a non-finite baseline", SAMPLE_SIZE, '{"baseline":1e999,"mde":0.1}', ["baseline"]],
];

describe("bad input", () => {
  test(`each of ${BAD_INPUTS.length} bad inputs is a 400 in the error shape naming the offending path`, async () => {
    const { director } = await loggedIn();
    const problems: string[] = [];
    for (const [label, path, body, paths] of BAD_INPUTS) {
      const res = await director.post(path, body);
      const shape = errorShapeProblem(res.json);
      const got = ((res.json?.error?.issues ?? []) as { path: string }[]).map((i) => i.path).sort();
      if (res.status !== 400 || shape || res.json.error.code !== "validation_failed" || JSON.stringify(got) !== JSON.stringify([...paths].sort())) {
        problems.push(`${label}: ${res.status} ${shape ?? ""} ${res.text.slice(0, 200)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  test("a statistic that does not exist is explained in plain words", async () => {
    const { director } = await loggedIn();
    const none = await director.post(COMPARE, withArms({ users: 100, conversions: 0 }, { users: 90, conversions: 0 }));
    expect(none.json.error.message).toBe("Neither arm has a conversion, so there is no variation to test a difference against");
    const zero = await director.post(COMPARE, withArms({ users: 100, conversions: 0 }, { users: 100, conversions: 4 }));
    expect(zero.json.error.message).toMatch(/no conversions: a lift relative to a rate of 0 does not exist/);
    expect(zero.json.error.issues).toEqual([{ path: "control.conversions", message: zero.json.error.message }]);
  });

  test("malformed JSON is a 400 invalid_json", async () => {
    const { director } = await loggedIn();
    for (const path of [COMPARE, SAMPLE_SIZE]) {
      const res = await director.post(path, '{"metric": "proportion",');
      expect(res.status).toBe(400);
      expect(errorShapeProblem(res.json)).toBeNull();
      expect(res.json.error.code).toBe("invalid_json");
    }
  });
});

describe("no NaN or Infinity, whatever valid numbers come in", () => {
  test("400 random valid comparisons and 200 sample sizes: every 200 is finite throughout, every refusal a 400 in the error shape", async () => {
    const { director } = await loggedIn();
    const { next, pick } = seededRandom(20260517);
    const logUniform = (low: number, high: number) => Math.exp(Math.log(low) + next() * (Math.log(high) - Math.log(low)));
    const alpha = () => pick([undefined, 0.05, 0.01, 0.1, 1e-12, 0.999_999, next() || 0.5]);
    const split = () => {
      const share = pick([undefined, 0.5, 1e-6, 0.999, next() || 0.5]);
      return share === undefined ? undefined : [share, 1 - share];
    };
    const bodies: [string, unknown][] = [];
    for (let i = 0; i < 200; i++) {
      const users = () => Math.max(1, Math.round(logUniform(1, 1e12)));
      const arm = () => {
        const n = users();
        return { users: n, conversions: pick([0, n, Math.round(next() * n), Math.round(logUniform(1, n))]) };
      };
      bodies.push([COMPARE, { metric: "proportion", control: arm(), treatment: arm(), alpha: alpha(), expectedSplit: split() }]);
    }
    for (let i = 0; i < 200; i++) {
      const scale = logUniform(1e-150, 1e150);
      const arm = () => ({
        n: Math.max(2, Math.round(logUniform(2, 1e12))),
        mean: pick([0, scale, -scale, scale * (next() - 0.5)]),
        sd: scale * logUniform(1e-8, 1e8),
      });
      bodies.push([COMPARE, { metric: "mean", control: arm(), treatment: arm(), alpha: alpha(), expectedSplit: split() }]);
    }
    for (let i = 0; i < 200; i++) {
      bodies.push([SAMPLE_SIZE, { baseline: logUniform(1e-9, 0.999_999), mde: pick([1, -1]) * logUniform(1e-9, 50), alpha: alpha(), power: pick([undefined, 0.8, 0.9, 1e-9, 0.999_999_999, next() || 0.5]) }]);
    }
    const problems: string[] = [];
    let answered = 0;
    for (const [path, body] of bodies) {
      const res = await director.post(path, body);
      const label = `${path} ${JSON.stringify(body)}`;
      if (res.status === 200) {
        answered += 1;
        const found = unfinished(res.json);
        if (found) problems.push(`${found} for ${label}`);
        if (res.text.includes("null")) problems.push(`null in ${res.text} for ${label}`);
      } else if (res.status !== 400 || errorShapeProblem(res.json)) {
        problems.push(`${res.status} ${res.text.slice(0, 200)} for ${label}`);
      }
    }
    expect(problems).toEqual([]);
    // Most random inputs have an answer; the refusals are the degenerate corners.
    expect(answered).toBeGreaterThan(bodies.length * 0.6);
  });
});
