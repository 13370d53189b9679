import { createSignal } from "solid-js";
import { STORAGE_KEYS, type KeyValueStore } from "../data/storage";
import { en, type Dictionary, type MessageKey } from "./en";
import { loadPack, loadPacksInUse, packsReady, packText, type TextPack } from "./packs";
import { DAY, dateFormat, localeOf, pluralOf } from "../format";

import { pickLanguage, type Language } from "../../../shared/language";

export type { MessageKey } from "./en";
export { pickLanguage, type Language } from "../../../shared/language";

/** Offered in the language switch, each in its own language. */
export const LANGUAGES: readonly { code: Language; name: string }[] = [
  { code: "nl", name: "Nederlands" },
  { code: "en", name: "English" },
];

/**
 * English is the source and ships with the shell; Dutch is its own chunk, loaded before the
 * first render when it is the language (main.tsx) or when someone switches to it, so the shell
 * carries one dictionary, not two. The service worker precaches both.
 */
const DICTIONARIES: Partial<Record<Language, Dictionary>> = { en };
const LOADERS: Record<Language, () => Promise<Dictionary>> = {
  en: async () => en,
  nl: async () => (await import("./nl")).nl,
};

/** Makes a language's texts available; resolves at once when they already are. */
export async function loadLanguage(language: Language): Promise<void> {
  DICTIONARIES[language] ??= await LOADERS[language]();
  await loadPacksInUse(language);
}

/** The language the app shows (one app per page); screens loaded later fetch their texts in it. */
let activeLanguage: Language = "en";

/** Loads a screen's code together with its text packs, for `lazy()`: the screen renders with its texts. */
export function withTexts<T>(packs: readonly TextPack[], load: () => Promise<T>): () => Promise<T> {
  return async () => {
    const [module] = await Promise.all([load(), ...packs.map((pack) => loadPack(pack, activeLanguage))]);
    return module;
  };
}

export type Vars = Record<string, string | number>;

/** A text with plural forms: the keys `<key>.one` and `<key>.other` (and any other form the language has). */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer Base}.other` ? Base : never) : never;

/** Fills `{name}` placeholders; an unknown placeholder stays visible rather than vanishing. */
export function interpolate(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in vars ? String(vars[key]) : whole));
}

export function createI18n(deps: { storage: KeyValueStore; browserLanguage?: string | undefined }) {
  const [language, setLanguageSignal] = createSignal<Language>(pickLanguage(deps.storage.get(STORAGE_KEYS.language), deps.browserLanguage));

  activeLanguage = language();
  const locale = () => localeOf(language());
  function t(key: MessageKey, vars?: Vars): string {
    // Until a dictionary has loaded (a failed chunk load, say), English stands in, and the key
    // itself rather than nothing.
    const lang = language();
    const text = (DICTIONARIES[lang] ?? en)[key as keyof Dictionary] ?? packText(lang, key) ?? packText("en", key) ?? key;
    return interpolate(text, vars);
  }

  return {
    language,
    /** Remembers the choice at once; the texts switch at once too, or as soon as the language's dictionary has loaded. */
    setLanguage(next: Language): Promise<void> {
      deps.storage.set(STORAGE_KEYS.language, next);
      activeLanguage = next;
      if (DICTIONARIES[next] && packsReady(next)) {
        setLanguageSignal(next);
        return Promise.resolve();
      }
      return loadLanguage(next).then(() => void setLanguageSignal(next));
    },
    t,
    /**
     * The form of `key` for `count` ("1 year", "2 years"); `shown` are the options the number is
     * displayed with, since "1.0" takes the plural in English where "1" does not.
     */
    plural(key: PluralKey, count: number, vars?: Vars, shown?: Intl.NumberFormatOptions): string {
      const form = `${key}.${pluralOf(count, language(), shown)}` as MessageKey;
      return t(t(form) === form ? (`${key}.other` as MessageKey) : form, vars);
    },
    formatDate(iso: string): string {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : dateFormat(locale(), DAY).format(date);
    },
  };
}

export type I18n = ReturnType<typeof createI18n>;
