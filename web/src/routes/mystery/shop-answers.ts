import { createEffect, createSignal, on, onCleanup, type Accessor } from "solid-js";
import type { MysteryQuestion } from "../../../../shared/schemas/mystery";
import { useApp } from "../../context";
import { useLocal } from "../../data/local/context";
import { withAnswer, withNote, withoutAnswer, type Answers, type AnswerValue } from "./shop";

const TEXT_SAVE_DELAY_MS = 500;

export interface ShopAnswers {
  answers: Accessor<Answers>;
  answer(question: MysteryQuestion, value: AnswerValue, na: boolean): void;
  clear(questionId: string): void;
  note(questionId: string, note: string): void;
  /** Writes a text answer still waiting for typing to pause. */
  flushPending(): void;
  /** Writes what is pending and waits for every write so far. */
  settle(): Promise<unknown>;
}

/**
 * A running shop's answers, written to the device store one after another. The screen's answers
 * lead; the stored record catches up with each write. While writes are on their way (or a text
 * answer waits for typing to pause), a refresh must not overwrite them.
 */
export function createShopAnswers(shopId: string, stored: Accessor<Answers | undefined>): ShopAnswers {
  const { i18n, toaster } = useApp();
  const local = useLocal();
  const [answers, setAnswers] = createSignal<Answers>(stored() ?? {});
  let inFlight = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writes: Promise<unknown> = Promise.resolve();
  createEffect(
    on(
      stored,
      (answers) => {
        if (inFlight === 0 && timer === undefined) setAnswers(answers ?? {});
      },
      { defer: true },
    ),
  );

  function flush() {
    clearTimeout(timer);
    timer = undefined;
    const snapshot = answers();
    inFlight++;
    writes = writes
      .then(() => local.store.change("mystery_shop", shopId, { answers: snapshot }))
      .catch(() => toaster.show(i18n.t("mystery.saveFailed"), { tone: "error" }))
      .finally(() => inFlight--);
    return writes;
  }
  function commit(next: Answers, delay = 0) {
    setAnswers(next);
    clearTimeout(timer);
    timer = undefined;
    if (delay > 0) timer = setTimeout(() => void flush(), delay);
    else void flush();
  }
  const flushPending = () => {
    if (timer !== undefined) void flush();
  };
  window.addEventListener("pagehide", flushPending);
  onCleanup(() => {
    window.removeEventListener("pagehide", flushPending);
    flushPending();
  });

  return {
    answers,
    answer: (question, value, na) =>
      commit(
        // An emptied text answer is no answer at all, also for the "answered" count.
        value === "" ? withoutAnswer(answers(), question.id) : withAnswer(answers(), question.id, value, na),
        question.kind === "text" ? TEXT_SAVE_DELAY_MS : 0,
      ),
    clear: (questionId) => commit(withoutAnswer(answers(), questionId)),
    note: (questionId, note) => commit(withNote(answers(), questionId, note), TEXT_SAVE_DELAY_MS),
    flushPending,
    settle: () => {
      flushPending();
      return writes;
    },
  };
}
