import { createSignal, For, Show } from "solid-js";
import type { HistoryEntry } from "../../../shared/history";
import { ApiError } from "../data/api";
import { formatDateTime } from "../format";
import { useApp, useOrg } from "../context";
import { createRemote } from "../data/remote";
import type { PushEntity } from "../../../shared/sync/constants";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids (a location, a theme, linked findings) mean nothing read out: such a change is named, not spelled. */
const isIds = (value: unknown) => (typeof value === "string" && UUID.test(value)) || (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "string" && UUID.test(v)));
/** "journeyStageId" → "journey stage", for fields a screen did not name. */
const fieldWords = (field: string) => field.replace(/Ids?$/, "").replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();

const shown = (value: unknown, empty: string): string => {
  if (value === null || value === undefined || value === "") return empty;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
};

/**
 * "Changed by … on …" under a record, and every change behind a disclosure: who, when, each
 * field from → to. The history lives on the server (it is the organisation's record of who did
 * what), so it shows when online; `version` changes whenever the record does, to fetch again.
 */
export function RecordHistory(props: {
  entity: PushEntity;
  id: string;
  version?: string;
  labels?: Record<string, string>;
  /** How a field's values read, where the screen words them itself (a structured value, say). */
  values?: Record<string, (value: unknown) => string>;
}) {
  const { api, i18n, session } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const [open, setOpen] = createSignal(false);
  const history = createRemote(
    () => (session.online() ? `${props.id}|${props.version ?? ""}` : ""),
    () =>
      api
        .call("get", "/orgs/:orgId/history/:entity/:entityId", { param: { orgId: org().orgId, entity: props.entity, entityId: props.id } })
        .then((answer) => answer.entries)
        // A record not on the server yet (made offline) has no history there: the same as none so far.
        .catch((error: unknown) => (error instanceof ApiError && error.status === 404 ? [] : Promise.reject(error))),
    { ask: session.online },
  );
  const entries = history.value;
  const failed = () => history.error() !== null;
  const who = (entry: HistoryEntry) => entry.by.name || t("history.someone");
  const when = (entry: HistoryEntry) => formatDateTime(entry.at, i18n.language());
  const latest = () => entries()?.[0];

  return (
    <section class="record-history" aria-labelledby={`history-${props.id}`}>
      <h2 id={`history-${props.id}`} class="visually-hidden">
        {t("history.title")}
      </h2>
      <Show when={session.online() || entries()} fallback={<p class="hint">{t("history.offline")}</p>}>
        <Show when={!failed()} fallback={<p class="hint">{t("history.failed")}</p>}>
          <Show when={latest()} fallback={<Show when={entries()}>{<p class="hint">{t("history.empty")}</p>}</Show>}>
            {(entry) => (
              <p class="item-meta" data-testid="history-summary">
                {t(entry().op === "create" ? "history.created" : "history.lastChange", { name: who(entry()), when: when(entry()) })}{" "}
                <button type="button" class="button-link" aria-expanded={open()} onClick={() => setOpen(!open())}>
                  {open() ? t("history.hide") : t("history.show")}
                </button>
              </p>
            )}
          </Show>
          <Show when={open() && entries()}>
            <ol class="history-list" data-testid="history-list">
              <For each={entries()}>
                {(entry) => (
                  <li data-op={entry.op}>
                    <strong>{who(entry)}</strong> · {when(entry)} · {t(`history.op.${entry.op}`)}
                    <Show when={entry.conflict}> ({t("history.conflict")})</Show>
                    {/* A creation lists nothing: what it was created with is on the screen above, or changed since. */}
                    <Show when={entry.op !== "create" && Object.keys(entry.fields).length > 0}>
                      <ul>
                        <For each={Object.entries(entry.fields)}>
                          {([field, change]) => {
                            const name = props.labels?.[field] ?? fieldWords(field);
                            const worded = props.values?.[field];
                            const value = (v: unknown) => (worded && v !== null && v !== undefined ? worded(v) : shown(v, t("history.emptyValue")));
                            return (
                              <li>
                                {!worded && (isIds(change.from) || isIds(change.to))
                                  ? t("history.fieldChanged", { field: name })
                                  : t("history.field", { field: name, from: value(change.from), to: value(change.to) })}
                              </li>
                            );
                          }}
                        </For>
                      </ul>
                    </Show>
                  </li>
                )}
              </For>
            </ol>
          </Show>
        </Show>
      </Show>
    </section>
  );
}
