// The chip styles are in the capture stylesheet, with the rest of the one-hand capture look.
import "../capture/capture.css";
import { For } from "solid-js";
import { Hint, hintId } from "./Fields";

export interface Choice<V extends string | number = string> {
  value: V;
  label: string;
}

/**
 * One choice out of a few, as big tappable chips (real radio buttons underneath, so arrow keys
 * and screen readers work as usual).
 */
export function RadioChips<V extends string | number>(props: {
  name: string;
  legend: string;
  hint?: string;
  value: V | null | undefined;
  choices: readonly Choice<V>[];
  onValue: (value: V) => void;
  disabled?: boolean;
  class?: string;
}) {
  return (
    <fieldset class={props.class ?? "chip-group"} aria-describedby={props.hint ? hintId(props.name) : undefined} disabled={props.disabled}>
      <legend>{props.legend}</legend>
      <Hint for={props.name} text={props.hint} />
      <div class="chip-options">
        <For each={props.choices}>
          {(choice) => (
            <label class="chip-option">
              <input type="radio" name={props.name} value={String(choice.value)} checked={props.value === choice.value} onChange={() => props.onValue(choice.value)} />
              <span>{choice.label}</span>
            </label>
          )}
        </For>
      </div>
    </fieldset>
  );
}
