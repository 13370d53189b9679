import "./capture.css";
import { A } from "@solidjs/router";
import { createEffect, createSignal, For, on, onCleanup, Show, type JSX } from "solid-js";
import { useApp, useOrg } from "../context";
import { orgHref } from "../nav";
import { formatDateTime } from "./format";
import type { Finding } from "./model";

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
  maxLength?: number;
  class?: string;
}) {
  const [draft, setDraft] = createSignal(props.value ?? "");
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
    if (!unsaved) return;
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
    maxLength: props.maxLength,
    "aria-describedby": props.hint ? `${props.id}-hint` : undefined,
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
    </div>
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
