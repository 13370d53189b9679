import { createSignal, Show, type JSX } from "solid-js";
import { useApp } from "../context";
import { focusSoon } from "../focus";

/**
 * A button that asks before it acts: its question with Yes and Cancel take its place and focus
 * moves to Yes; Cancel, or an act that failed, puts the button back with focus on it. The Yes
 * button is `${id}-confirm`.
 */
export function ConfirmButton(props: {
  id: string;
  class: string;
  children: JSX.Element;
  describedBy?: string;
  question: string;
  yes: string;
  busy?: boolean;
  /** The act; false (a failure the caller has reported) puts the button back. */
  onConfirm: () => Promise<boolean | void> | boolean | void;
}) {
  const { i18n } = useApp();
  const [asking, setAsking] = createSignal(false);
  const back = () => {
    setAsking(false);
    focusSoon(props.id);
  };
  async function confirm() {
    if (props.busy) return;
    if ((await props.onConfirm()) === false) back();
  }
  return (
    <Show
      when={asking()}
      fallback={
        <button
          type="button"
          id={props.id}
          class={props.class}
          aria-describedby={props.describedBy}
          onClick={() => {
            setAsking(true);
            focusSoon(`${props.id}-confirm`);
          }}
        >
          {props.children}
        </button>
      }
    >
      <div class="confirm" role="group" aria-label={props.question}>
        <p>{props.question}</p>
        <div class="button-row">
          <button type="button" id={`${props.id}-confirm`} class="button button-small button-danger" aria-disabled={props.busy ? "true" : undefined} onClick={() => void confirm()}>
            {props.yes}
          </button>
          <button type="button" class="button button-small button-secondary" onClick={back}>
            {i18n.t("common.cancel")}
          </button>
        </div>
      </div>
    </Show>
  );
}
