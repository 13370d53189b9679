import { createSignal, For, Show } from "solid-js";
import { CheckboxField } from "../../fields/Fields";
import { Page } from "../../components/Page";
import { EmptyState, LoadError, Loading } from "../../components/Status";
import { useApp, useOrg } from "../../context";
import { useLocal } from "../../data/local/context";
import type { Entity } from "../../data/local/types";
import { orgHref } from "../../nav";
import { useFormat, useRecordList } from "./records";
import { canEditTemplates, questionCount } from "./template";
import { NotSynced } from "./NotSynced";

/** `/o/:orgId/mystery/templates`: the organisation's templates; admins and CX operations change them. */
export default function Templates() {
  const { i18n, toaster } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const format = useFormat();
  const local = useLocal();
  const templates = useRecordList("mystery_template");
  const [showArchived, setShowArchived] = createSignal(false);
  const editor = () => canEditTemplates(org().role);

  const visible = () =>
    templates
      .items()
      .filter((tpl) => showArchived() || !tpl.archived)
      .sort((a, b) => Number(Boolean(a.archived)) - Number(Boolean(b.archived)) || format.byName(a, b));

  async function setArchived(template: Entity<"mystery_template">, archived: boolean, undo = true) {
    try {
      await local.store.change("mystery_template", template.id, { archived });
      const name = template.name ?? "";
      if (!undo) return;
      toaster.show(t(archived ? "settings.archived" : "settings.restored", { name }), {
        ...(archived ? { action: { label: t("common.undo"), run: () => void setArchived(template, false, false) } } : {}),
      });
      if (archived && !showArchived()) queueMicrotask(() => document.getElementById("templates-list-heading")?.focus());
    } catch {
      toaster.show(t("mystery.saveFailed"), { tone: "error" });
    }
  }

  return (
    <Page title={t("mystery.templates.title")}>
      <p class="muted">{editor() ? t("mystery.templates.intro") : t("mystery.templates.readOnlyIntro")}</p>
      <Show when={editor()}>
        <p>
          <a class="button" href={orgHref(org().orgId, "mystery/templates/new")}>
            {t("mystery.templates.new")}
          </a>
        </p>
      </Show>
      <section class="setting-list">
        <div class="list-head">
          <h2 id="templates-list-heading" tabindex="-1">
            {t("mystery.templates.listHeading")}
          </h2>
          <CheckboxField id="templates-archived" label={t("settings.showArchived")} checked={showArchived()} onValue={setShowArchived} />
        </div>
        <Show when={templates.error()}>{(error) => <LoadError error={error()} retry={() => location.reload()} />}</Show>
        <Show when={!templates.loading()} fallback={<Loading />}>
          <Show when={visible().length > 0} fallback={<EmptyState text={editor() ? t("mystery.templates.empty") : t("mystery.templates.emptyReadOnly")} />}>
            <ul class="rows">
              <For each={visible()}>
                {(template) => (
                  <li class="row" classList={{ "row-archived": Boolean(template.archived) }}>
                    <div class="row-main">
                      <p class="row-title">
                        {template.name}
                        <Show when={template.archived}>
                          {" "}
                          <span class="badge">{t("settings.archivedBadge")}</span>
                        </Show>
                      </p>
                      <p class="row-meta">
                        {t(`mystery.channel.${template.channel ?? "store"}`)} ·{" "}
                        {t("mystery.templates.counts", { sections: template.sections?.length ?? 0, questions: questionCount(template.sections) })} ·{" "}
                        {format.usedAt(template.locationKinds)}
                        <NotSynced pending={template.pending} />
                      </p>
                    </div>
                    <div class="row-actions">
                      <a class="button button-small button-secondary" href={orgHref(org().orgId, `mystery/templates/${template.id}`)}>
                        {editor() && !template.archived ? t("common.edit") : t("mystery.templates.view")}
                        <span class="visually-hidden"> {template.name}</span>
                      </a>
                      <Show when={editor()}>
                        <button type="button" class="button button-small button-quiet" onClick={() => void setArchived(template, !template.archived)}>
                          {template.archived ? t("settings.restore") : t("settings.archive")}
                          <span class="visually-hidden"> {template.name}</span>
                        </button>
                      </Show>
                    </div>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </Show>
      </section>
    </Page>
  );
}
