import { Show } from "solid-js";

/** The id of a field's hint, which the field names in `aria-describedby` so it is read out with it. */
export const hintId = (id: string) => `${id}-hint`;

/** A field's hint (nothing when there is none). */
export function Hint(props: { for: string; text: string | undefined }) {
  return (
    <Show when={props.text}>
      <p id={hintId(props.for)} class="hint">
        {props.text}
      </p>
    </Show>
  );
}
