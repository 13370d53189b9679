import type { Move } from "./permissions";
import type { Role } from "./roles";

export type { Move };

export type MoveCheck<G extends string> =
  | { ok: true }
  | { ok: false; code: "move_not_allowed" | "role_not_allowed" | "not_ready"; message: string; gaps: G[] };

/**
 * A lifecycle (experiments, business cases): which moves exist, who may make them, and what a
 * record must have before it may enter a status. One rule book for the server, which enforces
 * it, and the screens, which show only the moves a role can make and what is still missing.
 */
export function defineLifecycle<S extends string, F, G extends string>(spec: {
  noun: string;
  moves: readonly Move<S>[];
  /** What `fields` still lacks before a record may enter `to` (empty when nothing is required). */
  gaps: (to: S, fields: F) => G[];
  gapText: Record<G, string>;
  /** Names the step that needs the gaps filled, for the message ("Before it can run"). */
  gapIntro: (to: S) => string;
}) {
  return {
    moves: spec.moves,
    /** The moves a role can make from a status (for the buttons a screen shows). */
    movesFrom(status: S, role: Role): S[] {
      return spec.moves.filter((m) => m.from === status && m.roles.includes(role)).map((m) => m.to);
    },
    /** Whether `role` may move a record with these fields from `from` to `to`, and if not, why. */
    check(from: S, to: S, role: Role, fields: F): MoveCheck<G> {
      const move = spec.moves.find((m) => m.from === from && m.to === to);
      if (!move) return { ok: false, code: "move_not_allowed", message: `${spec.noun} cannot move from ${from} to ${to}`, gaps: [] };
      if (!move.roles.includes(role)) {
        const who = move.roles.map((r) => r.replace("_", " ")).join(" or ");
        return { ok: false, code: "role_not_allowed", message: `Only ${who} may move ${spec.noun.toLowerCase()} from ${from} to ${to}`, gaps: [] };
      }
      const gaps = spec.gaps(to, fields);
      if (gaps.length > 0) return { ok: false, code: "not_ready", message: `${spec.gapIntro(to)}, ${spec.noun.toLowerCase()} needs ${gaps.map((g) => spec.gapText[g]).join(", ")}`, gaps };
      return { ok: true };
    },
  };
}
