import { Show } from "solid-js";
import { useApp } from "../context";

/** Below a form that saves as you type: where it is kept, and an alert when a save failed. */
export function SavedHere(props: { text: string; failed: boolean }) {
  const { t } = useApp().i18n;
  return (
    <>
      <p class="hint">{props.text}</p>
      <Alert message={props.failed ? t("capture.saveFailed") : null} />
    </>
  );
}

/**
 * A live region that is always in the page (so screen readers hear what appears in it) and shows
 * `message` when there is one: a notice by default, or a field's error.
 */
export function Alert(props: { message: string | null | undefined | false; class?: string }) {
  return (
    <div role="alert">
      <Show when={props.message}>
        <p class={props.class ?? "notice notice-error"}>{props.message}</p>
      </Show>
    </div>
  );
}
