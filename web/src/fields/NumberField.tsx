import { createEffect, createSignal, on, Show, type JSX } from "solid-js";
import { Hint, hintId } from "./Fields";

/** What a number field makes of its text: a number (null when cleared), or why it cannot be saved. */
export type NumberRead = { ok: true; value: number | null } | { ok: false; message: string };

/** A reader for `parse` from one that answers undefined for text it cannot read, and the message to show then. */
export const readOr =
  (read: (text: string) => number | null | undefined, message: string) =>
  (text: string): NumberRead => {
    const value = read(text);
    return value === undefined ? { ok: false, message } : { ok: true, value };
  };

/**
 * A number typed as text in the interface language (so "20,5" works on a Dutch keyboard), saved
 * when it is left or Enter is pressed. A value the field cannot read stays in the field with the
 * reason, and nothing is saved; while the field has focus a newer value from a sync waits until
 * it is left.
 */
export function NumberField(props: {
  id: string;
  label: string;
  hint?: string | undefined;
  /** The stored value, formatted for the field ("" when there is none). */
  value: string;
  parse: (text: string) => NumberRead;
  save: (value: number | null) => Promise<unknown> | void;
  readOnly?: boolean;
  disabled?: boolean;
  /** "decimal" for fractions, "numeric" for whole numbers (the phone's keyboard). */
  inputMode?: "decimal" | "numeric";
  suffix?: string | undefined;
  /** Figures in a column of amounts: right-aligned, digits of equal width (the business case). */
  figures?: boolean;
  children?: JSX.Element;
}) {
  const [draft, setDraft] = createSignal(props.value);
  const [error, setError] = createSignal<string | null>(null);
  let focused = false;
  createEffect(
    on(
      () => props.value,
      (value) => {
        if (!focused && !error()) setDraft(value);
      },
    ),
  );

  function commit() {
    const text = draft();
    if (text.trim() === props.value.trim()) return setError(null);
    const parsed = props.parse(text);
    if (!parsed.ok) return setError(parsed.message);
    setError(null);
    void props.save(parsed.value);
  }

  const describedBy = () => [props.hint ? hintId(props.id) : "", error() ? `${props.id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div class="field" classList={{ "field-invalid": error() !== null }}>
      <label for={props.id}>{props.label}</label>
      <Hint for={props.id} text={props.hint} />
      <div class={props.figures ? "number-input" : "input-with-suffix"}>
        <input
          id={props.id}
          type="text"
          inputmode={props.inputMode ?? "decimal"}
          autocomplete="off"
          value={draft()}
          readOnly={props.readOnly}
          disabled={props.disabled}
          aria-invalid={error() ? "true" : undefined}
          aria-describedby={describedBy()}
          onFocus={() => (focused = true)}
          onInput={(event) => setDraft(event.currentTarget.value)}
          onBlur={() => {
            focused = false;
            commit();
          }}
          onKeyDown={(event) => {
            if (event.key === "Enter") {
              event.preventDefault();
              commit();
            }
          }}
        />
        <Show when={props.suffix}>
          <span class={props.figures ? "number-suffix" : "input-suffix"} aria-hidden="true">
            {props.suffix}
          </span>
        </Show>
        {props.children}
      </div>
      <Show when={error()}>
        <p id={`${props.id}-error`} class="field-error" role="alert">
          {error()}
        </p>
      </Show>
    </div>
  );
}
