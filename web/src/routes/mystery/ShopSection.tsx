import { For, Show } from "solid-js";
import type { SectionScore } from "../../../../shared/mystery/score";
import type { MysterySection } from "../../../../shared/schemas/mystery";
import { EmptyState } from "../../components/Status";
import { useApp } from "../../context";
import type { Entity } from "../../data/local/types";
import { QuestionCard } from "./QuestionCard";
import { useFormat } from "./records";
import type { ShopAnswers } from "./shop-answers";

/** One section of a running shop: its score so far and its questions. */
export function ShopSection(props: {
  section: MysterySection;
  score: SectionScore | undefined;
  shop: Entity<"mystery_shop">;
  answers: ShopAnswers;
  disabled: boolean;
  failedCritical: readonly string[];
}) {
  const { t } = useApp().i18n;
  const format = useFormat();
  const headingId = `shop-section-${props.section.id}`;
  return (
    <section class="shop-section" aria-labelledby={headingId}>
      <div class="shop-section-head">
        <h2 id={headingId}>{props.section.title}</h2>
        <p class="section-score">
          {t("mystery.run.sectionScore", { score: format.percent(props.score?.percent) })}
          {/* Free-text questions are never "unanswered": the count is of the scored ones. */}
          <Show when={(props.score?.questions ?? 0) > 0}>
            <span class="muted">
              {" · "}
              {t("mystery.run.answeredOf", { answered: props.score?.answered ?? 0, questions: props.score?.questions ?? 0 })}
            </span>
          </Show>
        </p>
      </div>
      <Show when={props.section.questions.length > 0} fallback={<EmptyState text={t("mystery.run.noQuestions")} />}>
        <ol class="questions">
          <For each={props.section.questions}>
            {(question) => (
              <QuestionCard
                question={question}
                answer={props.answers.answers()[question.id]}
                disabled={props.disabled}
                failed={props.failedCritical.includes(question.id)}
                shop={props.shop}
                onAnswer={(value, na) => props.answers.answer(question, value, na)}
                onClear={() => props.answers.clear(question.id)}
                onNote={(note) => props.answers.note(question.id, note)}
                onBlur={props.answers.flushPending}
              />
            )}
          </For>
        </ol>
      </Show>
    </section>
  );
}
