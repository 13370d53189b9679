import { useSearchParams } from "@solidjs/router";
import { createSignal, Show, type JSX } from "solid-js";
import { useApp } from "../context";
import type { I18n } from "../i18n";
import { PERIODS } from "./model";

/**
 * Filters live in the URL (`?location=…&period=7d`), so the back button, a reload and a shared
 * link all keep them. Returns the current values and a setter that drops empty ones.
 */
export function useFilterParams<K extends string>(names: readonly K[]) {
  const [params, setParams] = useSearchParams<Record<K, string>>();
  const value = (name: K): string => {
    const raw = params[name];
    return (Array.isArray(raw) ? raw[0] : raw) ?? "";
  };
  return {
    value,
    set: (name: K, next: string) => setParams({ [name]: next || undefined } as Partial<Record<K, string>>, { replace: true, scroll: false }),
    active: () => names.filter((name) => value(name) !== "").length,
    clear: () => setParams(Object.fromEntries(names.map((name) => [name, undefined])) as Partial<Record<K, string>>, { replace: true, scroll: false }),
  };
}

export const periodChoices = (i18n: I18n) => PERIODS.map((period) => ({ value: period === "any" ? "" : period, label: i18n.t(`period.${period}`) }));

/** A folding filter panel (folded on phones until a filter is set), with "Clear filters". */
export function FilterPanel(props: { active: number; onClear: () => void; children: JSX.Element }) {
  const { i18n } = useApp();
  const { t } = i18n;
  let summary: HTMLElement | undefined;
  // The fields are made when the panel first opens: a list screen's first render on a phone
  // need not build half a dozen selects (and their options) that stay folded away.
  const startsOpen = props.active > 0;
  const [opened, setOpened] = createSignal(startsOpen);
  return (
    // Opened once, when the screen comes with filters set; after that the user decides.
    <details class="filters" ref={(el) => (el.open = startsOpen)} onToggle={(event) => event.currentTarget.open && setOpened(true)}>
      <summary ref={summary}>
        {t("filter.heading")}
        <Show when={props.active > 0}> · {t("filter.active", { count: props.active })}</Show>
      </summary>
      <Show when={opened()}>
        <div class="filter-grid">{props.children}</div>
      </Show>
      <Show when={props.active > 0}>
        <button
          type="button"
          class="button button-small button-secondary"
          onClick={() => {
            props.onClear();
            summary?.focus();
          }}
        >
          {t("filter.clear")}
        </button>
      </Show>
    </details>
  );
}
