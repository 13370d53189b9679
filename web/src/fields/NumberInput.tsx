import { createEffect, createSignal, on, Show } from "solid-js";

/**
 * A number typed in the interface language that saves when the field is left (or Enter). What
 * cannot be read as a number stays in the field with its message and is not saved; a newer
 * value from a sync replaces the text only while the field is not being typed in.
 */
export function NumberInput(props: {
  id: string;
  label: string;
  hint?: string | undefined;
  /** The stored value as text (formatted by the caller). */
  text: string;
  /** Parses the text: a number (or null for cleared), undefined when it is not acceptable. */
  parse: (text: string) => number | null | undefined;
  invalid: string;
  save: (value: number | null) => Promise<unknown> | void;
  readOnly?: boolean;
  suffix?: string | undefined;
}) {
  const [draft, setDraft] = createSignal(props.text);
  const [error, setError] = createSignal<string | null>(null);
  let focused = false;
  createEffect(
    on(
      () => props.text,
      (text) => {
        if (!focused && error() === null) setDraft(text);
      },
    ),
  );
  function commit() {
    const text = draft();
    if (text === props.text) return setError(null);
    const value = props.parse(text);
    if (value === undefined) return setError(props.invalid);
    setError(null);
    void props.save(value);
  }
  const describedBy = () => [props.hint ? `${props.id}-hint` : "", error() ? `${props.id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div class="field" classList={{ "field-invalid": error() !== null }}>
      <label for={props.id}>{props.label}</label>
      <Show when={props.hint}>
        <p id={`${props.id}-hint`} class="hint">
          {props.hint}
        </p>
      </Show>
      <div class="number-input">
        <input
          id={props.id}
          type="text"
          inputmode="decimal"
          autocomplete="off"
          value={draft()}
          readOnly={props.readOnly}
          aria-invalid={error() ? "true" : undefined}
          aria-describedby={describedBy()}
          onFocus={() => (focused = true)}
          onInput={(event) => setDraft(event.currentTarget.value)}
          onBlur={() => {
            focused = false;
            commit();
          }}
          onKeyDown={(event) => {
            if (event.key === "Enter") commit();
          }}
        />
        <Show when={props.suffix}>
          <span class="number-suffix" aria-hidden="true">
            {props.suffix}
          </span>
        </Show>
      </div>
      <Show when={error()}>
        <p id={`${props.id}-error`} class="field-error">
          {error()}
        </p>
      </Show>
    </div>
  );
}
