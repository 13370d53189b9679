import type { Accessor } from "solid-js";
import { useApp } from "../../context";
import { useRecords } from "../../data/local/context";
import type { Entity, PullEntity } from "../../data/local/types";
import { DATE_TIME, dateFormat, formatPercent, localeOf } from "../../format";
import type { LocationKind } from "../../../../shared/enums";

export interface RecordList<E extends PullEntity> {
  /** The records as last read; empty until the first read is done. */
  items: Accessor<Entity<E>[]>;
  /** True only before the first read: later refreshes keep showing the last list. */
  loading: Accessor<boolean>;
  error: Accessor<unknown>;
}

/**
 * The records of an entity from the device, without suspending on refreshes: every edit
 * re-reads the list, and suspending then would blank the screen and drop keyboard focus.
 */
export function useRecordList<E extends PullEntity>(entity: E): RecordList<E> {
  const records = useRecords(entity);
  return {
    items: () => (records.state === "ready" || records.state === "refreshing" ? records.latest : []),
    loading: () => records.state === "unresolved" || records.state === "pending",
    error: () => (records.state === "errored" ? records.error : undefined),
  };
}

/** What a shop is read with: the shops, their templates and their locations. */
export function useShopRecords() {
  return {
    templates: useRecordList("mystery_template"),
    locations: useRecordList("location"),
    shops: useRecordList("mystery_shop"),
  };
}

const MONTH = { month: "long", year: "numeric" } as const;

/** Percentages and dates in the interface language. */
export function useFormat() {
  const { i18n } = useApp();
  const locale = () => localeOf(i18n.language());
  return {
    locale,
    /** 62.5 → "62.5%" (en) / "62,5%" (nl); no score yet → "–". */
    percent(value: number | null | undefined): string {
      if (value === null || value === undefined) return "–";
      return formatPercent(value / 100, i18n.language(), { maximumFractionDigits: 1 });
    },
    dateTime(iso: string | null | undefined): string {
      if (!iso) return "";
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : dateFormat(locale(), DATE_TIME).format(date);
    },
    date(iso: string | null | undefined): string {
      return iso ? i18n.formatDate(iso) : "";
    },
    /** A wave ("2026-03") as its month: "March 2026" / "maart 2026". */
    wave(wave: string): string {
      const match = /^(\d{4})-(\d{2})$/.exec(wave);
      return match ? dateFormat(locale(), MONTH).format(new Date(Number(match[1]), Number(match[2]) - 1, 1)) : wave;
    },
    /** Where a template may be used: "Used at: Store, Branch", or anywhere when it names no kinds. */
    usedAt(kinds: readonly LocationKind[] | null | undefined): string {
      if (!kinds || kinds.length === 0) return i18n.t("mystery.editor.usedAnywhere");
      return i18n.t("mystery.editor.usedAt", { kinds: kinds.map((kind) => i18n.t(`kind.${kind}`)).join(", ") });
    },
    /** Orders records by name the way the interface language sorts (records still syncing may lack one). */
    byName(a: { name?: string | undefined }, b: { name?: string | undefined }): number {
      return (a.name ?? "").localeCompare(b.name ?? "", locale());
    },
  };
}
