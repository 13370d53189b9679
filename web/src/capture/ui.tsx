import "./capture.css";
import { A } from "@solidjs/router";
import { Show, type JSX } from "solid-js";
import { useApp, useOrg } from "../context";
import { useFirstSync } from "../data/records";
import { orgHref } from "../nav";
import { formatDateTime } from "../format";
import type { Finding } from "./model";

/** The visit screen's "Add a finding": where focus goes when a finding of the visit is done. */
export const VISIT_ADD_FINDING = "visit-add-finding";

/** Marks a record whose changes have not reached the server yet. */
export function PendingBadge(props: { pending: boolean }) {
  const { i18n } = useApp();
  return (
    <Show when={props.pending}>
      <span class="badge badge-pending">{i18n.t("capture.notSent")}</span>
    </Show>
  );
}

/** Severity as text and a bar of five, never by colour alone. */
export function SeverityBadge(props: { severity: number | null | undefined }) {
  const { i18n } = useApp();
  return (
    <Show when={props.severity}>
      {(severity) => (
        <span class="severity" data-severity={severity()}>
          {i18n.t("finding.severityBadge", { n: severity() })}
        </span>
      )}
    </Show>
  );
}

/** One finding in a list: what was seen, and where, when and how bad. */
export function FindingRow(props: { finding: Finding; locationName?: string | undefined; stageName?: string | undefined }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const f = () => props.finding;
  return (
    <li class="item">
      <A class="item-link" href={orgHref(org().orgId, `findings/${f().id}`)}>
        <span class="item-title">{f().saw?.trim() || t("finding.nothingYet")}</span>
        <span class="item-meta">
          <SeverityBadge severity={f().severity} />
          <Show when={f().sentiment}>{(s) => <span>{t(`sentiment.${s()}`)}</span>}</Show>
          <Show when={f().status}>{(s) => <span class="badge">{t(`status.${s()}`)}</span>}</Show>
          <Show when={props.stageName}>{(name) => <span>{name()}</span>}</Show>
          <Show when={props.locationName}>{(name) => <span>{name()}</span>}</Show>
          <span>{formatDateTime(f().createdAt, i18n.language())}</span>
          <Show when={(f().photos?.length ?? 0) > 0}>
            <span>{t("finding.photoCount", { count: f().photos?.length ?? 0 })}</span>
          </Show>
          <PendingBadge pending={f().pending} />
        </span>
      </A>
    </li>
  );
}

/** The "nothing here" and "still loading" states every capture list shares. */
export function ListState(props: { loaded: boolean; count: number; empty: string; children: JSX.Element }) {
  const { i18n } = useApp();
  const firstSync = useFirstSync();
  return (
    <Show
      when={props.loaded}
      fallback={
        <div class="list-skeleton">
          <p class="loading" role="status">
            <span class="spinner" aria-hidden="true" />
            {firstSync() ? i18n.t("sync.first") : i18n.t("common.loading")}
          </p>
          <span class="skeleton-row" aria-hidden="true" />
          <span class="skeleton-row" aria-hidden="true" />
        </div>
      }
    >
      <Show when={props.count > 0} fallback={<p class="empty">{props.empty}</p>}>
        {props.children}
      </Show>
    </Show>
  );
}
