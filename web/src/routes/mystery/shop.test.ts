import { describe, expect, it } from "vitest";
import type { MysteryQuestion } from "../../../../shared/schemas/mystery";
import { defaultSeverity, failsCritical, findingText, hasAnswer, withAnswer, withNote, withoutAnswer } from "./shop";

const question = (extra: Partial<MysteryQuestion> = {}): MysteryQuestion => ({
  id: "00000000-0000-4000-8000-000000000001",
  text: "Were you greeted?",
  kind: "yes_no",
  weight: 1,
  naAllowed: true,
  critical: false,
  ...extra,
});
const q = question().id;

describe("answers", () => {
  it("keeps the note when the value changes, and the value when the note changes", () => {
    let answers = withNote({}, q, "Staff busy");
    expect(answers[q]).toEqual({ value: null, na: false, note: "Staff busy" });
    expect(hasAnswer(answers[q])).toBe(false);
    answers = withAnswer(answers, q, false);
    expect(answers[q]).toEqual({ value: false, na: false, note: "Staff busy" });
    answers = withAnswer(answers, q, true, true);
    expect(answers[q]).toEqual({ value: null, na: true, note: "Staff busy" });
    expect(hasAnswer(answers[q])).toBe(true);
    answers = withNote(answers, q, "  ");
    expect(answers[q]).toEqual({ value: null, na: true });
  });

  it("clears a value but keeps a note, and clears completely without one", () => {
    expect(withoutAnswer(withAnswer(withNote({}, q, "n"), q, 3), q)).toEqual({ [q]: { value: null, na: false, note: "n" } });
    expect(withoutAnswer(withAnswer({}, q, 3), q)).toEqual({});
  });
});

describe("findings from answers", () => {
  it("starts at severity 4 for a failed critical question, else 3", () => {
    const critical = question({ critical: true });
    expect(failsCritical(critical, { value: false, na: false })).toBe(true);
    expect(defaultSeverity(critical, { value: false, na: false })).toBe(4);
    expect(defaultSeverity(critical, { value: true, na: false })).toBe(3);
    expect(defaultSeverity(critical, { value: null, na: true })).toBe(3);
    expect(defaultSeverity(question(), { value: false, na: false })).toBe(3);
    expect(defaultSeverity(question({ kind: "scale", critical: true }), { value: 2, na: false })).toBe(4);
    expect(defaultSeverity(critical, undefined)).toBe(3);
  });

  it("prefills what was seen from the question, the answer and the note", () => {
    expect(findingText(question(), "No", " Nobody looked up ")).toBe("Were you greeted? — No\nNobody looked up");
    expect(findingText(question(), null, undefined)).toBe("Were you greeted?");
  });
});
