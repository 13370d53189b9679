import { For, Show, type JSX } from "solid-js";
import { DESCRIPTION_MAX } from "../../../shared/limits";
import { useApp } from "../context";
import type { MoveWithReason } from "./move-with-reason";
import { LimitNote, limitDescribedBy, textFit } from "./TextLimit";
import { Alert } from "./Alert";

/**
 * The form that asks why, for the move being chosen, and the server's refusal when there is
 * one (announced). A move past warnings (an experiment's win past its gates) asks a second
 * reason under them. `idPrefix` keeps the ids of two such forms on one page apart.
 */
export function ReasonForm<S extends string>(props: { move: MoveWithReason<S>; idPrefix: string; hint: string; label: (to: S) => string }) {
  const { t } = useApp().i18n;
  const move = props.move;
  const id = (part: string) => `${props.idPrefix}-${part}`;
  return (
    <>
      <Show when={move.choosing()}>
        {(to) => (
          <form class="stack reason-form" novalidate onSubmit={move.confirm} aria-label={props.label(to())}>
            <ReasonField id={id("reason")} label={t("lifecycle.reason")} describedBy={id("reason-hint")} value={move.reason()} error={move.reasonError()} onInput={move.setReason} ref={move.setReasonField}>
              <p id={id("reason-hint")} class="hint">
                {props.hint}
              </p>
            </ReasonField>
            <Show when={move.warnings().length > 0}>
              <div id={id("gates")} class="notice notice-warning">
                <p>{t("gates.ask")}</p>
                <ul>
                  <For each={move.warnings()}>{(warning) => <li>{warning}</li>}</For>
                </ul>
              </div>
              <ReasonField id={id("gate-reason")} label={t("gates.reasonLabel")} describedBy={id("gates")} value={move.gateReason()} error={move.gateReasonError()} onInput={move.setGateReason} ref={move.setGateReasonField} />
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

/** One reason to type: its label, what describes it (`children` under the label), its error and its length limit. */
function ReasonField(props: {
  id: string;
  label: string;
  describedBy: string;
  value: string;
  error: string | null;
  onInput: (text: string) => void;
  ref: (element: HTMLTextAreaElement) => void;
  children?: JSX.Element;
}) {
  const { i18n } = useApp();
  const fit = () => textFit(i18n, props.value, DESCRIPTION_MAX);
  return (
    <div class="field" classList={{ "field-invalid": props.error !== null || fit().problem !== null }}>
      <label for={props.id}>{props.label}</label>
      {props.children}
      <textarea
        ref={props.ref}
        id={props.id}
        rows={3}
        value={props.value}
        aria-invalid={props.error || fit().problem ? "true" : undefined}
        aria-describedby={[props.describedBy, props.error ? `${props.id}-error` : "", ...limitDescribedBy(props.id, fit())].filter(Boolean).join(" ")}
        onInput={(event) => props.onInput(event.currentTarget.value)}
      />
      <Show when={props.error}>
        <p id={`${props.id}-error`} class="field-error">
          {props.error}
        </p>
      </Show>
      <LimitNote id={props.id} fit={fit()} />
    </div>
  );
}
