import type { Accessor } from "solid-js";
import { useApp } from "../../context";
import { useRecords } from "../../data/local/context";
import type { Entity, PullEntity } from "../../data/local/types";
import { DATE_TIME, dateFormat, formatPercent, localeOf } from "../../format";

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
    /** Orders records by name the way the interface language sorts (records still syncing may lack one). */
    byName(a: { name?: string | undefined }, b: { name?: string | undefined }): number {
      return (a.name ?? "").localeCompare(b.name ?? "", locale());
    },
  };
}
