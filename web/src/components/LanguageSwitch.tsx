import { For } from "solid-js";
import { useApp } from "../context";
import { LANGUAGES } from "../i18n";

/**
 * The language choice for screens before logging in (login, setup, invite), where the
 * settings page is out of reach: each language named in itself, the current one marked.
 */
export function LanguageSwitch() {
  const { i18n } = useApp();
  return (
    <nav class="language-switch" aria-label={i18n.t("me.language")}>
      <For each={LANGUAGES}>
        {(language) => (
          <button
            type="button"
            class="button button-small button-quiet"
            lang={language.code}
            aria-pressed={i18n.language() === language.code ? "true" : "false"}
            onClick={() => i18n.setLanguage(language.code)}
          >
            {language.name}
          </button>
        )}
      </For>
    </nav>
  );
}
