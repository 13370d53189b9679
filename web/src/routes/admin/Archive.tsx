import { createSignal, For, Show } from "solid-js";
import type { ArchivedRecord } from "../../../../shared/archive";
import { ApiError } from "../../data/api";
import { formatDateTime, formatDay } from "../../format";
import { describeError } from "../../fields/form";
import { Page } from "../../components/Page";
import { useApp, useOrg } from "../../context";
import { useLocal } from "../../data/local/context";
import { createRemote } from "../../data/remote";

/**
 * Deleted records, restorable by an admin for 90 days. A restore is an ordinary synced change:
 * this device syncs at once, every other one at its next sync. After 90 days a record can be
 * purged for good (its content and the values in its history are erased; the fact stays).
 */
export default function Archive() {
  const { api, i18n, session, toaster } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const { sync } = useLocal();
  const [busy, setBusy] = createSignal<string | null>(null);
  const archive = createRemote(
    () => (session.online() ? org().orgId : ""),
    async (orgId) => (await api.call("get", "/orgs/:orgId/archive", { param: { orgId } })).records,
    { ask: session.online },
  );
  const records = () => (archive.error() ? undefined : archive.value());

  async function act(record: ArchivedRecord, action: "restore" | "purge") {
    if (action === "purge" && !window.confirm(t("archive.purgeConfirm"))) return;
    setBusy(record.entityId);
    try {
      await api.call("post", `/orgs/:orgId/archive/:entity/:id/${action}`, { param: { orgId: org().orgId, entity: record.entity, id: record.entityId } });
      toaster.show(t(action === "restore" ? "archive.restored" : "archive.purged"));
      await archive.reload();
      void sync.syncNow();
    } catch (error) {
      const code = error instanceof ApiError ? error.code : "";
      const known = code === "too_recent" || code === "incomplete" || code === "not_archived";
      toaster.show(known ? t(`archive.refused.${code}`) : describeError(i18n, error), { tone: "error" });
    } finally {
      setBusy(null);
    }
  }

  return (
    <Page title={t("archive.title")}>
      <p class="muted">{t("archive.intro")}</p>
      <Show when={session.online() || records()} fallback={<p class="notice">{t("archive.offline")}</p>}>
        <Show when={!archive.error()} fallback={<p class="notice notice-error">{t("archive.failed")}</p>}>
          <Show when={records()} fallback={<p class="loading">{t("common.loading")}</p>}>
            {(records) => (
              <Show when={records().length > 0} fallback={<p class="empty">{t("archive.empty")}</p>}>
                <ul class="archive-list" aria-label={t("archive.title")}>
                  <For each={records()}>
                    {(record) => {
                      const purgeable = () => Date.parse(record.purgeableFrom) <= Date.now();
                      return (
                        <li data-testid="archived-record">
                          <p>
                            <span class="badge">{t(`archive.entity.${record.entity}`)}</span> <strong>{record.title.trim() || t("archive.untitled")}</strong>
                          </p>
                          <p class="item-meta">
                            {t("archive.deletedBy", { name: record.deletedBy.name || t("history.someone"), when: formatDateTime(record.deletedAt, i18n.language()) })}
                          </p>
                          <p class="button-row">
                            <button type="button" class="button" disabled={busy() !== null} onClick={() => void act(record, "restore")}>
                              {t("archive.restore")}
                            </button>
                            <Show when={purgeable()} fallback={<span class="hint">{t("archive.purgeFrom", { date: formatDay(record.purgeableFrom.slice(0, 10), i18n.language()) })}</span>}>
                              <button type="button" class="button button-danger" disabled={busy() !== null} onClick={() => void act(record, "purge")}>
                                {t("archive.purge")}
                              </button>
                            </Show>
                          </p>
                        </li>
                      );
                    }}
                  </For>
                </ul>
              </Show>
            )}
          </Show>
        </Show>
      </Show>
    </Page>
  );
}
