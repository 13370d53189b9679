/** What a screen reader says with a control besides its name: the texts its aria-describedby points to. */
export function describedBy(element: Element): string {
  const ids = (element.getAttribute("aria-describedby") ?? "").split(/\s+/).filter(Boolean);
  return ids.map((id) => document.getElementById(id)?.textContent ?? "").join(" ");
}
