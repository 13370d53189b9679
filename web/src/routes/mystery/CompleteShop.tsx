import { createSignal, Show } from "solid-js";
import { useApp } from "../../context";

/**
 * Completing the shop: at once when every question has an answer, otherwise after saying how
 * many are left. `onComplete` answers whether the shop was completed.
 */
export function CompleteShop(props: { unanswered: number; onComplete: () => Promise<boolean>; buttonRef: (button: HTMLButtonElement) => void }) {
  const { t } = useApp().i18n;
  const [confirming, setConfirming] = createSignal(false);
  let completeButton: HTMLButtonElement | undefined;
  const complete = async () => {
    if (await props.onComplete()) setConfirming(false);
  };
  return (
    <section class="card" aria-labelledby="shop-complete-heading">
      <h2 id="shop-complete-heading">{t("mystery.run.completeHeading")}</h2>
      <p class="muted">{t("mystery.run.completeText")}</p>
      <Show
        when={confirming()}
        fallback={
          <button
            type="button"
            class="button button-primary"
            ref={(button) => {
              completeButton = button;
              props.buttonRef(button);
            }}
            onClick={() => {
              if (props.unanswered > 0) {
                setConfirming(true);
                queueMicrotask(() => document.getElementById("shop-confirm-complete")?.focus());
              } else void complete();
            }}
          >
            {t("mystery.run.complete")}
          </button>
        }
      >
        <div class="confirm" role="group" aria-labelledby="shop-confirm-text">
          <p id="shop-confirm-text">{t("mystery.run.confirmUnanswered", { count: props.unanswered })}</p>
          <div class="button-row">
            <button type="button" id="shop-confirm-complete" class="button" onClick={() => void complete()}>
              {t("mystery.run.completeAnyway")}
            </button>
            <button
              type="button"
              class="button button-secondary"
              onClick={() => {
                setConfirming(false);
                queueMicrotask(() => completeButton?.focus());
              }}
            >
              {t("mystery.run.keepAnswering")}
            </button>
          </div>
        </div>
      </Show>
    </section>
  );
}
