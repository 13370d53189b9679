import type { Language } from "../../../shared/language";
import type { TextPack } from "../../../shared/screens";

export type { TextPack } from "../../../shared/screens";

type Texts = Readonly<Record<string, string>>;

/**
 * Texts that only some screens use travel with those screens instead of the shell: the route
 * loads its pack (for the current language) together with its code, and a language switch
 * loads the packs already in use for the new language.
 */
const LOADERS: Record<TextPack, Record<Language, () => Promise<Texts>>> = {
  account: { en: async () => (await import("./account.en")).accountEn, nl: async () => (await import("./account.nl")).accountNl },
  benefits: { en: async () => (await import("./benefits.en")).benefitsEn, nl: async () => (await import("./benefits.nl")).benefitsNl },
  briefing: { en: async () => (await import("./briefing.en")).briefingEn, nl: async () => (await import("./briefing.nl")).briefingNl },
  cases: { en: async () => (await import("./cases.en")).casesEn, nl: async () => (await import("./cases.nl")).casesNl },
  decide: { en: async () => (await import("./decide.en")).decideEn, nl: async () => (await import("./decide.nl")).decideNl },
  kpi: { en: async () => (await import("./kpi.en")).kpiEn, nl: async () => (await import("./kpi.nl")).kpiNl },
  mystery: { en: async () => (await import("./mystery.en")).mysteryEn, nl: async () => (await import("./mystery.nl")).mysteryNl },
  photo: { en: async () => (await import("./photo.en")).photoEn, nl: async () => (await import("./photo.nl")).photoNl },
  results: { en: async () => (await import("./results.en")).resultsEn, nl: async () => (await import("./results.nl")).resultsNl },
  trust: { en: async () => (await import("./trust.en")).trustEn, nl: async () => (await import("./trust.nl")).trustNl },
};

const loaded: Record<Language, Map<TextPack, Texts>> = { en: new Map(), nl: new Map() };
const inUse = new Set<TextPack>();

export async function loadPack(pack: TextPack, language: Language): Promise<void> {
  inUse.add(pack);
  if (!loaded[language].has(pack)) loaded[language].set(pack, await LOADERS[pack][language]());
}

/** Loads, for a language being switched to, every pack a screen has needed so far. */
export async function loadPacksInUse(language: Language): Promise<void> {
  await Promise.all([...inUse].map((pack) => loadPack(pack, language)));
}

/** Whether every pack in use is there for a language (then switching to it needs no wait). */
export function packsReady(language: Language): boolean {
  return [...inUse].every((pack) => loaded[language].has(pack));
}

/** A text from a loaded pack, if one has it. */
export function packText(language: Language, key: string): string | undefined {
  for (const texts of loaded[language].values()) if (key in texts) return texts[key];
  return undefined;
}
