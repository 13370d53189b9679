import { createEffect, onCleanup } from "solid-js";
import { useApp } from "../../context";

/** A CSS string literal holding `text`. */
const cssString = (text: string) => `"${text.replace(/[\\"]/g, "\\$&").replace(/\n/g, "\\a ")}"`;

/** "Page {page} of {pages}" as CSS content: the words as strings, the numbers as the page counters. */
export function pageContent(template: string): string {
  return template
    .split(/(\{pages?\})/)
    .filter((part) => part !== "")
    .map((part) => (part === "{page}" ? "counter(page)" : part === "{pages}" ? "counter(pages)" : cssString(part)))
    .join(" ");
}

/** The print rule that puts the footer into every page's bottom margin. */
export function footerRule(footer: string, pageTemplate: string): string {
  const box = (content: string) => `content: ${content}; font: 8pt system-ui, sans-serif; color: #444;`;
  return `@media print { @page { @bottom-left { ${box(cssString(footer))} } @bottom-right { ${box(pageContent(pageTemplate))} } } }`;
}

/**
 * The footer of every printed page: the organisation and the date on the left, "Page 2 of 5"
 * on the right. Page margin boxes take their text from CSS only, and the content security
 * policy allows no inline style, so the rule (in the reader's language) goes in through a
 * constructed style sheet while the pack is open.
 */
export function PrintFooter(props: { org: string; date: string }) {
  const { t } = useApp().i18n;
  const sheet = typeof CSSStyleSheet === "function" && "replaceSync" in CSSStyleSheet.prototype ? new CSSStyleSheet() : null;
  if (sheet) {
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    onCleanup(() => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    });
  }
  createEffect(() => sheet?.replaceSync(footerRule(t("print.footer", { org: props.org, date: props.date }), t("print.page"))));
  return null;
}
