import { describe, expect, it } from "vitest";
import type { MysteryQuestion, MysterySection } from "../schemas/mystery";
import { scoreShop } from "./score";

let n = 0;
const id = () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`;
const q = (kind: MysteryQuestion["kind"], weight: number, extra: Partial<MysteryQuestion> = {}): MysteryQuestion => ({
  id: id(),
  text: "question",
  kind,
  weight,
  naAllowed: true,
  critical: false,
  ...extra,
});

describe("scoreShop", () => {
  it("weights answers per section and overall", () => {
    const greet = q("yes_no", 1);
    const smile = q("yes_no", 3);
    const clean = q("scale", 2);
    const sections: MysterySection[] = [
      { id: id(), title: "Welcome", questions: [greet, smile] },
      { id: id(), title: "Store", questions: [clean] },
    ];
    const score = scoreShop(sections, {
      [greet.id]: { value: true, na: false },
      [smile.id]: { value: false, na: false },
      [clean.id]: { value: 4, na: false }, // (4-1)/4 = 0.75
    });
    expect(score.sections[0]!.percent).toBeCloseTo(25, 10); // 1 of 4 weight
    expect(score.sections[1]!.percent).toBeCloseTo(75, 10);
    expect(score.percent).toBeCloseTo((100 * (1 + 0.75 * 2)) / 6, 10);
    expect(score.failed).toBe(false);
  });

  it("leaves n/a answers out of numerator and denominator", () => {
    const a = q("yes_no", 1);
    const b = q("yes_no", 5);
    const sections = [{ id: id(), title: "S", questions: [a, b] }];
    const withNa = scoreShop(sections, { [a.id]: { value: true, na: false }, [b.id]: { value: null, na: true } });
    expect(withNa.percent).toBe(100);
    expect(withNa.answered).toBe(2);
  });

  it("fails the whole shop on a failed critical question whatever the score", () => {
    const critical = q("yes_no", 1, { critical: true });
    const others = Array.from({ length: 9 }, () => q("yes_no", 10));
    const sections = [{ id: id(), title: "S", questions: [critical, ...others] }];
    const answers = Object.fromEntries(others.map((o) => [o.id, { value: true, na: false }]));
    const score = scoreShop(sections, { ...answers, [critical.id]: { value: false, na: false } });
    expect(score.percent).toBeGreaterThan(98);
    expect(score.failed).toBe(true);
    expect(score.failedCritical).toEqual([critical.id]);
  });

  it("has no score yet rather than 0 % or NaN when nothing scorable is answered", () => {
    const text = q("text", 1);
    const score = scoreShop([{ id: id(), title: "S", questions: [text, q("yes_no", 1)] }], { [text.id]: { value: "nice", na: false } });
    expect(score.percent).toBeNull();
    expect(score.sections[0]!.percent).toBeNull();
  });

  it("leaves a free-text question out: no weight, and never unanswered", () => {
    const remark = q("text", 5); // a weight stored by an older client changes nothing
    const greet = q("yes_no", 1);
    const sections = [{ id: id(), title: "S", questions: [remark, greet] }];
    const blank = scoreShop(sections, { [greet.id]: { value: true, na: false } });
    expect(blank).toMatchObject({ percent: 100, answered: 1, questions: 1 });
    expect(blank.sections[0]).toMatchObject({ answered: 1, questions: 1 });
    const written = scoreShop(sections, { [greet.id]: { value: false, na: false }, [remark.id]: { value: "Friendly, but slow", na: false } });
    expect(written).toMatchObject({ percent: 0, answered: 1, questions: 1 });
  });
});
