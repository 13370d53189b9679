import { canCreate } from "../../../../shared/permissions";
import { LINE_MAX, MAX_QUESTION_WEIGHT, MAX_QUESTIONS, MAX_SECTIONS, TITLE_MAX } from "../../../../shared/limits";
import type { Role } from "../../../../shared/roles";
import type { MysteryQuestion, MysterySection, MysteryTemplateFields } from "../../../../shared/schemas/mystery";
import { CHANNEL_LOCATION_KINDS } from "../../../../shared/defaults";
import { LOCATION_KINDS, type LocationKind } from "../../../../shared/enums";

/** The limits of shared/schemas/mystery.ts, checked here before anything is saved. */
export const LIMITS = { name: TITLE_MAX, title: TITLE_MAX, text: LINE_MAX, sections: MAX_SECTIONS, questions: MAX_QUESTIONS, weightMax: MAX_QUESTION_WEIGHT } as const;

export type Channel = MysteryTemplateFields["channel"];

/** A template as the editor holds it: the stored fields, with the weight as typed (it may be half-typed). */
export interface TemplateDraft {
  name: string;
  channel: Channel;
  /** Where shops with it may be run (see shared/mystery/fit.ts). */
  locationKinds: LocationKind[];
  sections: SectionDraft[];
}
export interface SectionDraft {
  id: string;
  title: string;
  questions: QuestionDraft[];
}
export type QuestionDraft = Omit<MysteryQuestion, "weight"> & { weight: string };

export const canEditTemplates = (role: Role) => canCreate({ id: "", role }, "mystery_template").ok;
export const canRunShops = (role: Role) => canCreate({ id: "", role }, "mystery_shop").ok;

export function newQuestion(): QuestionDraft {
  return { id: crypto.randomUUID(), text: "", kind: "yes_no", weight: "1", naAllowed: true, critical: false };
}

export function newSection(): SectionDraft {
  return { id: crypto.randomUUID(), title: "", questions: [newQuestion()] };
}

export function emptyDraft(): TemplateDraft {
  return { name: "", channel: "store", locationKinds: [...CHANNEL_LOCATION_KINDS.store], sections: [newSection()] };
}

/**
 * The editor's copy of a stored template; missing parts (a record still syncing) get defaults. A
 * template from before templates named their location kinds is offered its channel's: saving it
 * keeps a store visit out of the app from then on.
 */
export function draftFromTemplate(template: Partial<MysteryTemplateFields>): TemplateDraft {
  const channel = template.channel ?? "store";
  return {
    name: template.name ?? "",
    channel,
    locationKinds: [...(template.locationKinds ?? CHANNEL_LOCATION_KINDS[channel])],
    sections: (template.sections ?? []).map((section) => ({
      id: section.id,
      title: section.title,
      questions: section.questions.map((question) => ({ ...question, weight: String(question.weight) })),
    })),
  };
}

/** The list with the element at `index` moved by `delta` places; unchanged when it would leave the list. */
export function moved<T>(list: readonly T[], index: number, delta: number): T[] {
  const target = index + delta;
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return [...list];
  const copy = [...list];
  const [item] = copy.splice(index, 1);
  copy.splice(target, 0, item as T);
  return copy;
}

/**
 * The kinds after the channel changed: the new channel's usual kinds when the chosen ones were
 * the old channel's usual ones (nobody chose them), else the chosen ones, left as they were.
 */
export function kindsForChannel(current: readonly LocationKind[], from: Channel, to: Channel): LocationKind[] {
  const usual = CHANNEL_LOCATION_KINDS[from];
  const untouched = current.length === usual.length && usual.every((kind) => current.includes(kind));
  return [...(untouched ? CHANNEL_LOCATION_KINDS[to] : current)];
}

/** The kinds with one added or removed, in the order the screens list kinds. */
export function toggledKind(current: readonly LocationKind[], kind: LocationKind, on: boolean): LocationKind[] {
  return LOCATION_KINDS.filter((k) => (k === kind ? on : current.includes(k)));
}

/** A weight as typed ("2", "1,5", " 3 "), or null when it is not a number from 0 to 100. */
export function parseWeight(text: string): number | null {
  const trimmed = text.trim().replace(",", ".");
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= 0 && value <= LIMITS.weightMax ? value : null;
}

export type TemplateIssueCode = "required" | "tooLong" | "weight" | "noQuestions" | "tooMany" | "noKinds";

/** A problem with one field of the draft; `path` is the id of the control that shows it. */
export interface TemplateIssue {
  path: string;
  code: TemplateIssueCode;
}

/** Ids of the editor's controls, shared by the editor and the issues that point at them. */
export const controlId = {
  name: "template-name",
  channel: "template-channel",
  /** The location-kind checkboxes are `template-kinds-<kind>`; an issue points at the first. */
  locationKinds: "template-kinds",
  sectionTitle: (sectionId: string) => `section-${sectionId}-title`,
  questionText: (questionId: string) => `question-${questionId}-text`,
  questionWeight: (questionId: string) => `question-${questionId}-weight`,
  addSection: "template-add-section",
  addQuestion: (sectionId: string) => `section-${sectionId}-add-question`,
};

/** Every problem that would stop the template being saved, in the order of the form. */
export function validateTemplate(draft: TemplateDraft): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  const text = (path: string, value: string, max: number) => {
    if (!value.trim()) issues.push({ path, code: "required" });
    else if (value.trim().length > max) issues.push({ path, code: "tooLong" });
  };
  text(controlId.name, draft.name, LIMITS.name);
  if (draft.locationKinds.length === 0) issues.push({ path: `${controlId.locationKinds}-${LOCATION_KINDS[0]}`, code: "noKinds" });
  if (draft.sections.length > LIMITS.sections) issues.push({ path: controlId.addSection, code: "tooMany" });
  for (const section of draft.sections) {
    text(controlId.sectionTitle(section.id), section.title, LIMITS.title);
    if (section.questions.length > LIMITS.questions) issues.push({ path: controlId.addQuestion(section.id), code: "tooMany" });
    for (const question of section.questions) {
      text(controlId.questionText(question.id), question.text, LIMITS.text);
      // A free-text question has no weight to check: it is not scored.
      if (question.kind !== "text" && parseWeight(question.weight) === null) issues.push({ path: controlId.questionWeight(question.id), code: "weight" });
    }
  }
  if (!draft.sections.some((section) => section.questions.length > 0)) issues.push({ path: controlId.addSection, code: "noQuestions" });
  return issues;
}

/** The fields to store for a valid draft: trimmed texts, numeric weights (none for free text). */
export function templateFields(draft: TemplateDraft): Pick<MysteryTemplateFields, "name" | "channel" | "locationKinds" | "sections"> {
  const sections: MysterySection[] = draft.sections.map((section) => ({
    id: section.id,
    title: section.title.trim(),
    questions: section.questions.map((question) => ({
      id: question.id,
      text: question.text.trim(),
      kind: question.kind,
      weight: question.kind === "text" ? 0 : (parseWeight(question.weight) ?? 0),
      naAllowed: question.naAllowed,
      // A text answer is never scored, so it cannot fail the shop either.
      critical: question.kind === "text" ? false : question.critical,
    })),
  }));
  return { name: draft.name.trim(), channel: draft.channel, locationKinds: LOCATION_KINDS.filter((kind) => draft.locationKinds.includes(kind)), sections };
}

export const questionCount = (sections: readonly { questions: readonly unknown[] }[] | undefined) =>
  (sections ?? []).reduce((sum, section) => sum + section.questions.length, 0);
