import { Show } from "solid-js";
import type { ShopScore } from "../../../../shared/mystery/score";
import type { MysteryQuestion } from "../../../../shared/schemas/mystery";
import { useApp } from "../../context";
import { useFormat } from "./records";

/** The running score: a live region, so a screen reader hears it change with each answer. */
export function ScoreBar(props: { score: ShopScore; questions: Map<string, MysteryQuestion> }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const format = useFormat();
  return (
    <div class="score-bar" classList={{ "score-failed": props.score.failed }}>
      <div role="status" aria-live="polite" aria-atomic="true" class="score-live">
        <p class="score-overall">
          {t("mystery.score.overall")} <strong data-testid="shop-score">{format.percent(props.score.percent)}</strong>
        </p>
        <Show when={props.score.failed}>
          <p class="score-fail">
            <strong>{t("mystery.score.failed")}</strong>
            <span class="score-fail-questions">
              {": "}
              {props.score.failedCritical.map((id) => props.questions.get(id)?.text ?? "").join("; ")}
            </span>
          </p>
        </Show>
      </div>
      <p class="score-progress muted">{t("mystery.run.answeredOf", { answered: props.score.answered, questions: props.score.questions })}</p>
    </div>
  );
}
