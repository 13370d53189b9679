import { createSignal } from "solid-js";
import { STORAGE_KEYS, type KeyValueStore } from "../storage";
import { en, type MessageKey } from "./en";
import { nl } from "./nl";

export type { MessageKey } from "./en";
export type Language = "nl" | "en";

/** Offered in the language switch, each in its own language. */
export const LANGUAGES: readonly { code: Language; name: string }[] = [
  { code: "nl", name: "Nederlands" },
  { code: "en", name: "English" },
];

const DICTIONARIES = { en, nl } as const;

const isLanguage = (value: string | null | undefined): value is Language => value === "nl" || value === "en";

/** A remembered choice wins; otherwise Dutch for any Dutch browser locale (nl, nl-NL, nl-BE), else English. */
export function pickLanguage(remembered: string | null, browserLanguage: string | undefined): Language {
  if (isLanguage(remembered)) return remembered;
  return browserLanguage?.toLowerCase().startsWith("nl") ? "nl" : "en";
}

export type Vars = Record<string, string | number>;

/** Fills `{name}` placeholders; an unknown placeholder stays visible rather than vanishing. */
export function interpolate(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in vars ? String(vars[key]) : whole));
}

export function createI18n(deps: { storage: KeyValueStore; browserLanguage?: string | undefined }) {
  const [language, setLanguageSignal] = createSignal<Language>(pickLanguage(deps.storage.get(STORAGE_KEYS.language), deps.browserLanguage));

  const locale = () => (language() === "nl" ? "nl-NL" : "en-GB");

  return {
    language,
    setLanguage(next: Language) {
      deps.storage.set(STORAGE_KEYS.language, next);
      setLanguageSignal(next);
    },
    t(key: MessageKey, vars?: Vars): string {
      return interpolate(DICTIONARIES[language()][key], vars);
    },
    formatDate(iso: string): string {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(locale(), { dateStyle: "medium" }).format(date);
    },
  };
}

export type I18n = ReturnType<typeof createI18n>;
