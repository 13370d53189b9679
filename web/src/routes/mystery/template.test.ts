import { describe, expect, it } from "vitest";
import { mysteryTemplateFields } from "../../../../shared/schemas/mystery";
import { controlId, draftFromTemplate, emptyDraft, moved, newQuestion, newSection, parseWeight, templateFields, validateTemplate } from "./template";

describe("moved", () => {
  it("moves an element up or down and leaves the list alone at its ends", () => {
    expect(moved(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(moved(["a", "b", "c"], 2, -1)).toEqual(["a", "c", "b"]);
    expect(moved(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
    expect(moved(["a", "b", "c"], 2, 1)).toEqual(["a", "b", "c"]);
  });
});

describe("parseWeight", () => {
  it("takes numbers from 0 to 100, with a decimal point or comma", () => {
    expect(parseWeight("2")).toBe(2);
    expect(parseWeight(" 1,5 ")).toBe(1.5);
    expect(parseWeight("0")).toBe(0);
    expect(parseWeight("100")).toBe(100);
    for (const bad of ["", "-1", "101", "abc", "1e2", "2 kg"]) expect(parseWeight(bad)).toBeNull();
  });
});

describe("validateTemplate", () => {
  it("points at every empty name, title and question and every bad weight", () => {
    const draft = emptyDraft();
    const section = draft.sections[0]!;
    const question = section.questions[0]!;
    question.weight = "x";
    expect(validateTemplate(draft)).toEqual([
      { path: controlId.name, code: "required" },
      { path: controlId.sectionTitle(section.id), code: "required" },
      { path: controlId.questionText(question.id), code: "required" },
      { path: controlId.questionWeight(question.id), code: "weight" },
    ]);
  });

  it("needs at least one question and refuses over-long texts", () => {
    const draft = { name: "x".repeat(201), channel: "store" as const, sections: [{ ...newSection(), title: "Welcome", questions: [] }] };
    expect(validateTemplate(draft).map((i) => i.code)).toEqual(["tooLong", "noQuestions"]);
  });
});

describe("templateFields", () => {
  it("produces fields the server's schema accepts, with trimmed texts and numeric weights", () => {
    const draft = emptyDraft();
    draft.name = "  Store basics ";
    draft.sections[0]!.title = " Welcome ";
    draft.sections[0]!.questions = [
      { ...newQuestion(), text: "Greeted?", weight: "2,5", critical: true },
      { ...newQuestion(), text: "Anything else?", kind: "text", critical: true },
    ];
    expect(validateTemplate(draft)).toEqual([]);
    const fields = templateFields(draft);
    expect(fields.name).toBe("Store basics");
    expect(fields.sections[0]!.title).toBe("Welcome");
    expect(fields.sections[0]!.questions[0]).toMatchObject({ weight: 2.5, critical: true });
    // A text answer is never scored, so it cannot be critical.
    expect(fields.sections[0]!.questions[1]!.critical).toBe(false);
    expect(mysteryTemplateFields.safeParse({ ...fields, archived: false }).success).toBe(true);
    expect(draftFromTemplate(fields).sections[0]!.questions[0]!.weight).toBe("2.5");
  });
});
