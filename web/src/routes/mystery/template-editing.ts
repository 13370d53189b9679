import { createSignal } from "solid-js";
import { createStore, produce } from "solid-js/store";
import { useApp } from "../../context";
import type { MessageKey } from "../../i18n";
import { controlId, moved, newQuestion, newSection, validateTemplate, type QuestionDraft, type TemplateDraft, type TemplateIssue, type TemplateIssueCode } from "./template";

const ISSUE_TEXT: Record<TemplateIssueCode, MessageKey> = {
  required: "issue.required",
  tooLong: "mystery.editor.tooLong",
  weight: "mystery.editor.weightInvalid",
  noQuestions: "mystery.editor.noQuestions",
  tooMany: "mystery.editor.tooMany",
  noKinds: "mystery.editor.noKinds",
};

/**
 * The template being edited and every change the form makes to it: each change is announced in
 * the form's live region and puts the focus where work goes on.
 */
export function createTemplateEditing(initial: TemplateDraft) {
  const { t } = useApp().i18n;
  // The draft starts from the template once; later refreshes of the stored one do not reset it.
  const [draft, setDraft] = createStore<TemplateDraft>(structuredClone(initial));
  const [issues, setIssues] = createSignal<TemplateIssue[]>([]);
  const [announcement, setAnnouncement] = createSignal("");

  const issue = (path: string) => {
    const found = issues().find((i) => i.path === path);
    return found ? t(ISSUE_TEXT[found.code]) : undefined;
  };
  const focusSoon = (id: string) => queueMicrotask(() => document.getElementById(id)?.focus());
  const announce = (text: string) => {
    // Clearing first makes a repeated message ("moved to position 2" twice) be read again.
    setAnnouncement("");
    queueMicrotask(() => setAnnouncement(text));
  };
  // Edits clear the issue of the field being corrected, so the message does not linger.
  const clearIssue = (path: string) => issues().some((i) => i.path === path) && setIssues((list) => list.filter((i) => i.path !== path));

  function addSection() {
    const section = newSection();
    setDraft("sections", (list) => [...list, section]);
    clearIssue(controlId.addSection);
    announce(t("mystery.editor.sectionAdded", { number: draft.sections.length }));
    focusSoon(controlId.sectionTitle(section.id));
  }
  function removeSection(index: number) {
    const next = draft.sections[index + 1] ?? draft.sections[index - 1];
    setDraft("sections", (list) => list.filter((_, i) => i !== index));
    announce(t("mystery.editor.sectionRemoved", { number: index + 1 }));
    focusSoon(next ? controlId.sectionTitle(next.id) : controlId.addSection);
  }
  function moveSection(index: number, delta: -1 | 1) {
    const section = draft.sections[index];
    if (!section) return;
    setDraft("sections", (list) => moved(list, index, delta));
    const position = index + delta;
    announce(t("mystery.editor.sectionMoved", { number: position + 1 }));
    const canGoOn = delta < 0 ? position > 0 : position < draft.sections.length - 1;
    focusSoon(`section-${section.id}-${(delta < 0) === canGoOn ? "up" : "down"}`);
  }
  function addQuestion(sectionIndex: number) {
    const question = newQuestion();
    setDraft("sections", sectionIndex, "questions", (list) => [...list, question]);
    clearIssue(controlId.addSection);
    announce(t("mystery.editor.questionAdded", { number: draft.sections[sectionIndex]?.questions.length ?? 0 }));
    focusSoon(controlId.questionText(question.id));
  }
  function removeQuestion(sectionIndex: number, index: number) {
    const questions = draft.sections[sectionIndex]?.questions ?? [];
    const next = questions[index + 1] ?? questions[index - 1];
    const section = draft.sections[sectionIndex];
    setDraft("sections", sectionIndex, "questions", (list) => list.filter((_, i) => i !== index));
    announce(t("mystery.editor.questionRemoved", { number: index + 1 }));
    focusSoon(next ? controlId.questionText(next.id) : section ? controlId.addQuestion(section.id) : controlId.addSection);
  }
  function moveQuestion(sectionIndex: number, index: number, delta: -1 | 1) {
    const question = draft.sections[sectionIndex]?.questions[index];
    if (!question) return;
    setDraft("sections", sectionIndex, "questions", (list) => moved(list, index, delta));
    const position = index + delta;
    announce(t("mystery.editor.questionMoved", { number: position + 1 }));
    const count = draft.sections[sectionIndex]?.questions.length ?? 0;
    const canGoOn = delta < 0 ? position > 0 : position < count - 1;
    focusSoon(`question-${question.id}-${(delta < 0) === canGoOn ? "up" : "down"}`);
  }
  function updateQuestion(sectionIndex: number, index: number, change: Partial<QuestionDraft>) {
    setDraft(
      "sections",
      sectionIndex,
      "questions",
      index,
      produce((question) => Object.assign(question, change)),
    );
  }

  /** Checks the whole draft: shows every problem, focuses the first, and answers how many there are. */
  function check(): number {
    const found = validateTemplate(draft);
    setIssues(found);
    if (found.length > 0) focusSoon(found[0]!.path);
    return found.length;
  }

  return { draft, setDraft, issue, clearIssue, announcement, addSection, removeSection, moveSection, addQuestion, removeQuestion, moveQuestion, updateQuestion, check };
}

export type TemplateEditing = ReturnType<typeof createTemplateEditing>;
