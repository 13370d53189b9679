import { useApp } from "../context";

/**
 * A one-time link the server shows only once (an invite, a password reset): read-only, selected
 * when focused, with a copy button that falls back to selecting the text where copying is refused.
 */
export function OneTimeLink(props: { id: string; label: string; hint: string; link: string }) {
  const { i18n, toaster } = useApp();
  const { t } = i18n;
  let input: HTMLInputElement | undefined;

  async function copy() {
    try {
      await navigator.clipboard.writeText(props.link);
      toaster.show(t("people.copied"));
    } catch {
      // No clipboard access (plain http, permissions): select the text so the user can copy it.
      input?.select();
      toaster.show(t("people.copyManually"), { tone: "info" });
    }
  }

  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <p id={`${props.id}-hint`} class="hint">
        {props.hint}
      </p>
      <div class="input-with-button">
        <input id={props.id} ref={input} type="text" readOnly value={props.link} aria-describedby={`${props.id}-hint`} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" class="button button-primary" onClick={() => void copy()}>
          {t("people.copy")}
        </button>
      </div>
    </div>
  );
}
