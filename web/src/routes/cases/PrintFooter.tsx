import { createEffect, onCleanup } from "solid-js";
import { useApp } from "../../context";
import { footerRule } from "./print-footer";

/**
 * The footer of every printed page: the organisation (and the meeting, for a meeting's pack) and
 * the date on the left, "Page 2 of 5" on the right. Page margin boxes take their text from CSS only, and the content security
 * policy allows no inline style, so the rule (in the reader's language) goes in through a
 * constructed style sheet while the pack is open.
 */
export function PrintFooter(props: { org: string; date: string; meeting?: string }) {
  const { t } = useApp().i18n;
  // Where constructed style sheets are missing (older browsers), the pages print without the footer.
  const sheet = typeof CSSStyleSheet === "function" && "replaceSync" in CSSStyleSheet.prototype && Array.isArray(document.adoptedStyleSheets) ? new CSSStyleSheet() : null;
  if (sheet) {
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    onCleanup(() => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    });
  }
  const footer = () => (props.meeting ? t("print.footerMeeting", { org: props.org, meeting: props.meeting, date: props.date }) : t("print.footer", { org: props.org, date: props.date }));
  createEffect(() => sheet?.replaceSync(footerRule(footer(), t("print.page"))));
  return null;
}
