import { createEffect, type JSX } from "solid-js";

/**
 * One screen: sets the document title and renders the screen's single h1. The heading takes
 * focus after client-side navigation (see Frame), so it is focusable but not in the tab order.
 */
export function Page(props: { title: string; heading?: string; children: JSX.Element; class?: string }) {
  createEffect(() => {
    document.title = `${props.title} · Chefsache`;
  });
  return (
    <div class={props.class ?? "page"}>
      <h1 tabindex="-1">{props.heading ?? props.title}</h1>
      {props.children}
    </div>
  );
}
