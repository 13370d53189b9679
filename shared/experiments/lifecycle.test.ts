import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "../roles";
import type { ExperimentFields } from "../schemas/experiment";
import { experimentLifecycle, iceScore, readinessGaps } from "./lifecycle";
import { EXPERIMENT_STATUSES, type ExperimentStatus } from "../enums";

const { moves: MOVES, movesFrom, check: checkMove } = experimentLifecycle;

const OWNER = "6f1c1a52-3a55-4c1b-9d0e-5b7e2b1f0a01";
const READY: Partial<ExperimentFields> = {
  primaryKpiId: "6f1c1a52-3a55-4c1b-9d0e-5b7e2b1f0a02",
  baseline: 0.2,
  requiredSampleSize: 1200,
  plan: [{ id: "6f1c1a52-3a55-4c1b-9d0e-5b7e2b1f0a03", title: "Train the team", ownerId: OWNER, dueDate: null, done: false }],
};

const key = (from: string, to: string) => `${from}→${to}`;

describe("the moves", () => {
  it("follow idea → proposed → approved → running → analysing → won | lost | inconclusive → scaled | stopped", () => {
    expect(MOVES.map((m) => key(m.from, m.to)).sort()).toEqual(
      [
        "idea→proposed",
        "proposed→idea",
        "proposed→approved",
        // Revise: an approved scope opens again through a move back, and needs a new approval.
        "approved→proposed",
        "approved→running",
        "running→analysing",
        "analysing→running",
        "analysing→won",
        "analysing→lost",
        "analysing→inconclusive",
        // Reopen: a verdict's results open again for correction, and the verdict is made anew.
        ...["won", "lost", "inconclusive"].map((from) => key(from, "analysing")),
        "won→scaled",
        ...["idea", "proposed", "approved", "running", "analysing", "won", "lost", "inconclusive"].map((from) => key(from, "stopped")),
      ].sort(),
    );
  });

  it("are each listed once, between known statuses, with at least one role", () => {
    expect(new Set(MOVES.map((m) => key(m.from, m.to))).size).toBe(MOVES.length);
    for (const move of MOVES) {
      expect(EXPERIMENT_STATUSES).toContain(move.from);
      expect(EXPERIMENT_STATUSES).toContain(move.to);
      expect(move.from).not.toBe(move.to);
      expect(move.roles.length).toBeGreaterThan(0);
      for (const role of move.roles) expect(ROLES).toContain(role);
    }
  });

  it("let only admin or board approve a proposal or scale a winner", () => {
    for (const [from, to] of [
      ["proposed", "approved"],
      ["won", "scaled"],
    ] as const) {
      expect([...MOVES.find((m) => m.from === from && m.to === to)!.roles].sort()).toEqual(["admin", "board"]);
    }
  });

  it("let only admin or board revise an approved scope or reopen a verdict", () => {
    for (const [from, to] of [
      ["approved", "proposed"],
      ["won", "analysing"],
      ["lost", "analysing"],
      ["inconclusive", "analysing"],
    ] as const) {
      expect([...MOVES.find((m) => m.from === from && m.to === to)!.roles].sort(), key(from, to)).toEqual(["admin", "board"]);
    }
  });

  it("end in scaled and stopped: nothing leaves them", () => {
    for (const end of ["scaled", "stopped"] as const) expect(MOVES.filter((m) => m.from === end)).toEqual([]);
  });
});

describe("checkMove", () => {
  it("allows every listed move for every role it names, and refuses every other role with role_not_allowed", () => {
    for (const move of MOVES) {
      for (const role of ROLES) {
        const check = checkMove(move.from, move.to, role, READY);
        if (move.roles.includes(role)) expect(check, `${role} ${key(move.from, move.to)}`).toEqual({ ok: true });
        else {
          expect(check, `${role} ${key(move.from, move.to)}`).toMatchObject({ ok: false, code: "role_not_allowed", gaps: [] });
          if (!check.ok) for (const allowed of move.roles) expect(check.message).toContain(allowed.replace("_", " "));
        }
      }
    }
  });

  it("refuses every pair of statuses that is not a move with move_not_allowed, whoever asks", () => {
    let refused = 0;
    for (const from of EXPERIMENT_STATUSES) {
      for (const to of EXPERIMENT_STATUSES) {
        if (MOVES.some((m) => m.from === from && m.to === to)) continue;
        for (const role of ROLES) {
          const check = checkMove(from, to, role, READY);
          expect(check, `${role} ${key(from, to)}`).toMatchObject({ ok: false, code: "move_not_allowed", gaps: [] });
          if (!check.ok) expect(check.message).toContain(`from ${from} to ${to}`);
          refused++;
        }
      }
    }
    expect(refused).toBe((EXPERIMENT_STATUSES.length ** 2 - MOVES.length) * ROLES.length);
  });

  it("checks the move before the role, and the role before readiness", () => {
    expect(checkMove("idea", "won", "board", {})).toMatchObject({ code: "move_not_allowed" });
    expect(checkMove("approved", "running", "board", {})).toMatchObject({ code: "role_not_allowed" });
    expect(checkMove("approved", "running", "cx_ops", {})).toMatchObject({ code: "not_ready", gaps: ["primary_kpi", "baseline", "sample_size", "plan_owner"] });
  });

  it("asks for readiness on the way into running only (also when running again after an analysis)", () => {
    expect(checkMove("analysing", "running", "cx_ops", {})).toMatchObject({ code: "not_ready" });
    expect(checkMove("analysing", "running", "cx_ops", READY)).toEqual({ ok: true });
    const notRunning = MOVES.filter((m) => m.to !== "running");
    for (const move of notRunning) expect(checkMove(move.from, move.to, move.roles[0] as Role, {}), key(move.from, move.to)).toEqual({ ok: true });
  });

  it("names what is missing in its message", () => {
    const check = checkMove("approved", "running", "admin", { ...READY, baseline: null });
    expect(check).toMatchObject({ ok: false, code: "not_ready", gaps: ["baseline"] });
    if (!check.ok) expect(check.message).toMatch(/baseline/);
  });
});

describe("readinessGaps", () => {
  it("is empty when the primary KPI, baseline, sample size and an owned building block are there", () => {
    expect(readinessGaps(READY)).toEqual([]);
  });

  it("lists every gap of an empty experiment, in a fixed order", () => {
    expect(readinessGaps({})).toEqual(["primary_kpi", "baseline", "sample_size", "plan_owner"]);
    expect(readinessGaps({ primaryKpiId: null, baseline: null, requiredSampleSize: null, plan: [] })).toEqual(["primary_kpi", "baseline", "sample_size", "plan_owner"]);
  });

  it.each([
    ["primaryKpiId", null, ["primary_kpi"]],
    ["baseline", null, ["baseline"]],
    ["requiredSampleSize", null, ["sample_size"]],
    ["plan", [], ["plan_owner"]],
  ] as const)("misses only %s when it is %j", (field, value, gaps) => {
    expect(readinessGaps({ ...READY, [field]: value })).toEqual(gaps);
  });

  it("counts a baseline of 0 as a baseline", () => {
    expect(readinessGaps({ ...READY, baseline: 0 })).toEqual([]);
  });

  it("needs a building block with an owner: blocks without one do not count", () => {
    const unowned = { id: "6f1c1a52-3a55-4c1b-9d0e-5b7e2b1f0a04", title: "Order tablets", ownerId: null, dueDate: "2025-05-01", done: true };
    expect(readinessGaps({ ...READY, plan: [unowned, unowned] })).toEqual(["plan_owner"]);
    expect(readinessGaps({ ...READY, plan: [unowned, { ...unowned, ownerId: OWNER }] })).toEqual([]);
  });
});

describe("movesFrom", () => {
  it("gives each role exactly the moves checkMove allows from each status", () => {
    for (const status of EXPERIMENT_STATUSES) {
      for (const role of ROLES) {
        const allowed = EXPERIMENT_STATUSES.filter((to) => checkMove(status, to, role, READY).ok);
        expect([...movesFrom(status, role)].sort(), `${role} from ${status}`).toEqual([...allowed].sort());
      }
    }
  });

  it("offers the board approve, send back or stop on a proposal, and an executive only the proposal of an idea", () => {
    expect([...movesFrom("proposed", "board")].sort()).toEqual(["approved", "idea", "stopped"]);
    expect(movesFrom("idea", "executive")).toEqual(["proposed"]);
    expect(movesFrom("running", "executive")).toEqual([]);
    for (const role of ROLES) for (const end of ["scaled", "stopped"] as ExperimentStatus[]) expect(movesFrom(end, role)).toEqual([]);
  });
});

describe("iceScore", () => {
  it("multiplies impact, confidence and ease", () => {
    expect(iceScore({ impact: 7, confidence: 5, ease: 8 })).toBe(280);
    expect(iceScore({ impact: 1, confidence: 1, ease: 1 })).toBe(1);
    expect(iceScore({ impact: 10, confidence: 10, ease: 10 })).toBe(1000);
  });

  it("is null while any score is missing", () => {
    expect(iceScore({})).toBeNull();
    expect(iceScore({ impact: 7, confidence: 5 })).toBeNull();
    expect(iceScore({ impact: 7, confidence: null, ease: 8 })).toBeNull();
  });
});
