import { createSignal, For, Show } from "solid-js";
import { TEXT_MAX } from "../../../../shared/limits";
import type { MysteryAnswer, MysteryQuestion } from "../../../../shared/schemas/mystery";
import { isScored } from "../../../../shared/mystery/score";
import { limitDescribedBy, LimitNote, textFit, type Fit } from "../../components/TextLimit";
import { useApp } from "../../context";
import type { Entity } from "../../data/local/types";
import { RaiseFinding } from "./RaiseFinding";
import { hasAnswer, type AnswerValue } from "./shop";

export function QuestionCard(props: {
  question: MysteryQuestion;
  answer: MysteryAnswer | undefined;
  disabled: boolean;
  failed: boolean;
  shop: Entity<"mystery_shop">;
  onAnswer: (value: AnswerValue, na: boolean) => void;
  onClear: () => void;
  onNote: (note: string) => void;
  onBlur: () => void;
}) {
  const { i18n } = useApp();
  const { t } = i18n;
  const q = props.question;
  const base = `q-${q.id}`;
  const [noteOpen, setNoteOpen] = createSignal(Boolean(props.answer?.note));
  const [raising, setRaising] = createSignal(false);
  // A text over its limit stays in the field with the refusal and is not saved: the server would
  // refuse the whole answers map with it, and every answer after it.
  const [answerFit, setAnswerFit] = createSignal<Fit>(textFit(i18n, typeof props.answer?.value === "string" ? props.answer.value : "", TEXT_MAX));
  const [noteFit, setNoteFit] = createSignal<Fit>(textFit(i18n, props.answer?.note ?? "", TEXT_MAX));
  function typed(text: string, setFit: (fit: Fit) => void, save: (text: string) => void) {
    const fit = textFit(i18n, text, TEXT_MAX);
    setFit(fit);
    if (!fit.problem) save(text);
  }
  let raiseButton: HTMLButtonElement | undefined;

  const options = (): { key: string; label: string; value: AnswerValue; na: boolean }[] => {
    const list: { key: string; label: string; value: AnswerValue; na: boolean }[] =
      q.kind === "yes_no"
        ? [
            { key: "yes", label: t("mystery.answer.yes"), value: true, na: false },
            { key: "no", label: t("mystery.answer.no"), value: false, na: false },
          ]
        : [1, 2, 3, 4, 5].map((n) => ({ key: String(n), label: String(n), value: n, na: false }));
    if (q.naAllowed) list.push({ key: "na", label: t("mystery.answer.na"), value: null, na: true });
    return list;
  };
  const isChosen = (option: { value: AnswerValue; na: boolean }) =>
    Boolean(props.answer && (option.na ? props.answer.na : !props.answer.na && props.answer.value === option.value));

  const details = () => (
    <p class="question-meta" id={`${base}-meta`}>
      <Show when={q.critical}>
        <span class="badge badge-danger">{t("mystery.question.criticalBadge")}</span>{" "}
      </Show>
      <span class="muted">{isScored(q) ? t("mystery.question.weightIs", { weight: q.weight }) : t("mystery.question.notScored")}</span>
      <Show when={q.kind === "scale"}>
        <span class="muted"> · {t("mystery.answer.scaleHint")}</span>
      </Show>
    </p>
  );

  return (
    <li class="question card" classList={{ "question-failed": props.failed }}>
      <Show
        when={q.kind !== "text"}
        fallback={
          <div class="field">
            <label for={`${base}-text`} class="question-text">
              {q.text}
            </label>
            {details()}
            <textarea
              id={`${base}-text`}
              rows={3}
              disabled={props.disabled || props.answer?.na === true}
              aria-describedby={[`${base}-meta`, ...limitDescribedBy(`${base}-text`, answerFit())].join(" ")}
              aria-invalid={answerFit().problem ? true : undefined}
              value={typeof props.answer?.value === "string" ? props.answer.value : ""}
              onInput={(event) => typed(event.currentTarget.value, setAnswerFit, (text) => props.onAnswer(text, false))}
              onBlur={() => props.onBlur()}
            />
            <LimitNote id={`${base}-text`} fit={answerFit()} />
            <Show when={q.naAllowed}>
              <div class="check-field">
                <input
                  id={`${base}-na`}
                  type="checkbox"
                  disabled={props.disabled}
                  checked={props.answer?.na === true}
                  onChange={(event) => (event.currentTarget.checked ? props.onAnswer(null, true) : props.onClear())}
                />
                <label for={`${base}-na`}>{t("mystery.answer.naLong")}</label>
              </div>
            </Show>
          </div>
        }
      >
        <fieldset class="answer-group" disabled={props.disabled} aria-describedby={`${base}-meta`}>
          <legend class="question-text">
            {q.text}
            <Show when={props.failed}>
              <span class="visually-hidden"> ({t("mystery.score.failed")})</span>
            </Show>
          </legend>
          {details()}
          <div class="answer-options" classList={{ "answer-scale": q.kind === "scale" }}>
            <For each={options()}>
              {(option) => (
                <span class="answer-option">
                  <input
                    type="radio"
                    id={`${base}-${option.key}`}
                    name={base}
                    checked={isChosen(option)}
                    onChange={() => props.onAnswer(option.value, option.na)}
                  />
                  <label for={`${base}-${option.key}`}>
                    {/* The tick shows the choice without colour; the radio's own state tells assistive technology. */}
                    <span class="answer-tick" aria-hidden="true">
                      ✓{" "}
                    </span>
                    {option.label}
                  </label>
                </span>
              )}
            </For>
          </div>
        </fieldset>
      </Show>

      <Show when={noteOpen()}>
        <div class="field question-note">
          <label for={`${base}-note`}>{t("mystery.question.note")}</label>
          <textarea
            id={`${base}-note`}
            rows={2}
            disabled={props.disabled}
            aria-describedby={limitDescribedBy(`${base}-note`, noteFit()).join(" ") || undefined}
            aria-invalid={noteFit().problem ? true : undefined}
            value={props.answer?.note ?? ""}
            onInput={(event) => typed(event.currentTarget.value, setNoteFit, props.onNote)}
            onBlur={() => props.onBlur()}
          />
          <LimitNote id={`${base}-note`} fit={noteFit()} />
        </div>
      </Show>

      <div class="button-row question-actions">
        <Show when={!noteOpen() && !props.disabled}>
          <button
            type="button"
            class="button button-small button-quiet"
            onClick={() => {
              setNoteOpen(true);
              queueMicrotask(() => document.getElementById(`${base}-note`)?.focus());
            }}
          >
            {t("mystery.question.addNote")}
            <span class="visually-hidden">: {q.text}</span>
          </button>
        </Show>
        <Show when={hasAnswer(props.answer) && !props.disabled && q.kind !== "text"}>
          <button type="button" class="button button-small button-quiet" onClick={() => props.onClear()}>
            {t("mystery.question.clear")}
            <span class="visually-hidden">: {q.text}</span>
          </button>
        </Show>
        <Show when={!raising()}>
          <button
            type="button"
            class="button button-small button-secondary"
            ref={raiseButton}
            aria-expanded="false"
            onClick={() => setRaising(true)}
          >
            {t("mystery.finding.raise")}
            <span class="visually-hidden">: {q.text}</span>
          </button>
        </Show>
      </div>

      <Show when={raising()}>
        <RaiseFinding
          shop={props.shop}
          question={q}
          answer={props.answer}
          onClose={() => {
            setRaising(false);
            queueMicrotask(() => raiseButton?.focus());
          }}
        />
      </Show>
    </li>
  );
}
