import "./capture.css";
import { A } from "@solidjs/router";
import { createEffect, createMemo, createSignal, For, on, onCleanup, Show, type JSX } from "solid-js";
import { MAX_TAGS, TAG_MAX } from "../../../shared/limits";
import { formatCount, LimitNote, limitDescribedBy, textFit, type Fit } from "../components/TextLimit";
import { useApp, useOrg } from "../context";
import { orgHref } from "../nav";
import { formatDateTime } from "../format";
import { parseTags, tagsProblem, type Finding } from "./model";

export interface Choice<V extends string | number = string> {
  value: V;
  label: string;
}

/**
 * One choice out of a few, as big tappable chips (real radio buttons underneath, so arrow keys
 * and screen readers work as usual).
 */
export function RadioChips<V extends string | number>(props: {
  name: string;
  legend: string;
  hint?: string;
  value: V | null | undefined;
  choices: readonly Choice<V>[];
  onValue: (value: V) => void;
  disabled?: boolean;
  class?: string;
}) {
  return (
    <fieldset class={props.class ?? "chip-group"} aria-describedby={props.hint ? `${props.name}-hint` : undefined} disabled={props.disabled}>
      <legend>{props.legend}</legend>
      <Show when={props.hint}>
        <p id={`${props.name}-hint`} class="hint">
          {props.hint}
        </p>
      </Show>
      <div class="chip-options">
        <For each={props.choices}>
          {(choice) => (
            <label class="chip-option">
              <input type="radio" name={props.name} value={String(choice.value)} checked={props.value === choice.value} onChange={() => props.onValue(choice.value)} />
              <span>{choice.label}</span>
            </label>
          )}
        </For>
      </div>
    </fieldset>
  );
}

const SAVE_DELAY_MS = 700;

/**
 * A text that saves itself on this device: shortly after typing stops, when the field is left,
 * when the screen closes and when the app goes to the background. While the field has focus,
 * a newer value from a sync waits until it is left, so typing is never overwritten.
 * With a `limit` (or a `fit`) a counter shows near it, and a text past it is not saved: it stays
 * in the field, with the reason, until it fits.
 */
export function AutoSaveText(props: {
  id: string;
  label: string;
  hint?: string;
  value: string | undefined;
  save: (value: string) => Promise<unknown>;
  rows?: number;
  multiline?: boolean;
  readOnly?: boolean;
  /** At most this many characters (shared/limits.ts). */
  limit?: number;
  /** Instead of `limit`: how a text fits what it is saved as (the tags in it, say). */
  fit?: (text: string) => Fit;
  class?: string;
}) {
  const { i18n } = useApp();
  const [draft, setDraft] = createSignal(props.value ?? "");
  const fit = createMemo(() => (props.fit ? props.fit(draft()) : props.limit === undefined ? null : textFit(i18n, draft(), props.limit)));
  let unsaved = false;
  let focused = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  createEffect(
    on(
      () => props.value,
      (value) => {
        if (!unsaved && !focused) setDraft(value ?? "");
      },
    ),
  );

  function flush() {
    clearTimeout(timer);
    // Refused: nothing is saved, and the text stays (unsaved) in the field until it fits.
    if (!unsaved || fit()?.problem) return;
    unsaved = false;
    void props.save(draft());
  }
  const onHidden = () => {
    if (document.visibilityState === "hidden") flush();
  };
  document.addEventListener("visibilitychange", onHidden);
  window.addEventListener("pagehide", flush);
  onCleanup(() => {
    document.removeEventListener("visibilitychange", onHidden);
    window.removeEventListener("pagehide", flush);
    flush();
  });

  const input = (value: string) => {
    setDraft(value);
    unsaved = true;
    clearTimeout(timer);
    timer = setTimeout(flush, SAVE_DELAY_MS);
  };
  const attrs = () => ({
    id: props.id,
    value: draft(),
    readOnly: props.readOnly,
    "aria-invalid": fit()?.problem ? ("true" as const) : undefined,
    "aria-describedby": [props.hint ? `${props.id}-hint` : "", ...(props.readOnly ? [] : limitDescribedBy(props.id, fit()))].filter(Boolean).join(" ") || undefined,
    onFocus: () => (focused = true),
    onBlur: () => {
      focused = false;
      // Typed text is saved and comes back as the value; untouched, take what a sync brought meanwhile.
      if (unsaved) flush();
      else setDraft(props.value ?? "");
    },
  });

  return (
    <div class={props.class ?? "field"}>
      <label for={props.id}>{props.label}</label>
      <Show when={props.hint}>
        <p id={`${props.id}-hint`} class="hint">
          {props.hint}
        </p>
      </Show>
      <Show when={props.multiline !== false} fallback={<input type="text" {...attrs()} onInput={(e) => input(e.currentTarget.value)} />}>
        <textarea class="big-input" rows={props.rows ?? 4} {...attrs()} onInput={(e) => input(e.currentTarget.value)} />
      </Show>
      <Show when={!props.readOnly ? fit() : null}>{(fit) => <LimitNote id={props.id} fit={fit()} />}</Show>
    </div>
  );
}

/**
 * A finding's tags, typed with commas between them. They are saved only as typed: more than
 * MAX_TAGS tags, or one longer than TAG_MAX characters, is refused with a message, never cut.
 */
export function TagsField(props: { id: string; label: string; tags: readonly string[]; readOnly?: boolean; save: (tags: string[]) => Promise<unknown> }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const quote = (tag: string) => (tag.length > 24 ? `${tag.slice(0, 20)}…` : tag);
  const fit = (text: string): Fit => {
    const tags = parseTags(text);
    const problem = tagsProblem(tags);
    const max = formatCount(i18n, MAX_TAGS);
    return {
      count: tags.length,
      max: MAX_TAGS,
      unit: "tags",
      problem:
        problem === null
          ? null
          : problem.code === "tooMany"
            ? t("limit.tooManyTags", { max, count: formatCount(i18n, problem.count) })
            : t("limit.tagTooLong", { tag: quote(problem.tag), max: formatCount(i18n, TAG_MAX) }),
    };
  };
  return (
    <AutoSaveText
      id={props.id}
      label={props.label}
      hint={t("finding.tagsHint", { max: MAX_TAGS, length: TAG_MAX })}
      multiline={false}
      readOnly={props.readOnly}
      value={props.tags.join(", ")}
      fit={fit}
      save={(text) => props.save(parseTags(text))}
    />
  );
}

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
export function SeverityBadge(props: { severity: number | undefined }) {
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
  return (
    <Show
      when={props.loaded}
      fallback={
        <p class="loading" role="status">
          <span class="spinner" aria-hidden="true" />
          {i18n.t("common.loading")}
        </p>
      }
    >
      <Show when={props.count > 0} fallback={<p class="empty">{props.empty}</p>}>
        {props.children}
      </Show>
    </Show>
  );
}
