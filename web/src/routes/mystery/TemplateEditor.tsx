import { useParams } from "@solidjs/router";
import { For, Match, Show, Switch } from "solid-js";
import type { MysterySection } from "../../../../shared/schemas/mystery";
import { Page } from "../../components/Page";
import { Loading } from "../../components/Status";
import { useApp, useOrg } from "../../context";
import { orgHref } from "../../nav";
import { useFormat, useRecordList } from "./records";
import { isScored } from "../../../../shared/mystery/score";
import type { LocationKind } from "../../../../shared/enums";
import { canEditTemplates, draftFromTemplate, emptyDraft, type Channel } from "./template";
import { TemplateForm } from "./TemplateForm";

/** `/o/:orgId/mystery/templates/new` and `…/templates/:templateId`: build or change a template, or read it. */
export default function TemplateEditor() {
  const { i18n } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const params = useParams<{ templateId?: string }>();
  const templates = useRecordList("mystery_template");
  const shops = useRecordList("mystery_shop");
  const isNew = () => !params.templateId;
  const existing = () => templates.items().find((tpl) => tpl.id === params.templateId);

  return (
    <Switch>
      <Match when={isNew() && !canEditTemplates(org().role)}>
        <Page title={t("mystery.editor.newTitle")}>
          <p class="notice">{t("mystery.editor.notAllowed")}</p>
          <BackToTemplates />
        </Page>
      </Match>
      <Match when={isNew()}>
        <TemplateForm id={crypto.randomUUID()} initial={emptyDraft()} isNew archived={false} usedBy={0} usedWithoutCopy={0} />
      </Match>
      <Match when={templates.loading()}>
        <Loading />
      </Match>
      <Match when={!existing()}>
        <Page title={t("mystery.editor.notFoundTitle")}>
          <p class="notice">{t("mystery.editor.notFound")}</p>
          <BackToTemplates />
        </Page>
      </Match>
      <Match when={!canEditTemplates(org().role) && existing()}>
        {(template) => (
          <TemplateView
            name={template().name ?? ""}
            channel={template().channel ?? "store"}
            locationKinds={template().locationKinds ?? null}
            sections={template().sections ?? []}
            archived={Boolean(template().archived)}
          />
        )}
      </Match>
      <Match when={existing()}>
        {(template) => (
          // Keyed: the draft is taken once from the stored template, not reset by every refresh.
          <Show when={template().id} keyed>
            {(id) => (
              <TemplateForm
                id={id}
                initial={draftFromTemplate(template())}
                isNew={false}
                archived={Boolean(template().archived)}
                usedBy={shops.items().filter((shop) => shop.templateId === id).length}
                usedWithoutCopy={shops.items().filter((shop) => shop.templateId === id && !shop.sections).length}
                version={template().updatedAt}
              />
            )}
          </Show>
        )}
      </Match>
    </Switch>
  );
}

function BackToTemplates() {
  const { i18n } = useApp();
  const org = useOrg();
  return (
    <p>
      <a href={orgHref(org().orgId, "mystery/templates")}>{i18n.t("mystery.editor.back")}</a>
    </p>
  );
}


/** A template for those who use it but may not change it. */
function TemplateView(props: { name: string; channel: Channel; locationKinds: LocationKind[] | null; sections: MysterySection[]; archived: boolean }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const format = useFormat();
  return (
    <Page title={props.name}>
      <p class="muted">
        {t(`mystery.channel.${props.channel}`)} · {format.usedAt(props.locationKinds)}
        <Show when={props.archived}>
          {" "}
          <span class="badge">{t("settings.archivedBadge")}</span>
        </Show>
      </p>
      <p class="notice">{t("mystery.editor.readOnly")}</p>
      <For each={props.sections}>
        {(section) => (
          <section class="card" aria-labelledby={`view-section-${section.id}`}>
            <h2 id={`view-section-${section.id}`}>{section.title}</h2>
            <ol class="template-view-questions">
              <For each={section.questions}>
                {(question) => (
                  <li>
                    <p class="row-title">{question.text}</p>
                    <p class="row-meta">
                      {t(`mystery.kind.${question.kind}`)}
                      {isScored(question) ? ` · ${t("mystery.question.weightIs", { weight: question.weight })}` : ""}
                      {question.naAllowed ? ` · ${t("mystery.editor.naAllowedShort")}` : ""}
                      <Show when={question.critical}>
                        {" "}
                        <span class="badge badge-danger">{t("mystery.question.criticalBadge")}</span>
                      </Show>
                    </p>
                  </li>
                )}
              </For>
            </ol>
          </section>
        )}
      </For>
      <BackToTemplates />
    </Page>
  );
}
