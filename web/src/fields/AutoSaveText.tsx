// The big-input style is in the capture stylesheet, with the rest of the one-hand capture look.
import "../capture/capture.css";
import { createEffect, createMemo, createSignal, on, onCleanup, Show } from "solid-js";
import { LimitNote, limitDescribedBy, textFit, type Fit } from "../components/TextLimit";
import { useApp } from "../context";
import { Hint, hintId } from "./Fields";

const SAVE_DELAY_MS = 700;

/**
 * A text that saves itself on this device: shortly after typing stops, when the field is left,
 * when the screen closes and when the app goes to the background. While the field has focus,
 * a newer value from a sync waits until it is left, so typing is never overwritten.
 * With a `limit` (or a `fit`) a counter shows near it, and a text past it is not saved: it stays
 * in the field, with the reason, until it fits.
 */
export function AutoSaveText(props: {
  id: string;
  label: string;
  hint?: string;
  value: string | undefined;
  save: (value: string) => Promise<unknown>;
  rows?: number;
  multiline?: boolean;
  readOnly?: boolean;
  /** At most this many characters (shared/limits.ts). */
  limit?: number;
  /** Instead of `limit`: how a text fits what it is saved as (the tags in it, say). */
  fit?: (text: string) => Fit;
  class?: string;
}) {
  const { i18n } = useApp();
  const [draft, setDraft] = createSignal(props.value ?? "");
  const fit = createMemo(() => (props.fit ? props.fit(draft()) : props.limit === undefined ? null : textFit(i18n, draft(), props.limit)));
  let unsaved = false;
  let focused = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  createEffect(
    on(
      () => props.value,
      (value) => {
        if (!unsaved && !focused) setDraft(value ?? "");
      },
    ),
  );

  function flush() {
    clearTimeout(timer);
    // Refused: nothing is saved, and the text stays (unsaved) in the field until it fits.
    if (!unsaved || fit()?.problem) return;
    unsaved = false;
    void props.save(draft());
  }
  const onHidden = () => {
    if (document.visibilityState === "hidden") flush();
  };
  document.addEventListener("visibilitychange", onHidden);
  window.addEventListener("pagehide", flush);
  onCleanup(() => {
    document.removeEventListener("visibilitychange", onHidden);
    window.removeEventListener("pagehide", flush);
    flush();
  });

  const input = (value: string) => {
    setDraft(value);
    unsaved = true;
    clearTimeout(timer);
    timer = setTimeout(flush, SAVE_DELAY_MS);
  };
  const attrs = () => ({
    id: props.id,
    value: draft(),
    readOnly: props.readOnly,
    "aria-invalid": fit()?.problem ? ("true" as const) : undefined,
    "aria-describedby": [props.hint ? hintId(props.id) : "", ...(props.readOnly ? [] : limitDescribedBy(props.id, fit()))].filter(Boolean).join(" ") || undefined,
    onFocus: () => (focused = true),
    onBlur: () => {
      focused = false;
      // Typed text is saved and comes back as the value; untouched, take what a sync brought meanwhile.
      if (unsaved) flush();
      else setDraft(props.value ?? "");
    },
  });

  return (
    <div class={props.class ?? "field"}>
      <label for={props.id}>{props.label}</label>
      <Hint for={props.id} text={props.hint} />
      <Show when={props.multiline !== false} fallback={<input type="text" {...attrs()} onInput={(e) => input(e.currentTarget.value)} />}>
        <textarea class="big-input" rows={props.rows ?? 4} {...attrs()} onInput={(e) => input(e.currentTarget.value)} />
      </Show>
      <Show when={!props.readOnly ? fit() : null}>{(fit) => <LimitNote id={props.id} fit={fit()} />}</Show>
    </div>
  );
}
