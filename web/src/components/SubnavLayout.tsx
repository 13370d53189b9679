import { For, Suspense, type JSX } from "solid-js";
import { useApp } from "../context";
import type { MessageKey } from "../i18n";
import { Loading } from "./Status";

/** A part of the app with its own sections: their links above the page that is open. */
export function SubnavLayout(props: {
  label: string;
  sections: readonly { path: string; label: MessageKey }[];
  href: (path: string) => string;
  /** `aria-current` of a section's link: "page" for the page itself, "true" for a page inside it. */
  current: (path: string) => "page" | "true" | undefined;
  children: JSX.Element;
}) {
  const { i18n } = useApp();
  return (
    <>
      <nav class="subnav" aria-label={props.label}>
        <ul>
          <For each={props.sections}>
            {(section) => (
              <li>
                <a href={props.href(section.path)} aria-current={props.current(section.path)}>
                  {i18n.t(section.label)}
                </a>
              </li>
            )}
          </For>
        </ul>
      </nav>
      <Suspense fallback={<Loading />}>{props.children}</Suspense>
    </>
  );
}
