import "./limit.css";
import { createSignal, Show } from "solid-js";
import { formatNumber } from "../format";
import { useApp } from "../context";
import type { I18n } from "../i18n";

/**
 * Limits as a form shows them (the numbers are in shared/limits.ts): a counter from 80% of a
 * limit on, and past it a refusal, with what was typed left in the field. Never the browser's
 * `maxLength`, which cuts pasted text without a word.
 */

/** From this share of a limit on the counter shows: in time to plan the rest, late enough not to distract. */
export const COUNT_FROM = 0.8;

export type LimitUnit = "characters" | "tags" | "photos";

/** How a value stands against its limit: what counts, and the message refusing it (null: it may be saved). */
export interface Fit {
  count: number;
  max: number;
  unit: LimitUnit;
  problem: string | null;
}

/** Counted as the server's zod `max()` counts: UTF-16 code units. */
export const tooLong = (text: string, max: number) => text.length > max;

export const formatCount = (i18n: I18n, n: number) => formatNumber(n, i18n.language());

/** A text against a limit in characters. */
export function textFit(i18n: I18n, text: string, max: number): Fit {
  return { count: text.length, max, unit: "characters", problem: tooLong(text, max) ? i18n.t("limit.tooLong", { max: formatCount(i18n, max) }) : null };
}

const near = (fit: Fit) => fit.count >= fit.max * COUNT_FROM;

/** The ids of a field's counter and refusal while they show, for its `aria-describedby`. */
export function limitDescribedBy(id: string, fit: Fit | null | undefined): string[] {
  if (!fit) return [];
  return [near(fit) ? `${id}-count` : "", fit.problem ? `${id}-limit` : ""].filter(Boolean);
}

/**
 * The counter ("4,612 / 5,000 characters") and, past the limit, the refusal, under a field
 * whose id is `id`. The counter is a polite live region (heard without interrupting typing);
 * the refusal is an alert and does not change while typing goes on, so it is said once.
 */
export function LimitNote(props: { id: string; fit: Fit }) {
  const { i18n } = useApp();
  return (
    <>
      <p id={`${props.id}-count`} class="field-count" classList={{ "field-count-over": props.fit.count > props.fit.max }} aria-live="polite">
        <Show when={near(props.fit)}>{i18n.t(`limit.count.${props.fit.unit}`, { count: formatCount(i18n, props.fit.count), max: formatCount(i18n, props.fit.max) })}</Show>
      </p>
      <div role="alert">
        <Show when={props.fit.problem}>
          {(problem) => (
            <p id={`${props.id}-limit`} class="field-error">
              {problem()}
            </p>
          )}
        </Show>
      </div>
    </>
  );
}

/**
 * A plain text control (labelled by the caller) committed when it is left, as long as it fits
 * its limit; a longer text stays in the field with the refusal and is not committed.
 */
export function CommitText(props: {
  id: string;
  value: string;
  limit: number;
  multiline?: boolean;
  rows?: number;
  readOnly?: boolean;
  /** Called with a text that fits, when the field is left after a change. */
  onCommit: (text: string) => void;
}) {
  const { i18n } = useApp();
  const [draft, setDraft] = createSignal(props.value);
  const fit = () => textFit(i18n, draft(), props.limit);
  const attrs = () => ({
    id: props.id,
    value: props.value,
    readOnly: props.readOnly,
    "aria-invalid": fit().problem ? ("true" as const) : undefined,
    "aria-describedby": limitDescribedBy(props.id, fit()).join(" ") || undefined,
    onInput: (event: { currentTarget: { value: string } }) => setDraft(event.currentTarget.value),
    onChange: (event: { currentTarget: { value: string } }) => {
      if (!tooLong(event.currentTarget.value, props.limit)) props.onCommit(event.currentTarget.value);
    },
  });
  return (
    <>
      <Show when={props.multiline} fallback={<input type="text" {...attrs()} />}>
        <textarea rows={props.rows ?? 2} {...attrs()} />
      </Show>
      <Show when={!props.readOnly}>
        <LimitNote id={props.id} fit={fit()} />
      </Show>
    </>
  );
}
