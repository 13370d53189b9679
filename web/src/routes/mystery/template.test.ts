import { describe, expect, it } from "vitest";
import { mysteryTemplateFields } from "../../../../shared/schemas/mystery";
import { controlId, draftFromTemplate, emptyDraft, kindsForChannel, moved, newQuestion, newSection, parseWeight, templateFields, toggledKind, validateTemplate } from "./template";

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
    const draft = { name: "x".repeat(201), channel: "store" as const, locationKinds: ["store" as const], sections: [{ ...newSection(), title: "Welcome", questions: [] }] };
    expect(validateTemplate(draft).map((i) => i.code)).toEqual(["tooLong", "noQuestions"]);
  });
});

describe("location kinds", () => {
  it("a new template is for its channel's kinds; they follow the channel until someone changes them", () => {
    expect(emptyDraft().locationKinds).toEqual(["store", "branch"]);
    expect(kindsForChannel(["store", "branch"], "store", "phone")).toEqual(["contact_centre"]);
    expect(kindsForChannel(["branch", "store"], "store", "web")).toEqual(["web", "app"]);
    // Chosen by hand: a change of channel leaves them alone.
    expect(kindsForChannel(["store"], "store", "phone")).toEqual(["store"]);
    expect(toggledKind(["web"], "store", true)).toEqual(["store", "web"]);
    expect(toggledKind(["store", "web"], "store", false)).toEqual(["web"]);
  });

  it("a template needs at least one kind; one made before templates had kinds is offered its channel's", () => {
    const draft = { ...emptyDraft(), name: "Call", locationKinds: [] };
    draft.sections[0]!.title = "Welcome";
    draft.sections[0]!.questions[0]!.text = "Answered?";
    expect(validateTemplate(draft)).toEqual([{ path: `${controlId.locationKinds}-store`, code: "noKinds" }]);
    expect(draftFromTemplate({ channel: "phone", locationKinds: null }).locationKinds).toEqual(["contact_centre"]);
    expect(draftFromTemplate({ channel: "phone", locationKinds: ["app"] }).locationKinds).toEqual(["app"]);
  });
});

describe("templateFields", () => {
  it("produces fields the server's schema accepts, with trimmed texts and numeric weights", () => {
    const draft = emptyDraft();
    draft.name = "  Store basics ";
    draft.sections[0]!.title = " Welcome ";
    draft.sections[0]!.questions = [
      { ...newQuestion(), text: "Greeted?", weight: "2,5", critical: true },
      // A weight typed before the kind became text is no problem: free text has no weight.
      { ...newQuestion(), text: "Anything else?", kind: "text", critical: true, weight: "x" },
    ];
    expect(validateTemplate(draft)).toEqual([]);
    const fields = templateFields(draft);
    expect(fields.name).toBe("Store basics");
    expect(fields.sections[0]!.title).toBe("Welcome");
    expect(fields.sections[0]!.questions[0]).toMatchObject({ weight: 2.5, critical: true });
    // A text answer is never scored, so it cannot be critical, and weighs nothing.
    expect(fields.sections[0]!.questions[1]).toMatchObject({ critical: false, weight: 0 });
    expect(fields.locationKinds).toEqual(["store", "branch"]);
    expect(mysteryTemplateFields.safeParse({ ...fields, archived: false }).success).toBe(true);
    expect(draftFromTemplate(fields).sections[0]!.questions[0]!.weight).toBe("2.5");
  });
});
