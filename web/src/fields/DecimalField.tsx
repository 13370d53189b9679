import { createEffect, createSignal, For, on, Show, type JSX } from "solid-js";

/**
 * A number typed as text (so "20,5" works on a Dutch keyboard), saved when it is left or
 * Enter is pressed. A value the field cannot read stays in the field with the reason, and
 * nothing is saved; while the field has focus a newer value from a sync waits until it is left.
 */
export function DecimalField(props: {
  id: string;
  label: string;
  hint?: string | undefined;
  /** The stored value, formatted for the field ("" when there is none). */
  value: string;
  /** Reads the text; a string answer is the message to show instead of saving. */
  parse: (text: string) => { ok: true; value: number | null } | { ok: false; message: string };
  save: (value: number | null) => Promise<unknown>;
  disabled?: boolean;
  /** "decimal" for fractions, "numeric" for whole numbers (the phone's keyboard). */
  inputMode?: "decimal" | "numeric";
  suffix?: string | undefined;
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
    if (text.trim() === props.value.trim()) {
      setError(null);
      return;
    }
    const parsed = props.parse(text);
    if (!parsed.ok) {
      setError(parsed.message);
      return;
    }
    setError(null);
    void props.save(parsed.value);
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
      <div class="input-with-suffix">
        <input
          id={props.id}
          type="text"
          inputmode={props.inputMode ?? "decimal"}
          autocomplete="off"
          value={draft()}
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
          <span class="input-suffix" aria-hidden="true">
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

export interface CheckChoice {
  value: string;
  label: string;
  detail?: string | undefined;
}

/** Several of a list, as real checkboxes in a fieldset (a legend names the group). */
export function CheckboxGroup(props: {
  name: string;
  legend: string;
  hint?: string | undefined;
  choices: readonly CheckChoice[];
  chosen: readonly string[];
  onToggle: (value: string, checked: boolean) => void;
  disabled?: boolean;
  empty?: string;
}) {
  return (
    <fieldset class="check-group" aria-describedby={props.hint ? `${props.name}-hint` : undefined} disabled={props.disabled}>
      <legend>{props.legend}</legend>
      <Show when={props.hint}>
        <p id={`${props.name}-hint`} class="hint">
          {props.hint}
        </p>
      </Show>
      <Show when={props.choices.length > 0} fallback={<p class="muted">{props.empty}</p>}>
        <ul class="check-options">
          <For each={props.choices}>
            {(choice) => {
              const id = () => `${props.name}-${choice.value}`;
              return (
                <li class="check-option">
                  <input id={id()} type="checkbox" checked={props.chosen.includes(choice.value)} onChange={(event) => props.onToggle(choice.value, event.currentTarget.checked)} />
                  <label for={id()}>
                    {choice.label}
                    <Show when={choice.detail}>
                      <span class="check-detail"> {choice.detail}</span>
                    </Show>
                  </label>
                </li>
              );
            }}
          </For>
        </ul>
      </Show>
    </fieldset>
  );
}
