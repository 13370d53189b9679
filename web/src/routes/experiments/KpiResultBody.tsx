import { createEffect, createMemo, createSignal, For, Match, on, Show, Switch } from "solid-js";
import type { KpiResult } from "../../../../shared/schemas/experiment";
import { TextField } from "../../fields/Fields";
import { useApp } from "../../context";
import type { Entity } from "../../data/local/types";
import { Outcome } from "./Outcome";
import { ReadOnlyFigures } from "./ReadOnlyFigures";
import { draftFromResult, readDraft, sameResult, type DraftReading, type ResultDraft } from "./result-draft";
import { ARMS, compareForReading, fieldsOf, fitsKind, type Arm, type KpiSlot, type KpiTraits, type ResultField } from "./results";
import { SampleSize } from "./SampleSize";
import type { SampleSizeCheck } from "../../../../shared/experiments/sample-size";
import type { ExperimentDesign, KpiKind } from "../../../../shared/enums";

/** One KPI's place in the results: its figures as stored and what it takes to read them. */
export interface KpiResultProps {
  kpiId: string;
  role: KpiSlot["role"];
  kpi: Entity<"kpi"> | undefined;
  stored: KpiResult | undefined;
  design: ExperimentDesign | null;
  treatmentShare: number | null;
  /** The primary KPI's sample size: the one set, and what the baseline and MDE now give. */
  sampleSize: SampleSizeCheck;
  canEdit: boolean;
  onSave: (result: KpiResult | null) => void;
  /** Whether what the figures mean is drawn yet (the results draw it a part after the form); drawn when not said. */
  reading?: boolean;
}

/** One KPI's figures: the form (or a table for readers), then what the committed figures mean. */
export function KpiResultBody(props: KpiResultProps & { kind: KpiKind; traits: KpiTraits; kpiName: string }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const language = i18n.language;

  // The form's text leads; the stored result catches up on every committed change. `known` is the
  // stored value the form last agreed with, so a change from another device replaces the form
  // only when nobody is halfway through editing it.
  let known: KpiResult | null = props.stored && fitsKind(props.stored, props.kind) ? props.stored : null;
  const [draft, setDraft] = createSignal<ResultDraft>(draftFromResult(props.stored, props.kind, language()));
  const [committed, setCommitted] = createSignal<ResultDraft>(draft());
  const filled = (d: ResultDraft) => ARMS.flatMap((arm) => fieldsOf(props.kind).filter((field) => (d[arm][field] ?? "").trim() !== "").map((field) => `${arm}.${field}`));
  // Figures stored earlier are judged at once; new fields only once someone has left them.
  const [touched, setTouched] = createSignal<ReadonlySet<string>>(new Set(filled(draft())));

  const live = createMemo(() => readDraft(props.kpiId, props.kind, draft(), language()));
  const reading = createMemo(() => readDraft(props.kpiId, props.kind, committed(), language()));
  const agreesWithStore = (reading: DraftReading) => sameResult(reading.storable, known) || (known === null && reading.empty);

  function adopt(stored: KpiResult | null) {
    known = stored;
    const next = draftFromResult(stored ?? undefined, props.kind, language());
    setDraft(next);
    setCommitted(next);
    setTouched(new Set(filled(next)));
  }
  createEffect(
    on(
      () => props.stored,
      (stored) => {
        const incoming = stored && fitsKind(stored, props.kind) ? stored : null;
        if (sameResult(incoming, known)) return;
        if (agreesWithStore(live())) adopt(incoming);
      },
      { defer: true },
    ),
  );
  // After a language switch the form shows the stored numbers in the new notation ("4.000" is
  // four thousand in Dutch but four in English), judged by the language they were typed in.
  let typedIn = language();
  createEffect(
    on(
      language,
      (now) => {
        const previous = typedIn;
        typedIn = now;
        if (agreesWithStore(readDraft(props.kpiId, props.kind, draft(), previous))) adopt(known);
      },
      { defer: true },
    ),
  );

  function edit(arm: Arm, field: ResultField, text: string) {
    setDraft((previous) => ({ ...previous, [arm]: { ...previous[arm], [field]: text } }));
  }
  function touch(arm: Arm, field: ResultField) {
    const path = `${arm}.${field}`;
    if (!touched().has(path)) setTouched(new Set([...touched(), path]));
  }
  function commit(arm: Arm, field: ResultField) {
    touch(arm, field);
    setCommitted(draft());
    const now = live();
    if (now.empty) {
      known = null;
      props.onSave(null);
    } else if (now.storable) {
      known = now.storable;
      props.onSave(now.storable);
    }
  }

  const issueFor = (arm: Arm, field: ResultField): string | undefined => {
    const path = `${arm}.${field}` as const;
    const code = live().issues[path];
    if (!code || !touched().has(path)) return undefined;
    if (code === "required" && live().empty) return undefined;
    return t(`results.issue.${code}`);
  };

  /** The comparison of the committed figures: a result, or the plain reason there is none. */
  const outcome = createMemo(() => {
    const result = reading().comparable;
    if (!result) return null;
    const compared = compareForReading(result, props.design, props.treatmentShare);
    return compared.ok ? { result, compared: compared.value, problem: null } : { result, compared: null, problem: compared.problem.code };
  });
  const kindChanged = () => Boolean(props.stored && !fitsKind(props.stored, props.kind));

  return (
    <>
      <Show when={kindChanged()}>
        <p class="notice">{t("results.kindChanged")}</p>
      </Show>
      <Show when={props.canEdit} fallback={<ReadOnlyFigures kind={props.kind} kpiName={props.kpiName} result={props.stored && fitsKind(props.stored, props.kind) ? props.stored : null} />}>
        <p class="hint">{t(props.kind === "proportion" ? "results.entryProportion" : "results.entryMean")}</p>
        <div class="result-arms">
          <For each={ARMS}>
            {(arm) => (
              <fieldset class="result-arm">
                <legend>{t(`results.${arm}`)}</legend>
                <div class="result-fields">
                  <For each={fieldsOf(props.kind)}>
                    {(field) => (
                      <TextField
                        id={`result-${props.kpiId}-${arm}-${field}`}
                        name={`${arm}.${field}`}
                        label={t(`results.field.${field}`)}
                        value={draft()[arm][field] ?? ""}
                        onValue={(text) => edit(arm, field, text)}
                        onChange={() => commit(arm, field)}
                        onBlur={() => touch(arm, field)}
                        error={issueFor(arm, field)}
                        inputmode={field === "mean" || field === "sd" ? "decimal" : "numeric"}
                        autocomplete="off"
                        spellcheck={false}
                      />
                    )}
                  </For>
                </div>
              </fieldset>
            )}
          </For>
        </div>
      </Show>

      <Show when={props.reading ?? true}>
        <div class="result-outcome">
          <Switch>
            <Match when={reading().empty}>
              <Show when={props.canEdit}>
                <p class="hint">{t("results.incomplete")}</p>
              </Show>
            </Match>
            <Match when={!reading().complete}>
              <p class="hint">{t("results.incomplete")}</p>
            </Match>
            <Match when={!reading().comparable}>
              <p class="hint">{t("results.invalid")}</p>
            </Match>
            <Match when={outcome()}>
              {(ready) => (
                <>
                  <Show when={ready().compared} fallback={<p class="notice notice-error">{t(`results.problem.${ready().problem ?? "out_of_range"}`)}</p>}>
                    {(compared) => (
                      <Outcome
                        compared={compared()}
                        result={ready().result}
                        traits={props.traits}
                        role={props.role}
                        kpiName={props.kpiName}
                        design={props.design}
                        treatmentShare={props.treatmentShare}
                      />
                    )}
                  </Show>
                  <Show when={props.role === "primary"}>
                    <SampleSize result={ready().result} check={props.sampleSize} />
                  </Show>
                </>
              )}
            </Match>
          </Switch>
        </div>
      </Show>
    </>
  );
}
