import { createEffect, createMemo, createSignal, For, Match, on, Show, Switch } from "solid-js";
import type { ExperimentDesign, KpiResult } from "../../../../shared/schemas/experiment";
import type { KpiKind } from "../../../../shared/schemas/kpi";
import type { Comparison } from "../../../../shared/stats";
import { TextField } from "../../fields/Fields";
import { LiftChart } from "../../components/LiftChart";
import { EmptyState } from "../../components/Status";
import { useApp } from "../../context";
import type { Entity } from "../../data/local/types";
import {
  ARMS,
  armSizes,
  armValues,
  betterSide,
  compareForReading,
  draftFromResult,
  expectedSplitFor,
  fieldsOf,
  fitsKind,
  formatChance,
  formatPValue,
  intervalSide,
  kpiSlots,
  liftFormat,
  mergeResults,
  numberLocale,
  readDraft,
  readResult,
  sameResult,
  sampleProgress,
  sampleRatioApplies,
  type Arm,
  type DraftReading,
  type KpiSlot,
  type KpiTraits,
  type ResultDraft,
  type ResultField,
} from "./results";
import "./results.css";

export interface ExperimentResultsProps {
  experiment: Entity<"experiment">;
  /** The organisation's KPIs (at least the experiment's primary and guardrail KPIs). */
  kpis: Entity<"kpi">[];
  /** Whether this person may enter and change the figures. */
  canEdit: boolean;
  /** The experiment's whole `results` list after an edit; the caller writes it to the device store. */
  onChange: (results: KpiResult[]) => void;
}

/**
 * An experiment's results: per KPI (the primary first, then the guardrails) the figures of both
 * groups, and what they mean — lifts with their intervals as charts and as numbers, p-value,
 * chance the change is better, sample-ratio mismatch, sample size reached, and a plain verdict.
 * Everything is worked out on the device, so it works offline.
 */
export function ExperimentResults(props: ExperimentResultsProps) {
  const { i18n } = useApp();
  const { t } = i18n;
  const slots = createMemo(() => kpiSlots(props.experiment));
  // Keyed by id, not by slot object: a new list after every save must not rebuild the forms.
  const slotIds = createMemo(() => slots().map((slot) => slot.kpiId));
  const roleOf = (kpiId: string): KpiSlot["role"] => slots().find((slot) => slot.kpiId === kpiId)?.role ?? "guardrail";

  // Edits made here that the stored experiment does not show yet: two KPIs saved in quick
  // succession must not each start from the list before the other's write.
  const edits = new Map<string, KpiResult | null>();
  createEffect(
    on(
      () => props.experiment.results,
      (stored) => {
        for (const [kpiId, edit] of [...edits]) {
          if (sameResult(stored?.find((r) => r.kpiId === kpiId) ?? null, edit)) edits.delete(kpiId);
        }
      },
    ),
  );
  const current = () => mergeResults(props.experiment.results ?? [], edits);

  function save(kpiId: string, result: KpiResult | null) {
    if (sameResult(current().find((r) => r.kpiId === kpiId) ?? null, result)) return;
    edits.set(kpiId, result);
    props.onChange(current());
  }

  return (
    <section class="experiment-results" aria-labelledby="experiment-results-heading">
      <h2 id="experiment-results-heading">{t("results.heading")}</h2>
      <Show when={slotIds().length > 0} fallback={<EmptyState text={t("results.noKpis")} />}>
        <Show when={props.canEdit}>
          <p class="hint">{t("results.intro")}</p>
        </Show>
        <For each={slotIds()}>
          {(kpiId) => (
            <KpiResultBlock
              kpiId={kpiId}
              role={roleOf(kpiId)}
              kpi={props.kpis.find((kpi) => kpi.id === kpiId)}
              stored={(props.experiment.results ?? []).find((r) => r.kpiId === kpiId)}
              design={props.experiment.design ?? null}
              treatmentShare={props.experiment.treatmentShare ?? null}
              requiredSampleSize={props.experiment.requiredSampleSize ?? null}
              canEdit={props.canEdit}
              onSave={(result) => save(kpiId, result)}
            />
          )}
        </For>
      </Show>
    </section>
  );
}

interface BlockProps {
  kpiId: string;
  role: KpiSlot["role"];
  kpi: Entity<"kpi"> | undefined;
  stored: KpiResult | undefined;
  design: ExperimentDesign | null;
  treatmentShare: number | null;
  requiredSampleSize: number | null;
  canEdit: boolean;
  onSave: (result: KpiResult | null) => void;
}

function KpiResultBlock(props: BlockProps) {
  const { i18n } = useApp();
  const { t } = i18n;
  const headingId = () => `result-${props.kpiId}-heading`;
  return (
    <article class="card result-kpi" aria-labelledby={headingId()}>
      <div class="result-kpi-head">
        <h3 id={headingId()}>{props.kpi?.name ?? t("entity.kpi")}</h3>
        <span class="badge" classList={{ "badge-guardrail": props.role === "guardrail" }}>
          {t(props.role === "primary" ? "results.primary" : "results.guardrail")}
        </span>
      </div>
      <Show when={props.kpi?.kind} keyed fallback={<p class="notice">{t("results.kpiMissing")}</p>}>
        {/* Keyed on the kind: a KPI that changes kind starts a fresh form of the other shape. */}
        {(kind) => (
          <KpiResultBody
            {...props}
            kind={kind}
            traits={{
              kind,
              unit: props.kpi?.unit ?? (kind === "proportion" ? "percent" : "count"),
              direction: props.kpi?.direction ?? "higher",
            }}
            kpiName={props.kpi?.name ?? ""}
          />
        )}
      </Show>
    </article>
  );
}

function KpiResultBody(props: BlockProps & { kind: KpiKind; traits: KpiTraits; kpiName: string }) {
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
                  <SampleSize result={ready().result} required={props.requiredSampleSize} />
                </Show>
              </>
            )}
          </Match>
        </Switch>
      </div>
    </>
  );
}

function Outcome(props: { compared: Comparison; result: KpiResult; traits: KpiTraits; role: KpiSlot["role"]; kpiName: string; design: ExperimentDesign | null; treatmentShare: number | null }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const language = i18n.language;
  const reading = createMemo(() => readResult(props.compared, props.traits, language()));
  const format = createMemo(() => liftFormat(props.compared, props.traits, language(), { points: t("results.points") }));
  const values = () => armValues(props.result);
  const srmCounts = () => {
    const count = (n: number) => new Intl.NumberFormat(numberLocale(language()), { maximumFractionDigits: 0 }).format(n);
    const sizes = armSizes(props.result);
    const split = expectedSplitFor(props.design, props.treatmentShare);
    const total = sizes.control + sizes.treatment;
    return {
      control: count(sizes.control),
      treatment: count(sizes.treatment),
      expectedControl: count((total * split[0]) / (split[0] + split[1])),
      expectedTreatment: count((total * split[1]) / (split[0] + split[1])),
    };
  };

  const sideText = (interval: readonly [number, number]) => {
    const side = intervalSide(interval, props.traits.direction);
    return t(side === "better" ? "results.chart.sideBetter" : side === "worse" ? "results.chart.sideWorse" : "results.chart.sideEither");
  };
  const lifts = () => {
    const { relativeLift, ciRelative } = props.compared;
    const absolute = { what: t("results.absoluteLift"), estimate: props.compared.absoluteLift, interval: props.compared.ciAbsolute, show: format().absolute };
    // A control at 0 has no relative lift; the note below says so instead of a chart.
    if (relativeLift === null || ciRelative === null) return [absolute];
    return [absolute, { what: t("results.relativeLift"), estimate: relativeLift, interval: ciRelative, show: format().relative }];
  };

  return (
    <div class="result-read">
      {/* Before the verdict: it says whether to trust the verdict at all. */}
      <Show when={sampleRatioApplies(props.design) && props.compared.srm.mismatch}>
        <div class="notice notice-warning">
          <p>
            <strong>{t("results.srm")}</strong>
          </p>
          <p>{t("results.srmDetail", srmCounts())}</p>
        </div>
      </Show>

      {/* Announced when a committed change alters the verdict, not on every keystroke. */}
      <p class={`verdict verdict-${reading().tone}`} aria-live="polite">
        <strong>{reading().description.text}</strong>
      </p>
      <Show when={props.role === "guardrail"}>
        <p class={`guardrail guardrail-${reading().guardrail}`}>
          <span aria-hidden="true">{reading().guardrail === "hurt" ? "✕ " : "✓ "}</span>
          {t(reading().guardrail === "hurt" ? "results.guardrailHurt" : "results.guardrailHeld", { kpi: props.kpiName })}
        </p>
      </Show>
      <div class="result-lifts">
        <For each={lifts()}>
          {(lift) => {
            const [low, high] = lift.interval;
            return (
              <div class="result-lift">
                <h4 class="result-lift-title">
                  {lift.what} <span class="result-lift-value">{lift.show(lift.estimate)}</span>
                </h4>
                <LiftChart
                  estimate={lift.estimate}
                  low={low}
                  high={high}
                  tone={reading().tone}
                  betterSide={betterSide(props.traits.direction)}
                  betterWord={t("results.chart.better")}
                  worseWord={t("results.chart.worse")}
                  label={t("results.chart.label", {
                    what: lift.what,
                    estimate: lift.show(lift.estimate),
                    low: lift.show(low),
                    high: lift.show(high),
                    side: sideText(lift.interval),
                  })}
                />
                <p class="result-interval">{t("results.interval", { low: lift.show(low), high: lift.show(high) })}</p>
              </div>
            );
          }}
        </For>
        <Show when={props.compared.relativeLift === null}>
          <p class="hint result-no-relative">{t(props.traits.kind === "proportion" ? "results.noRelativeLift.proportion" : "results.noRelativeLift.mean")}</p>
        </Show>
      </div>

      <dl class="facts result-facts">
        <dt>{t("results.groupValues")}</dt>
        <dd>{t("results.groups", { control: format().value(values().control), treatment: format().value(values().treatment) })}</dd>
        <dt>{t("results.chanceBetter")}</dt>
        <dd>{formatChance(reading().description.chanceBetter, language())}</dd>
        <dt>{t("results.pValue")}</dt>
        <dd>
          {formatPValue(props.compared.pValue, language())}
          <span class="hint result-p-hint">{t("results.pValueHint")}</span>
        </dd>
      </dl>
      <Show when={!sampleRatioApplies(props.design)}>
        <p class="hint">{t("results.srmNotChecked")}</p>
      </Show>
    </div>
  );
}

function SampleSize(props: { result: KpiResult; required: number | null }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const count = (n: number) => new Intl.NumberFormat(numberLocale(i18n.language())).format(n);
  const progress = () => sampleProgress(props.result, props.required);
  return (
    <div class="result-sample">
      <h4>{t("results.sample")}</h4>
      <Show when={progress()} fallback={<p class="hint">{t("results.sampleUnknown")}</p>}>
        {(p) => (
          <>
            <For each={p().arms}>
              {(arm) => {
                const label = () => t("results.sampleArm", { group: t(`results.${arm.arm}`), count: count(arm.count), required: count(p().required) });
                return (
                  <div class="sample-arm">
                    <p id={`sample-${arm.arm}-${props.result.kpiId}`} class="sample-label">
                      {label()}
                    </p>
                    <div
                      class="sample-bar"
                      classList={{ "sample-reached": arm.reached }}
                      role="progressbar"
                      aria-labelledby={`sample-${arm.arm}-${props.result.kpiId}`}
                      aria-valuemin={0}
                      aria-valuemax={p().required}
                      aria-valuenow={Math.min(arm.count, p().required)}
                      aria-valuetext={label()}
                    >
                      <span class="sample-fill" style={{ width: `${Math.round(arm.share * 1000) / 10}%` }} />
                    </div>
                  </div>
                );
              }}
            </For>
            <p class={p().reached ? "sample-done" : "sample-short"}>
              {t(p().reached ? "results.sampleReached" : "results.sampleNotReached", { required: count(p().required) })}
            </p>
          </>
        )}
      </Show>
    </div>
  );
}

/** The figures as a table, for people who may read but not change them. */
function ReadOnlyFigures(props: { kind: KpiKind; kpiName: string; result: KpiResult | null }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const number = (n: number) => new Intl.NumberFormat(numberLocale(i18n.language()), { maximumFractionDigits: 4 }).format(n);
  return (
    <Show when={props.result} fallback={<p class="empty">{t("results.notEntered")}</p>}>
      {(result) => (
        <>
          <p class="hint">{t("results.readOnly")}</p>
          <div class="result-table-wrap">
            <table class="result-table">
              <caption class="visually-hidden">{t("results.figuresCaption", { kpi: props.kpiName })}</caption>
              <thead>
                <tr>
                  <td />
                  <For each={ARMS}>{(arm) => <th scope="col">{t(`results.${arm}`)}</th>}</For>
                </tr>
              </thead>
              <tbody>
                <For each={fieldsOf(props.kind)}>
                  {(field) => (
                    <tr>
                      <th scope="row">{t(`results.field.${field}`)}</th>
                      <For each={ARMS}>{(arm) => <td>{number((result()[arm] as Record<string, number>)[field] ?? 0)}</td>}</For>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </>
      )}
    </Show>
  );
}
