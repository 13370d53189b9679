import { sampleSizeCheck } from "../../../../shared/experiments/sample-size";
import { createEffect, createMemo, For, lazy, on, Show, Suspense } from "solid-js";
import type { ExperimentFields, KpiResult } from "../../../../shared/schemas/experiment";
import { createProgressive } from "../../components/stages";
import { EmptyState } from "../../components/Status";
import { useApp } from "../../context";
import type { Entity } from "../../data/local/types";
import { KpiResultBody, type KpiResultProps } from "./KpiResultBody";
import { mergeResults, sameResult } from "./result-draft";
import { kpiSlots, type KpiSlot } from "./results";
import { isMeasuredDesign } from "../../../../shared/experiments/pilot-result";
import "./results.css";

// A pilot's measured result brings its statistics and charts along: loaded when one is shown.
const PilotResult = lazy(() => import("./PilotResult"));

export interface ExperimentResultsProps {
  experiment: Entity<"experiment">;
  /** The organisation's KPIs (at least the experiment's primary and guardrail KPIs). */
  kpis: Entity<"kpi">[];
  /** Whether this person may enter and change the figures. */
  canEdit: boolean;
  /** The experiment's whole `results` list after an edit; the caller writes it to the device store. */
  onChange: (results: KpiResult[]) => void;
  /** For a store pilot: whether this person may set its window, and saving it. */
  canEditWindow: boolean;
  onSave: (fields: Partial<ExperimentFields>) => void;
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
        <Show when={isMeasuredDesign(props.experiment.design)}>
          <Suspense fallback={<p class="loading">{t("common.loading")}</p>}>
            <PilotResult experiment={props.experiment} kpis={props.kpis} canEditWindow={props.canEditWindow} onSave={props.onSave} />
          </Suspense>
        </Show>
        <Show when={!isMeasuredDesign(props.experiment.design)}>
          <TypedResults {...props} slotIds={slotIds()} roleOf={roleOf} save={save} />
        </Show>
        {/* Figures typed for a pilot before its result was measured stay readable (and correctable). */}
        <Show when={isMeasuredDesign(props.experiment.design) && (props.experiment.results ?? []).length > 0}>
          <details class="card results-typed">
            <summary>{t("pilot.typedEarlier")}</summary>
            <TypedResults {...props} slotIds={slotIds()} roleOf={roleOf} save={save} />
          </details>
        </Show>
      </Show>
    </section>
  );
}

/** Hand-typed group totals, per KPI: an A/B split (or a design not chosen yet). */
function TypedResults(props: ExperimentResultsProps & { slotIds: string[]; roleOf: (kpiId: string) => KpiSlot["role"]; save: (kpiId: string, result: KpiResult | null) => void }) {
  const { t } = useApp().i18n;
  // A KPI's form, and then what its figures mean (verdict and charts), are each a long stretch of
  // drawing: one per part, in the order they stand, so nothing drawn moves down.
  const steps = createProgressive(() => props.slotIds.flatMap((kpiId) => [kpiId, kpiId]), 1);
  const slots = createMemo(() => [...new Set(steps())]);
  const readingShown = (index: number) => steps().length > 2 * index + 1;
  return (
    <>
        <Show when={props.canEdit}>
          <p class="hint">{t("results.intro")}</p>
        </Show>
        <For each={slots()}>
          {(kpiId, index) => (
            <KpiResultBlock
              kpiId={kpiId}
              role={props.roleOf(kpiId)}
              kpi={props.kpis.find((kpi) => kpi.id === kpiId)}
              stored={(props.experiment.results ?? []).find((r) => r.kpiId === kpiId)}
              design={props.experiment.design ?? null}
              treatmentShare={props.experiment.treatmentShare ?? null}
              sampleSize={sampleSizeCheck(props.experiment, props.kpis.find((kpi) => kpi.id === props.experiment.primaryKpiId)?.kind)}
              canEdit={props.canEdit}
              onSave={(result) => props.save(kpiId, result)}
              reading={readingShown(index())}
            />
          )}
        </For>
    </>
  );
}

function KpiResultBlock(props: KpiResultProps) {
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

