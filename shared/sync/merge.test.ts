import { describe, expect, it } from "vitest";
import { formatHlc } from "./hlc";
import { applyChange, emptyRecord, mergeStates, stateFromPull, type Change, type RecordState } from "./merge";
import { seededRandom } from "../../tests/support/random";

const hlc = (millis: number, node = "000000000000000a", counter = 0) => formatHlc({ millis, counter, node });

function replay(changes: Change[]): RecordState {
  return changes.reduce((state, change) => applyChange(state, change).state, emptyRecord());
}

describe("per-field last-writer-wins", () => {
  it("keeps both devices' edits when they changed different fields", () => {
    const state = replay([
      { op: "upsert", fields: { saw: "empty shelf", severity: 2 }, hlc: hlc(1) },
      { op: "upsert", fields: { severity: 4 }, hlc: hlc(5, "00000000000000bb") },
      { op: "upsert", fields: { felt: "annoyed" }, hlc: hlc(3, "00000000000000cc") },
    ]);
    expect(state.fields).toEqual({ saw: "empty shelf", severity: 4, felt: "annoyed" });
  });

  it("lets the later HLC win the same field whatever order the changes arrive in", () => {
    const early = { op: "upsert" as const, fields: { severity: 1 }, hlc: hlc(1) };
    const late = { op: "upsert" as const, fields: { severity: 5 }, hlc: hlc(2) };
    expect(replay([early, late]).fields.severity).toBe(5);
    expect(replay([late, early]).fields.severity).toBe(5);
  });

  it("reports no change for a duplicate delivery", () => {
    const change = { op: "upsert" as const, fields: { notes: "x" }, hlc: hlc(1) };
    const once = applyChange(emptyRecord(), change).state;
    expect(applyChange(once, change).changed).toBe(false);
  });

  it("keeps a deleted record deleted, against older and newer edits", () => {
    const state = replay([
      { op: "upsert", fields: { notes: "a" }, hlc: hlc(1) },
      { op: "delete", fields: {}, hlc: hlc(2) },
      { op: "upsert", fields: { notes: "b" }, hlc: hlc(3) },
    ]);
    expect(state.deletedAt).toBe(hlc(2));
  });

  it("converges: any order and any duplication of the same changes gives the same state", () => {
    for (let seed = 1; seed <= 300; seed++) {
      const random = seededRandom(seed).next;
      const nodes = ["00000000000000a1", "00000000000000b2", "00000000000000c3"];
      const changes: Change[] = Array.from({ length: 2 + Math.floor(random() * 10) }, (_, i) => {
        const node = nodes[Math.floor(random() * nodes.length)]!;
        const at = hlc(Math.floor(random() * 5), node, i);
        if (random() < 0.1) return { op: "delete", fields: {}, hlc: at };
        const fields: Record<string, unknown> = {};
        for (const name of ["saw", "felt", "severity"]) if (random() < 0.5) fields[name] = `${name}-${seed}-${i}`;
        return { op: "upsert", fields, hlc: at };
      });
      const reference = replay(changes);
      for (let trial = 0; trial < 5; trial++) {
        const shuffled = [...changes, ...changes.filter(() => random() < 0.4)].sort(() => random() - 0.5);
        expect(replay(shuffled), `seed ${seed}`).toEqual(reference);
      }
    }
  });
});

describe("mergeStates", () => {
  const state = (fields: Record<string, unknown>, at: number, node: string, deletedAt: string | null = null): RecordState => ({
    fields,
    clocks: Object.fromEntries(Object.keys(fields).map((k) => [k, hlc(at, node)])),
    deletedAt,
  });

  it("takes each field from the side that changed it last", () => {
    const device = state({ saw: "device", felt: "device" }, 5, "00000000000000d1");
    const server = { ...state({ saw: "server" }, 9, "00000000000000d2") };
    const merged = mergeStates(device, server);
    expect(merged.fields).toEqual({ saw: "server", felt: "device" });
  });

  it("is commutative, associative and idempotent", () => {
    const random = seededRandom(42).next;
    const states = Array.from({ length: 60 }, (_, i) => {
      const fields: Record<string, unknown> = {};
      for (const name of ["saw", "felt", "severity"]) if (random() < 0.6) fields[name] = `${name}${i}`;
      return state(fields, Math.floor(random() * 6), `00000000000000${(i % 9) + 10}`, random() < 0.1 ? hlc(i) : null);
    });
    for (let i = 0; i + 2 < states.length; i += 3) {
      const [a, b, c] = [states[i]!, states[i + 1]!, states[i + 2]!];
      expect(mergeStates(a, b)).toEqual(mergeStates(b, a));
      expect(mergeStates(mergeStates(a, b), c)).toEqual(mergeStates(a, mergeStates(b, c)));
      expect(mergeStates(a, a)).toEqual(a);
    }
  });

  it("agrees with replaying the changes: merging two replicas equals one replica that saw all", () => {
    const changes: Change[] = [
      { op: "upsert", fields: { saw: "a", felt: "x" }, hlc: hlc(1) },
      { op: "upsert", fields: { saw: "b" }, hlc: hlc(3, "00000000000000bb") },
      { op: "upsert", fields: { felt: "y" }, hlc: hlc(2, "00000000000000cc") },
    ];
    const left = replay([changes[0]!, changes[2]!]);
    const right = replay([changes[1]!]);
    expect(mergeStates(left, right)).toEqual(replay(changes));
  });
});

describe("stateFromPull", () => {
  it("keeps only the fields that were ever set, and the tombstone", () => {
    const s = stateFromPull({ fields: { saw: "x", felt: null }, clocks: { saw: hlc(1) }, deletedAt: hlc(2) });
    expect(s).toEqual({ fields: { saw: "x" }, clocks: { saw: hlc(1) }, deletedAt: hlc(2) });
  });
});
