import type { MysteryAnswer, MysteryQuestion, MysterySection } from "../schemas/mystery";

export interface SectionScore {
  sectionId: string;
  /** Weighted percentage 0–100 over the answered, applicable, scored questions; null when none. */
  percent: number | null;
  /** Scored questions (yes/no, scale) answered or marked n/a, and how many there are: free text counts in neither. */
  answered: number;
  questions: number;
}

export interface ShopScore {
  sections: SectionScore[];
  percent: number | null;
  /** Critical questions answered as a failure: any one fails the whole shop. */
  failedCritical: string[];
  failed: boolean;
  answered: number;
  questions: number;
}

/** Points a question earns, 0–1; null when it does not count (n/a, unanswered, text). */
function points(question: MysteryQuestion, answer: MysteryAnswer | undefined): number | null {
  if (!answer || answer.na || answer.value === null) return null;
  if (question.kind === "yes_no" && typeof answer.value === "boolean") return answer.value ? 1 : 0;
  if (question.kind === "scale" && typeof answer.value === "number") return (answer.value - 1) / 4;
  return null;
}

/** A critical yes/no fails on "no"; a critical scale fails below the middle (1 or 2). */
function failsCritical(question: MysteryQuestion, answer: MysteryAnswer | undefined) {
  if (!question.critical || !answer || answer.na || answer.value === null) return false;
  if (question.kind === "yes_no") return answer.value === false;
  if (question.kind === "scale") return typeof answer.value === "number" && answer.value < 3;
  return false;
}

const isAnswered = (answer: MysteryAnswer | undefined) => Boolean(answer && (answer.na || answer.value !== null));

/** A free-text question is a remark, not a measure: it has no weight and is never "unanswered". */
export const isScored = (question: Pick<MysteryQuestion, "kind">) => question.kind !== "text";

/**
 * Scores a mystery shop as it is being filled in: weighted percentage per section and
 * overall, with n/a (and not yet answered) questions out of numerator and denominator.
 */
export function scoreShop(sections: MysterySection[], answers: Record<string, MysteryAnswer>): ShopScore {
  let earned = 0;
  let possible = 0;
  let answered = 0;
  let questions = 0;
  const failedCritical: string[] = [];
  const sectionScores = sections.map((section) => {
    let sectionEarned = 0;
    let sectionPossible = 0;
    let sectionAnswered = 0;
    const scored = section.questions.filter(isScored);
    for (const question of scored) {
      const answer = answers[question.id];
      if (isAnswered(answer)) sectionAnswered++;
      if (failsCritical(question, answer)) failedCritical.push(question.id);
      const got = points(question, answer);
      if (got === null || question.weight === 0) continue;
      sectionEarned += got * question.weight;
      sectionPossible += question.weight;
    }
    earned += sectionEarned;
    possible += sectionPossible;
    answered += sectionAnswered;
    questions += scored.length;
    return {
      sectionId: section.id,
      percent: sectionPossible > 0 ? (100 * sectionEarned) / sectionPossible : null,
      answered: sectionAnswered,
      questions: scored.length,
    };
  });
  return {
    sections: sectionScores,
    percent: possible > 0 ? (100 * earned) / possible : null,
    failedCritical,
    failed: failedCritical.length > 0,
    answered,
    questions,
  };
}
