import { For, Show } from "solid-js";
import { DESCRIPTION_MAX } from "../../../shared/limits";
import { useApp } from "../context";
import type { MoveWithReason } from "./move-with-reason";
import { LimitNote, limitDescribedBy, textFit } from "./TextLimit";
import { Alert } from "./Alert";

/**
 * The form that asks why, for the move being chosen, and the server's refusal when there is
 * one (announced). `idPrefix` keeps the ids of two such forms on one page apart.
 */
export function ReasonForm<S extends string>(props: { move: MoveWithReason<S>; idPrefix: string; hint: string; label: (to: S) => string }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const move = props.move;
  const id = (part: string) => `${props.idPrefix}-${part}`;
  const fit = () => textFit(i18n, move.reason(), DESCRIPTION_MAX);
  const gateFit = () => textFit(i18n, move.gateReason(), DESCRIPTION_MAX);
  return (
    <>
      <Show when={move.choosing()}>
        {(to) => (
          <form class="stack reason-form" novalidate onSubmit={move.confirm} aria-label={props.label(to())}>
            <div class="field" classList={{ "field-invalid": move.reasonError() !== null || fit().problem !== null }}>
              <label for={id("reason")}>{t("lifecycle.reason")}</label>
              <p id={id("reason-hint")} class="hint">
                {props.hint}
              </p>
              <textarea
                ref={move.setReasonField}
                id={id("reason")}
                rows={3}
                value={move.reason()}
                aria-invalid={move.reasonError() || fit().problem ? "true" : undefined}
                aria-describedby={[id("reason-hint"), move.reasonError() ? id("reason-error") : "", ...limitDescribedBy(id("reason"), fit())].filter(Boolean).join(" ")}
                onInput={(event) => move.setReason(event.currentTarget.value)}
              />
              <Show when={move.reasonError()}>
                <p id={id("reason-error")} class="field-error">
                  {move.reasonError()}
                </p>
              </Show>
              <LimitNote id={id("reason")} fit={fit()} />
            </div>
            <Show when={move.warnings().length > 0}>
              <div class="field" classList={{ "field-invalid": move.gateReasonError() !== null || gateFit().problem !== null }}>
                <div id={id("gates")} class="notice notice-warning">
                  <p>{t("gates.ask")}</p>
                  <ul>
                    <For each={move.warnings()}>{(warning) => <li>{warning}</li>}</For>
                  </ul>
                </div>
                <label for={id("gate-reason")}>{t("gates.reasonLabel")}</label>
                <textarea
                  ref={move.setGateReasonField}
                  id={id("gate-reason")}
                  rows={3}
                  value={move.gateReason()}
                  aria-invalid={move.gateReasonError() || gateFit().problem ? "true" : undefined}
                  aria-describedby={[id("gates"), move.gateReasonError() ? id("gate-reason-error") : "", ...limitDescribedBy(id("gate-reason"), gateFit())].filter(Boolean).join(" ")}
                  onInput={(event) => move.setGateReason(event.currentTarget.value)}
                />
                <Show when={move.gateReasonError()}>
                  <p id={id("gate-reason-error")} class="field-error">
                    {move.gateReasonError()}
                  </p>
                </Show>
                <LimitNote id={id("gate-reason")} fit={gateFit()} />
              </div>
            </Show>
            <div class="button-row">
              <button type="submit" class="button button-primary" aria-disabled={move.busy() ? "true" : undefined}>
                {move.busy() ? t("lifecycle.sending") : t("lifecycle.confirm", { move: props.label(to()) })}
              </button>
              <button type="button" class="button button-secondary" onClick={move.close}>
                {t("common.cancel")}
              </button>
            </div>
          </form>
        )}
      </Show>
      <Alert message={move.refusal()} />
    </>
  );
}
