import { A, useNavigate, useParams } from "@solidjs/router";
import { createSignal, For, Match, Show, Switch } from "solid-js";
import { createStore, produce } from "solid-js/store";
import type { MysterySection } from "../../../../shared/schemas/mystery";
import { CheckboxField, FormMessage, SelectField, SubmitButton, TextField } from "../../fields/Fields";
import { Page } from "../../components/Page";
import { RecordHistory } from "../../components/RecordHistory";
import { Loading } from "../../components/Status";
import { useApp, useOrg } from "../../context";
import type { MessageKey } from "../../i18n";
import { useLocal } from "../../data/local/context";
import { orgHref } from "../../nav";
import { useRecordList } from "./records";
import {
  canEditTemplates,
  CHANNELS,
  controlId,
  draftFromTemplate,
  emptyDraft,
  LIMITS,
  moved,
  newQuestion,
  newSection,
  QUESTION_KINDS,
  templateFields,
  validateTemplate,
  type Channel,
  type QuestionDraft,
  type TemplateDraft,
  type TemplateIssue,
  type TemplateIssueCode,
} from "./template";

const ISSUE_TEXT: Record<TemplateIssueCode, MessageKey> = {
  required: "issue.required",
  tooLong: "mystery.editor.tooLong",
  weight: "mystery.editor.weightInvalid",
  noQuestions: "mystery.editor.noQuestions",
  tooMany: "mystery.editor.tooMany",
};

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
        <Editor id={crypto.randomUUID()} initial={emptyDraft()} isNew archived={false} usedBy={0} usedWithoutCopy={0} />
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
        {(template) => <TemplateView name={template().name ?? ""} channel={template().channel ?? "store"} sections={template().sections ?? []} archived={Boolean(template().archived)} />}
      </Match>
      <Match when={existing()}>
        {(template) => (
          // Keyed: the draft is taken once from the stored template, not reset by every refresh.
          <Show when={template().id} keyed>
            {(id) => (
              <Editor
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
      <A href={orgHref(org().orgId, "mystery/templates")}>{i18n.t("mystery.editor.back")}</A>
    </p>
  );
}

function Editor(props: { id: string; initial: TemplateDraft; isNew: boolean; archived: boolean; usedBy: number; usedWithoutCopy: number; version?: string }) {
  const { i18n, toaster } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const local = useLocal();
  const navigate = useNavigate();
  // The draft starts from the template once; later refreshes of the stored one do not reset it.
  const [draft, setDraft] = createStore<TemplateDraft>(structuredClone(props.initial));
  const [issues, setIssues] = createSignal<TemplateIssue[]>([]);
  const [message, setMessage] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [announcement, setAnnouncement] = createSignal("");
  let form: HTMLFormElement | undefined;

  const issue = (path: string) => {
    const found = issues().find((i) => i.path === path);
    return found ? t(ISSUE_TEXT[found.code]) : undefined;
  };
  const focusSoon = (id: string) => queueMicrotask(() => document.getElementById(id)?.focus());
  const announce = (text: string) => {
    // Clearing first makes a repeated message ("moved to position 2" twice) be read again.
    setAnnouncement("");
    queueMicrotask(() => setAnnouncement(text));
  };
  // Edits clear the issue of the field being corrected, so the message does not linger.
  const clearIssue = (path: string) => issues().some((i) => i.path === path) && setIssues((list) => list.filter((i) => i.path !== path));

  function addSection() {
    const section = newSection();
    setDraft("sections", (list) => [...list, section]);
    clearIssue(controlId.addSection);
    announce(t("mystery.editor.sectionAdded", { number: draft.sections.length }));
    focusSoon(controlId.sectionTitle(section.id));
  }
  function removeSection(index: number) {
    const next = draft.sections[index + 1] ?? draft.sections[index - 1];
    setDraft("sections", (list) => list.filter((_, i) => i !== index));
    announce(t("mystery.editor.sectionRemoved", { number: index + 1 }));
    focusSoon(next ? controlId.sectionTitle(next.id) : controlId.addSection);
  }
  function moveSection(index: number, delta: -1 | 1) {
    const section = draft.sections[index];
    if (!section) return;
    setDraft("sections", (list) => moved(list, index, delta));
    const position = index + delta;
    announce(t("mystery.editor.sectionMoved", { number: position + 1 }));
    const canGoOn = delta < 0 ? position > 0 : position < draft.sections.length - 1;
    focusSoon(`section-${section.id}-${(delta < 0) === canGoOn ? "up" : "down"}`);
  }
  function addQuestion(sectionIndex: number) {
    const question = newQuestion();
    setDraft("sections", sectionIndex, "questions", (list) => [...list, question]);
    clearIssue(controlId.addSection);
    announce(t("mystery.editor.questionAdded", { number: draft.sections[sectionIndex]?.questions.length ?? 0 }));
    focusSoon(controlId.questionText(question.id));
  }
  function removeQuestion(sectionIndex: number, index: number) {
    const questions = draft.sections[sectionIndex]?.questions ?? [];
    const next = questions[index + 1] ?? questions[index - 1];
    const section = draft.sections[sectionIndex];
    setDraft("sections", sectionIndex, "questions", (list) => list.filter((_, i) => i !== index));
    announce(t("mystery.editor.questionRemoved", { number: index + 1 }));
    focusSoon(next ? controlId.questionText(next.id) : section ? controlId.addQuestion(section.id) : controlId.addSection);
  }
  function moveQuestion(sectionIndex: number, index: number, delta: -1 | 1) {
    const question = draft.sections[sectionIndex]?.questions[index];
    if (!question) return;
    setDraft("sections", sectionIndex, "questions", (list) => moved(list, index, delta));
    const position = index + delta;
    announce(t("mystery.editor.questionMoved", { number: position + 1 }));
    const count = draft.sections[sectionIndex]?.questions.length ?? 0;
    const canGoOn = delta < 0 ? position > 0 : position < count - 1;
    focusSoon(`question-${question.id}-${(delta < 0) === canGoOn ? "up" : "down"}`);
  }
  function updateQuestion(sectionIndex: number, index: number, change: Partial<QuestionDraft>) {
    setDraft(
      "sections",
      sectionIndex,
      "questions",
      index,
      produce((question) => Object.assign(question, change)),
    );
  }

  async function save(event: SubmitEvent) {
    event.preventDefault();
    if (busy()) return;
    setMessage(null);
    const found = validateTemplate(draft);
    setIssues(found);
    if (found.length > 0) {
      setMessage(t("mystery.editor.fixProblems", { count: found.length }));
      focusSoon(found[0]!.path);
      return;
    }
    setBusy(true);
    try {
      await local.store.change("mystery_template", props.id, { ...templateFields(draft), ...(props.isNew ? { archived: false } : {}) });
      toaster.show(t("mystery.editor.saved", { name: draft.name.trim() }));
      navigate(orgHref(org().orgId, "mystery/templates"));
    } catch {
      setMessage(t("mystery.saveFailed"));
    } finally {
      setBusy(false);
    }
  }

  const kindChoices = () => QUESTION_KINDS.map((kind) => ({ value: kind, label: t(`mystery.kind.${kind}`) }));
  const channelChoices = () => CHANNELS.map((channel) => ({ value: channel, label: t(`mystery.channel.${channel}`) }));

  return (
    <Page title={props.isNew ? t("mystery.editor.newTitle") : t("mystery.editor.editTitle", { name: props.initial.name })}>
      <Show when={props.archived}>
        <p class="notice">{t("mystery.editor.archivedNote")}</p>
      </Show>
      <Show when={props.usedBy > 0}>
        <p class="notice">
          {t("mystery.editor.usedBy", { count: props.usedBy })}
          <Show when={props.usedWithoutCopy > 0}> {t("mystery.editor.usedByWithoutCopy", { count: props.usedWithoutCopy })}</Show>
        </p>
      </Show>
      <form ref={form} class="stack template-form" novalidate onSubmit={save} aria-label={t("mystery.editor.formLabel")}>
        <div class="card stack">
          <TextField
            id={controlId.name}
            label={t("mystery.editor.name")}
            required
            limit={LIMITS.name}
            value={draft.name}
            onValue={(value) => {
              setDraft("name", value);
              clearIssue(controlId.name);
            }}
            error={issue(controlId.name)}
          />
          <SelectField id={controlId.channel} label={t("mystery.editor.channel")} value={draft.channel} onValue={(value) => setDraft("channel", value as Channel)} choices={channelChoices()} />
        </div>

        <For each={draft.sections}>
          {(section, sectionIndex) => (
            <fieldset class="card template-section">
              <legend>{t("mystery.editor.sectionLegend", { number: sectionIndex() + 1, title: section.title.trim() })}</legend>
              <div class="stack">
                <TextField
                  id={controlId.sectionTitle(section.id)}
                  label={t("mystery.editor.sectionTitle")}
                  required
                  limit={LIMITS.title}
                  value={section.title}
                  onValue={(value) => {
                    setDraft("sections", sectionIndex(), "title", value);
                    clearIssue(controlId.sectionTitle(section.id));
                  }}
                  error={issue(controlId.sectionTitle(section.id))}
                />
                <ol class="template-questions">
                  <For each={section.questions}>
                    {(question, index) => (
                      <li>
                        <fieldset class="template-question">
                          <legend>{t("mystery.editor.questionLegend", { number: index() + 1 })}</legend>
                          <div class="stack">
                            <TextField
                              id={controlId.questionText(question.id)}
                              label={t("mystery.editor.questionText")}
                              required
                              limit={LIMITS.text}
                              value={question.text}
                              onValue={(value) => {
                                updateQuestion(sectionIndex(), index(), { text: value });
                                clearIssue(controlId.questionText(question.id));
                              }}
                              error={issue(controlId.questionText(question.id))}
                            />
                            <div class="question-settings">
                              <SelectField
                                id={`question-${question.id}-kind`}
                                label={t("mystery.editor.kind")}
                                value={question.kind}
                                onValue={(value) => updateQuestion(sectionIndex(), index(), { kind: value as QuestionDraft["kind"] })}
                                choices={kindChoices()}
                              />
                              <TextField
                                id={controlId.questionWeight(question.id)}
                                label={t("mystery.editor.weight")}
                                hint={question.kind === "text" ? t("mystery.editor.weightTextHint") : t("mystery.editor.weightHint")}
                                inputMode="decimal"
                                value={question.weight}
                                onValue={(value) => {
                                  updateQuestion(sectionIndex(), index(), { weight: value });
                                  clearIssue(controlId.questionWeight(question.id));
                                }}
                                error={issue(controlId.questionWeight(question.id))}
                              />
                            </div>
                            <CheckboxField
                              id={`question-${question.id}-na`}
                              label={t("mystery.editor.naAllowed")}
                              checked={question.naAllowed}
                              onValue={(checked) => updateQuestion(sectionIndex(), index(), { naAllowed: checked })}
                            />
                            <Show when={question.kind !== "text"}>
                              <CheckboxField
                                id={`question-${question.id}-critical`}
                                label={t("mystery.editor.critical")}
                                hint={question.kind === "yes_no" ? t("mystery.editor.criticalHintYesNo") : t("mystery.editor.criticalHintScale")}
                                checked={question.critical}
                                onValue={(checked) => updateQuestion(sectionIndex(), index(), { critical: checked })}
                              />
                            </Show>
                            <div class="button-row">
                              <span class="move-buttons">
                                <button
                                  type="button"
                                  class="button button-small button-secondary button-icon"
                                  id={`question-${question.id}-up`}
                                  disabled={index() === 0}
                                  onClick={() => moveQuestion(sectionIndex(), index(), -1)}
                                >
                                  <span aria-hidden="true">↑</span>
                                  <span class="visually-hidden">{t("mystery.editor.moveQuestionUp", { number: index() + 1 })}</span>
                                </button>
                                <button
                                  type="button"
                                  class="button button-small button-secondary button-icon"
                                  id={`question-${question.id}-down`}
                                  disabled={index() === section.questions.length - 1}
                                  onClick={() => moveQuestion(sectionIndex(), index(), 1)}
                                >
                                  <span aria-hidden="true">↓</span>
                                  <span class="visually-hidden">{t("mystery.editor.moveQuestionDown", { number: index() + 1 })}</span>
                                </button>
                              </span>
                              <button type="button" class="button button-small button-quiet" onClick={() => removeQuestion(sectionIndex(), index())}>
                                {t("mystery.editor.removeQuestion")}
                                <span class="visually-hidden"> {index() + 1}</span>
                              </button>
                            </div>
                          </div>
                        </fieldset>
                      </li>
                    )}
                  </For>
                </ol>
                <div>
                  <button
                    type="button"
                    class="button button-secondary"
                    id={controlId.addQuestion(section.id)}
                    aria-describedby={issue(controlId.addQuestion(section.id)) ? `${controlId.addQuestion(section.id)}-error` : undefined}
                    onClick={() => addQuestion(sectionIndex())}
                  >
                    {t("mystery.editor.addQuestion")}
                    <span class="visually-hidden"> {t("mystery.editor.toSection", { number: sectionIndex() + 1 })}</span>
                  </button>
                  <Show when={issue(controlId.addQuestion(section.id))}>
                    <p class="field-error" id={`${controlId.addQuestion(section.id)}-error`}>
                      {issue(controlId.addQuestion(section.id))}
                    </p>
                  </Show>
                </div>
                <div class="button-row section-actions">
                  <span class="move-buttons">
                    <button
                      type="button"
                      class="button button-small button-secondary button-icon"
                      id={`section-${section.id}-up`}
                      disabled={sectionIndex() === 0}
                      onClick={() => moveSection(sectionIndex(), -1)}
                    >
                      <span aria-hidden="true">↑</span>
                      <span class="visually-hidden">{t("mystery.editor.moveSectionUp", { number: sectionIndex() + 1 })}</span>
                    </button>
                    <button
                      type="button"
                      class="button button-small button-secondary button-icon"
                      id={`section-${section.id}-down`}
                      disabled={sectionIndex() === draft.sections.length - 1}
                      onClick={() => moveSection(sectionIndex(), 1)}
                    >
                      <span aria-hidden="true">↓</span>
                      <span class="visually-hidden">{t("mystery.editor.moveSectionDown", { number: sectionIndex() + 1 })}</span>
                    </button>
                  </span>
                  <button type="button" class="button button-small button-quiet" onClick={() => removeSection(sectionIndex())}>
                    {t("mystery.editor.removeSection")}
                    <span class="visually-hidden"> {sectionIndex() + 1}</span>
                  </button>
                </div>
              </div>
            </fieldset>
          )}
        </For>

        <div>
          <button
            type="button"
            class="button button-secondary"
            id={controlId.addSection}
            aria-invalid={issue(controlId.addSection) ? "true" : undefined}
            aria-describedby={issue(controlId.addSection) ? `${controlId.addSection}-error` : undefined}
            onClick={addSection}
          >
            {t("mystery.editor.addSection")}
          </button>
          <Show when={issue(controlId.addSection)}>
            <p class="field-error" id={`${controlId.addSection}-error`}>
              {issue(controlId.addSection)}
            </p>
          </Show>
        </div>

        <FormMessage message={message()} />
        <div class="button-row">
          <SubmitButton busy={busy()} label={t("mystery.editor.save")} busyLabel={t("common.saving")} />
          <A class="button button-secondary" href={orgHref(org().orgId, "mystery/templates")}>
            {t("common.cancel")}
          </A>
        </div>
        <p class="visually-hidden" role="status" aria-live="polite">
          {announcement()}
        </p>
      </form>
      <Show when={!props.isNew}>
        <RecordHistory entity="mystery_template" id={props.id} version={props.version} />
      </Show>
    </Page>
  );
}

/** A template for those who use it but may not change it. */
function TemplateView(props: { name: string; channel: Channel; sections: MysterySection[]; archived: boolean }) {
  const { i18n } = useApp();
  const { t } = i18n;
  return (
    <Page title={props.name}>
      <p class="muted">
        {t(`mystery.channel.${props.channel}`)}
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
                      {t(`mystery.kind.${question.kind}`)} · {t("mystery.question.weightIs", { weight: question.weight })}
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
