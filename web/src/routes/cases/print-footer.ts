/** The printed page's footer as CSS (PrintFooter.tsx puts it in place). Pure. */

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
