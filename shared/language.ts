/** The interface's languages. */
export type Language = "nl" | "en";

const isLanguage = (value: string | null | undefined): value is Language => value === "nl" || value === "en";

/**
 * A remembered choice wins; otherwise Dutch for any Dutch browser locale (nl, nl-NL, nl-BE), else
 * English. The server, which sees no remembered choice, guesses from the first language the
 * browser asks for (shell-page.ts).
 */
export function pickLanguage(remembered: string | null, browserLanguage: string | undefined): Language {
  if (isLanguage(remembered)) return remembered;
  return browserLanguage?.toLowerCase().startsWith("nl") ? "nl" : "en";
}
