import { describe, expect, test } from "vitest";
import reference from "../../shared/stats/did-reference.json";
import { errorShapeProblem, snapshot } from "../support/api";
import { agent, freshApp } from "../support/app";

const DID = "/api/stats/did";

async function loggedIn() {
  const { app, client } = await freshApp();
  const director = agent(app);
  const setup = await director.post("/api/setup", { mode: "demo" });
  if (setup.status !== 201) throw new Error(`demo setup failed: ${setup.status} ${setup.text}`);
  return { app, client, director };
}

const loc = (pre: number[], post: number[]) => ({ pre, post });
const VALID = {
  pilot: [loc([0.21, 0.22], [0.25, 0.24]), loc([0.19], [0.22])],
  control: [loc([0.2, 0.2], [0.21]), loc([0.23], [0.22, 0.24]), loc([0.18], [0.19])],
};

describe("POST /api/stats/did", () => {
  test("answers the contract's fields, matching the independent reference", async () => {
    const { director } = await loggedIn();
    for (const { request, expected } of reference.did.slice(0, 25)) {
      const res = await director.post(DID, request);
      expect(res.status, res.text).toBe(200);
      expect(Object.keys(res.json).sort()).toEqual(["ci", "df", "effect", "pValue", "permutationExact", "permutationPValue", "relativeEffect", "se", "units"]);
      expect(Math.abs(res.json.effect - expected.effect)).toBeLessThanOrEqual(1e-9 * Math.max(Math.abs(expected.effect), 1e-300));
      expect(Math.abs(res.json.pValue - expected.pValue)).toBeLessThanOrEqual(1e-6);
      expect(Math.abs(res.json.permutationPValue - expected.permutationPValue)).toBeLessThanOrEqual(1e-12);
      expect(res.json.units).toEqual(expected.units);
    }
  });

  test("alpha defaults to 0.05: a 99 % interval is wider", async () => {
    const { director } = await loggedIn();
    const plain = (await director.post(DID, VALID)).json;
    const fivePercent = (await director.post(DID, { ...VALID, alpha: 0.05 })).json;
    const onePercent = (await director.post(DID, { ...VALID, alpha: 0.01 })).json;
    expect(plain).toEqual(fivePercent);
    expect(onePercent.ci[1] - onePercent.ci[0]).toBeGreaterThan(plain.ci[1] - plain.ci[0]);
  });

  test("no spread: the interval is the effect itself and p is 0 (an effect) or 1 (none)", async () => {
    const { director } = await loggedIn();
    const moved = (by: number) => [loc([1], [1 + by]), loc([5, 7], [6 + by])];
    const some = (await director.post(DID, { pilot: moved(2), control: moved(1) })).json;
    expect(some).toMatchObject({ effect: 1, se: 0, ci: [1, 1], pValue: 0 });
    const none = (await director.post(DID, { pilot: moved(1), control: moved(1) })).json;
    expect(none).toMatchObject({ effect: 0, se: 0, ci: [0, 0], pValue: 1, permutationPValue: 1 });
  });

  test("needs a session, like the other calculators", async () => {
    const { app } = await loggedIn();
    expect((await agent(app).post(DID, VALID)).status).toBe(401);
  });

  const BAD: [string, unknown, string[]][] = [
    ["one pilot location", { ...VALID, pilot: [VALID.pilot[0]] }, ["pilot"]],
    ["one control location", { ...VALID, control: [VALID.control[0]] }, ["control"]],
    ["no control at all", { pilot: VALID.pilot }, ["control"]],
    ["a location with no value before", { ...VALID, pilot: [loc([], [1]), VALID.pilot[1]] }, ["pilot.0.pre"]],
    ["a location with no value after", { ...VALID, control: [VALID.control[0], loc([1], [])] }, ["control.1.post"]],
    ["a value that is text", { ...VALID, pilot: [loc(["0.2" as unknown as number], [1]), VALID.pilot[1]] }, ["pilot.0.pre.0"]],
    ["a value that is null (NaN in JSON)", { ...VALID, pilot: [loc([null as unknown as number], [1]), VALID.pilot[1]] }, ["pilot.0.pre.0"]],
    ["alpha of 0", { ...VALID, alpha: 0 }, ["alpha"]],
    ["alpha of 1", { ...VALID, alpha: 1 }, ["alpha"]],
    ["an unknown field", { ...VALID, design: "x" }, ["design"]],
    ["an unknown field in a location", { ...VALID, pilot: [{ ...VALID.pilot[0], store: "Delft" }, VALID.pilot[1]] }, ["pilot.0.store"]],
    ["pilot is not a list", { ...VALID, pilot: { pre: [1], post: [2] } }, ["pilot"]],
    ["too many locations", { ...VALID, control: Array.from({ length: 501 }, () => loc([1], [2])) }, ["control"]],
    ["values too large to add up", { pilot: [loc([1.7e308, 1.7e308], [1]), loc([1], [2])], control: VALID.control }, ["pilot", "control"]],
  ];

  test(`each of ${BAD.length} bad requests is a 400 in the error shape naming the field, and changes nothing`, async () => {
    const { director, client } = await loggedIn();
    const before = await snapshot(client);
    const problems: string[] = [];
    for (const [label, body, paths] of BAD) {
      const res = await director.post(DID, body);
      const got = ((res.json?.error?.issues ?? []) as { path: string }[]).map((i) => i.path).sort();
      if (res.status !== 400 || errorShapeProblem(res.json) || JSON.stringify(got) !== JSON.stringify([...paths].sort())) problems.push(`${label}: ${res.status} ${res.text.slice(0, 240)}`);
    }
    expect(problems).toEqual([]);
    expect(await snapshot(client)).toEqual(before);
  });

  test("malformed JSON is a 400 invalid_json", async () => {
    const { director } = await loggedIn();
    const res = await director.post(DID, '{"pilot": [');
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("invalid_json");
  });
});
