import { For, Show } from "solid-js";
import { Hint, hintId } from "./Fields";

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
  /** Message from validation, read with the group. */
  error?: string | undefined;
}) {
  const describedBy = () => [props.hint ? hintId(props.name) : "", props.error ? `${props.name}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset class="check-group" classList={{ "field-invalid": Boolean(props.error) }} aria-describedby={describedBy()} disabled={props.disabled}>
      <legend>{props.legend}</legend>
      <Hint for={props.name} text={props.hint} />
      <Show when={props.error}>
        <p id={`${props.name}-error`} class="field-error">
          {props.error}
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
