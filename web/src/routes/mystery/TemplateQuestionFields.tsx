import { Show } from "solid-js";
import { CheckboxField, SelectField, TextField } from "../../fields/Fields";
import { useApp } from "../../context";
import { MoveButtons } from "../../components/MoveButtons";
import { controlId, LIMITS, type QuestionDraft } from "./template";
import type { TemplateEditing } from "./template-editing";
import { QUESTION_KINDS } from "../../../../shared/enums";

/** One question of a template being edited: its text, kind, weight, n/a and critical settings, and its place. */
export function TemplateQuestionFields(props: { question: QuestionDraft; index: number; count: number; sectionIndex: number; editing: TemplateEditing }) {
  const { t } = useApp().i18n;
  const question = props.question;
  const { issue, clearIssue } = props.editing;
  const update = (change: Partial<QuestionDraft>) => props.editing.updateQuestion(props.sectionIndex, props.index, change);
  const kindChoices = () => QUESTION_KINDS.map((kind) => ({ value: kind, label: t(`mystery.kind.${kind}`) }));
  return (
    <li>
      <fieldset class="template-question">
        <legend>{t("mystery.editor.questionLegend", { number: props.index + 1 })}</legend>
        <div class="stack">
          <TextField
            id={controlId.questionText(question.id)}
            label={t("mystery.editor.questionText")}
            required
            limit={LIMITS.text}
            value={question.text}
            onValue={(value) => {
              update({ text: value });
              clearIssue(controlId.questionText(question.id));
            }}
            error={issue(controlId.questionText(question.id))}
          />
          <div class="question-settings">
            <SelectField
              id={`question-${question.id}-kind`}
              label={t("mystery.editor.kind")}
              value={question.kind}
              onValue={(value) => update({ kind: value as QuestionDraft["kind"] })}
              choices={kindChoices()}
            />
            {/* Free text is a remark, not a measure: it has no weight. */}
            <Show when={question.kind !== "text"} fallback={<p class="hint question-unscored">{t("mystery.editor.weightTextHint")}</p>}>
              <TextField
                id={controlId.questionWeight(question.id)}
                label={t("mystery.editor.weight")}
                hint={t("mystery.editor.weightHint")}
                inputMode="decimal"
                value={question.weight}
                onValue={(value) => {
                  update({ weight: value });
                  clearIssue(controlId.questionWeight(question.id));
                }}
                error={issue(controlId.questionWeight(question.id))}
              />
            </Show>
          </div>
          <CheckboxField id={`question-${question.id}-na`} label={t("mystery.editor.naAllowed")} checked={question.naAllowed} onValue={(checked) => update({ naAllowed: checked })} />
          <Show when={question.kind !== "text"}>
            <CheckboxField
              id={`question-${question.id}-critical`}
              label={t("mystery.editor.critical")}
              hint={question.kind === "yes_no" ? t("mystery.editor.criticalHintYesNo") : t("mystery.editor.criticalHintScale")}
              checked={question.critical}
              onValue={(checked) => update({ critical: checked })}
            />
          </Show>
          <div class="button-row">
            <MoveButtons
              id={`question-${question.id}`}
              index={props.index}
              count={props.count}
              upLabel={t("mystery.editor.moveQuestionUp", { number: props.index + 1 })}
              downLabel={t("mystery.editor.moveQuestionDown", { number: props.index + 1 })}
              onMove={(delta) => props.editing.moveQuestion(props.sectionIndex, props.index, delta)}
            />
            <button type="button" class="button button-small button-quiet" onClick={() => props.editing.removeQuestion(props.sectionIndex, props.index)}>
              {t("mystery.editor.removeQuestion")}
              <span class="visually-hidden"> {props.index + 1}</span>
            </button>
          </div>
        </div>
      </fieldset>
    </li>
  );
}
