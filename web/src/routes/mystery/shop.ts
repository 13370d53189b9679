import { scoreShop } from "../../../../shared/mystery/score";
import type { MysteryAnswer, MysteryQuestion } from "../../../../shared/schemas/mystery";

export type Answers = Record<string, MysteryAnswer>;
export type AnswerValue = MysteryAnswer["value"];

/** The answers with one question's value (or n/a) set; its note stays. */
export function withAnswer(answers: Answers, questionId: string, value: AnswerValue, na = false): Answers {
  const note = answers[questionId]?.note;
  const answer: MysteryAnswer = { value: na ? null : value, na };
  if (note) answer.note = note;
  return { ...answers, [questionId]: answer };
}

/** The answers with one question's note set; an empty note is left out. */
export function withNote(answers: Answers, questionId: string, note: string): Answers {
  const current = answers[questionId] ?? { value: null, na: false };
  const answer: MysteryAnswer = { value: current.value, na: current.na };
  if (note.trim()) answer.note = note;
  return { ...answers, [questionId]: answer };
}

/** The answers without one question's value (its note stays, if any). */
export function withoutAnswer(answers: Answers, questionId: string): Answers {
  const note = answers[questionId]?.note;
  const next = { ...answers };
  if (note) next[questionId] = { value: null, na: false, note };
  else delete next[questionId];
  return next;
}

export const hasAnswer = (answer: MysteryAnswer | undefined) => Boolean(answer && (answer.na || (answer.value !== null && answer.value !== "")));

/** Whether this answer fails a critical question, by the scoring rules themselves. */
export function failsCritical(question: MysteryQuestion, answer: MysteryAnswer | undefined): boolean {
  if (!answer) return false;
  return scoreShop([{ id: question.id, title: "", questions: [question] }], { [question.id]: answer }).failed;
}

/** Severity a finding from this answer starts with: 4 when it fails a critical question, else 3. */
export const defaultSeverity = (question: MysteryQuestion, answer: MysteryAnswer | undefined) => (failsCritical(question, answer) ? 4 : 3);

/**
 * What the customer saw, as a finding starts: the question, the answer given and the note.
 * `answerText` is the answer in the interface language ("No", "2 of 5"), or null when none was given.
 */
export function findingText(question: MysteryQuestion, answerText: string | null, note: string | undefined): string {
  const lines = [question.text.trim()];
  if (answerText) lines[0] = `${lines[0]} — ${answerText}`;
  if (note?.trim()) lines.push(note.trim());
  return lines.join("\n");
}
