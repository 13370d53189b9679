import { For, Show } from "solid-js";
import { TextField } from "../../fields/Fields";
import { useApp } from "../../context";
import { MoveButtons } from "../../components/MoveButtons";
import { controlId, LIMITS, type SectionDraft } from "./template";
import type { TemplateEditing } from "./template-editing";
import { TemplateQuestionFields } from "./TemplateQuestionFields";

/** One section of a template being edited: its title, its questions, and its place among the sections. */
export function TemplateSectionFields(props: { section: SectionDraft; index: number; count: number; editing: TemplateEditing }) {
  const { t } = useApp().i18n;
  const section = props.section;
  const { issue, clearIssue } = props.editing;
  return (
    <fieldset class="card template-section">
      <legend>{t("mystery.editor.sectionLegend", { number: props.index + 1, title: section.title.trim() })}</legend>
      <div class="stack">
        <TextField
          id={controlId.sectionTitle(section.id)}
          label={t("mystery.editor.sectionTitle")}
          required
          limit={LIMITS.title}
          value={section.title}
          onValue={(value) => {
            props.editing.setDraft("sections", props.index, "title", value);
            clearIssue(controlId.sectionTitle(section.id));
          }}
          error={issue(controlId.sectionTitle(section.id))}
        />
        <ol class="template-questions">
          <For each={section.questions}>
            {(question, index) => <TemplateQuestionFields question={question} index={index()} count={section.questions.length} sectionIndex={props.index} editing={props.editing} />}
          </For>
        </ol>
        <div>
          <button
            type="button"
            class="button button-secondary"
            id={controlId.addQuestion(section.id)}
            aria-describedby={issue(controlId.addQuestion(section.id)) ? `${controlId.addQuestion(section.id)}-error` : undefined}
            onClick={() => props.editing.addQuestion(props.index)}
          >
            {t("mystery.editor.addQuestion")}
            <span class="visually-hidden"> {t("mystery.editor.toSection", { number: props.index + 1 })}</span>
          </button>
          <Show when={issue(controlId.addQuestion(section.id))}>
            <p class="field-error" id={`${controlId.addQuestion(section.id)}-error`}>
              {issue(controlId.addQuestion(section.id))}
            </p>
          </Show>
        </div>
        <div class="button-row section-actions">
          <MoveButtons
            id={`section-${section.id}`}
            index={props.index}
            count={props.count}
            upLabel={t("mystery.editor.moveSectionUp", { number: props.index + 1 })}
            downLabel={t("mystery.editor.moveSectionDown", { number: props.index + 1 })}
            onMove={(delta) => props.editing.moveSection(props.index, delta)}
          />
          <button type="button" class="button button-small button-quiet" onClick={() => props.editing.removeSection(props.index)}>
            {t("mystery.editor.removeSection")}
            <span class="visually-hidden"> {props.index + 1}</span>
          </button>
        </div>
      </div>
    </fieldset>
  );
}
