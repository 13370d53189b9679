import "./capture.css";
import { createEffect, createSignal, on, Show, type JSX } from "solid-js";
import type { FindingRecheck } from "../../../shared/schemas/finding";
import type { I18n } from "../i18n";
import { useApp, useOrg } from "../context";
import { useFirstSync } from "../data/records";
import { orgHref } from "../nav";
import { formatDateTime } from "../format";
import type { Finding } from "./model";
import { createPhotoSource } from "./photo-source";
import { PendingBadge, SeverityBadge } from "../components/Badges";

/** The visit screen's "Add a finding": where focus goes when a finding of the visit is done. */
export const VISIT_ADD_FINDING = "visit-add-finding";

/** "Fixed per Daan Directeur, 8 Mar 2026" / "Still seen per …"; `nameOf` names the person who looked. */
export function describeRecheck(i18n: I18n, recheck: FindingRecheck, nameOf: (userId: string) => string): string {
  return i18n.t(recheck.result === "fixed" ? "recheck.fixedPer" : "recheck.stillSeenPer", { name: nameOf(recheck.by), date: i18n.formatDate(recheck.at) });
}

/** The latest look at a finding on a later visit, for CX operations and the next visitor; in words, not colour alone. */
export function RecheckNote(props: { recheck: FindingRecheck | null | undefined; nameOf: (userId: string) => string }) {
  const { i18n } = useApp();
  return (
    <Show when={props.recheck}>
      {(recheck) => (
        <span class="recheck" data-recheck={recheck().result}>
          {describeRecheck(i18n, recheck(), props.nameOf)}
        </span>
      )}
    </Show>
  );
}

/** A finding's first photo, small, in its row: decorative (the row says how many photos it has). */
function RowPhoto(props: { sha256: string }) {
  const src = createPhotoSource(() => props.sha256);
  const [failed, setFailed] = createSignal(false);
  createEffect(on(src, () => setFailed(false), { defer: true }));
  return (
    <Show when={!failed() && src()}>
      {(url) => <img class="item-photo" src={url()} alt="" loading="lazy" decoding="async" onError={() => setFailed(true)} />}
    </Show>
  );
}

/**
 * One finding in a list: what was seen, and where, when and how bad, its first photo, and the
 * latest look at it on a later visit when `nameOf` is given. `children` follow the link (the
 * buttons of a visit that looks at it again).
 */
export function FindingRow(props: {
  finding: Finding;
  locationName?: string | undefined;
  stageName?: string | undefined;
  nameOf?: (userId: string) => string;
  titleId?: string;
  linkId?: string;
  children?: JSX.Element;
}) {
  const { i18n } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const f = () => props.finding;
  const photos = () => f().photos ?? [];
  return (
    <li class="item">
      <a id={props.linkId} class="item-link" classList={{ "item-link-photo": photos().length > 0 }} href={orgHref(org().orgId, `findings/${f().id}`)}>
        <span class="item-title" id={props.titleId}>
          {f().saw?.trim() || t("finding.nothingYet")}
        </span>
        <span class="item-meta">
          <SeverityBadge severity={f().severity} />
          <Show when={f().sentiment}>{(s) => <span>{t(`sentiment.${s()}`)}</span>}</Show>
          <Show when={f().status}>{(s) => <span class="badge">{t(`status.${s()}`)}</span>}</Show>
          <Show when={props.stageName}>{(name) => <span>{name()}</span>}</Show>
          <Show when={props.locationName}>{(name) => <span>{name()}</span>}</Show>
          <span>{formatDateTime(f().createdAt, i18n.language())}</span>
          <Show when={photos().length > 0}>
            {/* The thumbnail shows one photo; the count is for more than one, and for screen readers. */}
            <span class={photos().length > 1 ? undefined : "visually-hidden"}>{t("finding.photoCount", { count: photos().length })}</span>
          </Show>
          <PendingBadge pending={f().pending} />
        </span>
        <Show when={props.nameOf}>{(nameOf) => <RecheckNote recheck={f().recheck} nameOf={nameOf()} />}</Show>
        <Show when={photos()[0]}>{(sha) => <RowPhoto sha256={sha()} />}</Show>
      </a>
      {props.children}
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
