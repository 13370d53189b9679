import { createMemo, createSignal, For, lazy, Show, Suspense } from "solid-js";
import { DESCRIPTION_MAX } from "../../../../shared/limits";
import { snippet } from "../../capture/model";
import { byId } from "../../data/records";
import { pickable, type Finding } from "../../capture/model";
import { AutoSaveText } from "../../fields/AutoSaveText";
import { RadioChips } from "../../fields/RadioChips";
import { SelectField } from "../../fields/Fields";
import { useApp } from "../../context";
import type { ExperimentEditor } from "./editor";
import { CheckboxGroup } from "../../fields/CheckboxGroup";
import { NumberField } from "../../fields/NumberField";
import { FindingPicker } from "./FindingPicker";
import {
  assignLocation,
  baselineFromInput,
  baselineToInput,
  formatInput,
  formatRelative,
  hypothesisSentence,
  parseDecimal,
  relativeFromInput,
  relativeToInput,
  sampleSizeCheck,
  sampleSizeFor,
  type Kpi,
} from "./model";
import { formatNumber } from "../../format";
import { EXPERIMENT_DESIGNS } from "../../../../shared/enums";
import { Later } from "../../components/stages";

// The smallest effect a pilot's stores can detect reads the KPI's history: loaded with a pilot design.
const PilotPlan = lazy(() => import("./PilotPlan"));

type Setting = { id: string; name?: string | undefined; archived?: boolean | undefined; position?: number | undefined };

/** KPIs to choose from: the catalogue without archived ones (unless already chosen), by name. */
const kpiChoices = (kpis: readonly Kpi[], chosen: readonly (string | null)[]) =>
  kpis.filter((k) => !k.archived || chosen.includes(k.id)).sort((a, b) => (a.name ?? "").localeCompare(b.name ?? ""));

/**
 * The structured hypothesis as a sentence to complete: "Because we saw [findings], we believe
 * that [change] for [segment] at [journey stage] will move [primary KPI] by [expected lift]".
 * Each part has its own labelled control; the sentence above them reads back what is filled in.
 */
export function Hypothesis(props: {
  editor: ExperimentEditor;
  findings: readonly Finding[];
  kpis: readonly Kpi[];
  segments: readonly Setting[];
  stages: readonly Setting[];
  locationName: (id: string | null | undefined) => string | undefined;
  onFindings: (ids: string[]) => void;
  /** The parts to fill in follow the sentence once this says so (a task later: see createStages). */
  detail: boolean;
}) {
  const { i18n, toaster } = useApp();
  const { t } = i18n;
  const e = props.editor;
  const findingOf = byId(() => [...props.findings]);
  const kpiOf = byId(() => [...props.kpis]);
  const segmentOf = byId(() => [...props.segments]);
  const stageOf = byId(() => [...props.stages]);
  const primary = () => kpiOf(e.value("primaryKpiId"));

  const sentence = createMemo(() => {
    const lift = e.value("expectedLift");
    return hypothesisSentence(
      {
        findings: e
          .value("findingIds")
          .map((id) => findingOf(id)?.saw)
          .filter((saw): saw is string => Boolean(saw?.trim()))
          .map((saw) => snippet(saw, 70)),
        change: e.value("change"),
        segment: segmentOf(e.value("segmentId"))?.name,
        stage: stageOf(e.value("journeyStageId"))?.name,
        kpi: primary()?.name,
        lift: lift === null ? undefined : formatRelative(lift, i18n.language()),
      },
      { template: t("hypothesis.template"), blank: t("hypothesis.blank"), andMore: t("hypothesis.andMore"), and: t("hypothesis.and") },
    );
  });

  const settingChoices = (list: readonly Setting[], chosen: string | null, none: string) => [
    { value: "", label: none },
    ...pickable(list, chosen).map((s) => ({ value: s.id, label: s.name ?? "" })),
  ];

  function choosePrimary(id: string) {
    const previous = e.value("primaryKpiId");
    const next = id || null;
    if (next === previous) return;
    const fields: Parameters<ExperimentEditor["save"]>[0] = { primaryKpiId: next, guardrailKpiIds: e.value("guardrailKpiIds").filter((g) => g !== next) };
    // A baseline and a sample size belong to the KPI they were worked out for.
    if (previous && (e.value("baseline") !== null || e.value("requiredSampleSize") !== null)) {
      fields.baseline = null;
      fields.requiredSampleSize = null;
      toaster.show(t("hypothesis.kpiChangedCleared"), { tone: "info" });
    }
    void e.save(fields);
  }

  return (
    <section class="card hypothesis" aria-labelledby="hypothesis-heading">
      <h2 id="hypothesis-heading">{t("hypothesis.heading")}</h2>
      <p class="hypothesis-sentence" data-testid="hypothesis-sentence">
        {sentence()}
      </p>
      <Show when={props.detail}>
        <div class="stack hypothesis-parts">
          <FindingPicker
            id="experiment-findings"
            legend={t("hypothesis.findings")}
            hint={t("hypothesis.findingsHint")}
            chosen={e.value("findingIds")}
            findings={props.findings}
            disabled={!e.canEdit("change")}
            stageName={(id) => stageOf(id)?.name}
            locationName={props.locationName}
            onChange={props.onFindings}
          />
          {/* The picker lists findings; the fields below it are a part of their own (see Later). */}
          <Later>
            <AutoSaveText
              id="experiment-change"
              label={t("hypothesis.change")}
              hint={t("hypothesis.changeHint")}
              rows={3}
              limit={DESCRIPTION_MAX}
              readOnly={!e.canEdit("change")}
              value={e.value("change")}
              save={(change) => e.save({ change })}
            />
            <SelectField
              id="experiment-segment"
              label={t("hypothesis.segment")}
              value={e.value("segmentId") ?? ""}
              disabled={!e.canEdit("change")}
              onValue={(v) => void e.save({ segmentId: v || null })}
              choices={settingChoices(props.segments, e.value("segmentId"), t("hypothesis.anySegment"))}
            />
            <SelectField
              id="experiment-stage"
              label={t("hypothesis.stage")}
              value={e.value("journeyStageId") ?? ""}
              disabled={!e.canEdit("change")}
              onValue={(v) => void e.save({ journeyStageId: v || null })}
              choices={settingChoices(props.stages, e.value("journeyStageId"), t("hypothesis.noStage"))}
            />
            <SelectField
              id="experiment-kpi"
              label={t("hypothesis.kpi")}
              hint={props.kpis.length === 0 ? t("hypothesis.noKpis") : t("hypothesis.kpiHint")}
              value={e.value("primaryKpiId") ?? ""}
              disabled={!e.canEdit("change")}
              onValue={choosePrimary}
              choices={[{ value: "", label: t("hypothesis.chooseKpi") }, ...kpiChoices(props.kpis, [e.value("primaryKpiId")]).map((k) => ({ value: k.id, label: k.name ?? "" }))]}
            />
            <NumberField
              id="experiment-lift"
              label={t("hypothesis.lift")}
              hint={t("hypothesis.liftHint")}
              suffix="%"
              disabled={!e.canEdit("change")}
              value={relativeToInput(e.value("expectedLift"), i18n.language())}
              parse={(text) => {
                const parsed = relativeFromInput(text);
                return parsed.ok ? parsed : { ok: false, message: t("number.invalidPercent") };
              }}
              save={(expectedLift) => e.save({ expectedLift })}
            />
          </Later>
        </div>
      </Show>
    </section>
  );
}

/**
 * How the hypothesis will be measured: guardrails, the primary KPI's baseline in its own scale,
 * the smallest effect worth finding, the sample that needs, and the design.
 */
export function Measurement(props: { editor: ExperimentEditor; kpis: readonly Kpi[]; locations: readonly Setting[] }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const e = props.editor;
  const kpiOf = byId(() => [...props.kpis]);
  const primary = () => kpiOf(e.value("primaryKpiId"));
  const kind = () => primary()?.kind;
  const [sizeMessage, setSizeMessage] = createSignal<string | null>(null);

  const unitLabel = (kpi: Kpi | undefined) => (kpi?.kind === "proportion" ? "%" : kpi?.unit ? t(`measure.unit.${kpi.unit}`) : "");
  const baselineLabel = () => (primary() ? t("measure.baselineOf", { kpi: primary()!.name ?? "", unit: unitLabel(primary()) }) : t("measure.baseline"));
  const baselineHint = () => (!primary() ? t("measure.baselineNeedsKpi") : kind() === "proportion" ? t("measure.baselineProportionHint") : t("measure.baselineMeanHint"));

  function calculate() {
    const answer = sampleSizeFor(e.value("baseline"), e.value("mde"));
    if (!answer.ok) {
      setSizeMessage(t(`measure.size.${answer.reason}`));
      return;
    }
    setSizeMessage(null);
    void e.save({ requiredSampleSize: answer.perVariant });
  }

  /**
   * A new baseline or MDE of a rate KPI works the sample size out again, saved with it, and says
   * so: a size left from the earlier inputs would read as "reached" on groups that are too small.
   */
  function saveInput(fields: { baseline?: number | null; mde?: number | null }) {
    if (kind() !== "proportion") return e.save(fields);
    const before = e.value("requiredSampleSize");
    const answer = sampleSizeFor(fields.baseline !== undefined ? fields.baseline : e.value("baseline"), fields.mde !== undefined ? fields.mde : e.value("mde"));
    const count = (n: number) => formatNumber(n, i18n.language());
    if (!answer.ok) {
      setSizeMessage(before === null ? null : t("measure.sizeNotRecalculated", { before: count(before), reason: t(`measure.size.${answer.reason}`) }));
      return e.save(fields);
    }
    if (answer.perVariant === before) return e.save(fields);
    setSizeMessage(before === null ? t("measure.sizeWorkedOut", { after: count(answer.perVariant) }) : t("measure.sizeRecalculated", { before: count(before), after: count(answer.perVariant) }));
    return e.save({ ...fields, requiredSampleSize: answer.perVariant });
  }
  /** A size set by hand (or on another device) that its inputs no longer give. */
  const staleSize = () => sampleSizeCheck({ baseline: e.value("baseline"), mde: e.value("mde"), requiredSampleSize: e.value("requiredSampleSize") }, kind());

  const guardrailChoices = () =>
    kpiChoices(props.kpis, e.value("guardrailKpiIds"))
      .filter((k) => k.id !== e.value("primaryKpiId"))
      .map((k) => ({ value: k.id, label: k.name ?? "" }));
  const places = () => pickable(props.locations, null).filter((l) => !l.archived || e.value("pilotLocationIds").includes(l.id) || e.value("controlLocationIds").includes(l.id));

  function placeIn(group: "pilot" | "control" | null, id: string) {
    const next = assignLocation({ pilot: e.value("pilotLocationIds"), control: e.value("controlLocationIds") }, id, group);
    void e.save({ pilotLocationIds: next.pilot, controlLocationIds: next.control });
  }

  return (
    <section class="card" aria-labelledby="measure-heading">
      <h2 id="measure-heading">{t("measure.heading")}</h2>
      <div class="stack">
        <CheckboxGroup
          name="experiment-guardrails"
          legend={t("measure.guardrails")}
          hint={t("measure.guardrailsHint")}
          choices={guardrailChoices()}
          chosen={e.value("guardrailKpiIds")}
          disabled={!e.canEdit("change")}
          empty={t("measure.noOtherKpis")}
          onToggle={(id, checked) => {
            const current = e.value("guardrailKpiIds").filter((g) => g !== id);
            void e.save({ guardrailKpiIds: checked ? [...current, id] : current });
          }}
        />
        <NumberField
          id="experiment-baseline"
          label={baselineLabel()}
          hint={baselineHint()}
          suffix={unitLabel(primary()) || undefined}
          disabled={!e.canEdit("change") || !primary()}
          value={baselineToInput(e.value("baseline"), kind(), i18n.language())}
          parse={(text) => {
            const parsed = baselineFromInput(text, kind());
            return parsed.ok ? parsed : { ok: false, message: t(parsed.reason === "not_a_percentage" ? "number.notPercentage" : "number.invalid") };
          }}
          save={(baseline) => saveInput({ baseline })}
        />
        <NumberField
          id="experiment-mde"
          label={t("measure.mde")}
          hint={t("measure.mdeHint")}
          suffix="%"
          disabled={!e.canEdit("change")}
          value={relativeToInput(e.value("mde"), i18n.language())}
          parse={(text) => {
            const parsed = relativeFromInput(text);
            return parsed.ok ? parsed : { ok: false, message: t("number.invalidPercent") };
          }}
          save={(mde) => saveInput({ mde })}
        />
        <NumberField
          id="experiment-sample"
          label={t("measure.sampleSize")}
          hint={kind() === "proportion" ? t("measure.sampleSizeProportionHint") : t("measure.sampleSizeMeanHint")}
          inputMode="numeric"
          disabled={!e.canEdit("change")}
          value={formatInput(e.value("requiredSampleSize"), i18n.language())}
          parse={(text) => {
            const parsed = parseDecimal(text, { amount: true });
            if (parsed.ok && (parsed.value === null || (Number.isInteger(parsed.value) && parsed.value >= 1 && parsed.value <= 1e12))) return parsed;
            return { ok: false, message: t("number.wholeNumber") };
          }}
          save={(requiredSampleSize) => {
            setSizeMessage(null);
            return e.save({ requiredSampleSize });
          }}
        >
          <Show when={kind() === "proportion" && e.canEdit("change")}>
            <button type="button" class="button button-secondary" onClick={calculate}>
              {t("measure.calculate")}
            </button>
          </Show>
        </NumberField>
        <div role="status">
          <Show when={sizeMessage()}>
            <p class="notice">{sizeMessage()}</p>
          </Show>
        </div>
        <Show when={e.value("requiredSampleSize")}>
          {(n) => <p class="muted">{t("measure.sampleTotal", { total: formatNumber(n() * 2, i18n.language()) })}</p>}
        </Show>
        <Show when={staleSize().stale && !sizeMessage()}>
          <p class="notice notice-warning">{t("measure.sizeStale", { computed: formatNumber(staleSize().computed ?? 0, i18n.language()) })}</p>
        </Show>

        <RadioChips
          name="experiment-design"
          legend={t("measure.design")}
          value={e.value("design")}
          disabled={!e.canEdit("change")}
          onValue={(design) => void e.save({ design })}
          choices={EXPERIMENT_DESIGNS.map((d) => ({ value: d, label: t(`design.${d}`) }))}
        />
        <Show when={e.value("design")}>{(d) => <p class="hint">{t(`design.${d()}Hint`)}</p>}</Show>
        <Show when={e.value("design") === "ab_split"}>
          <NumberField
            id="experiment-treatment-share"
            label={t("measure.treatmentShare")}
            hint={t("measure.treatmentShareHint")}
            suffix="%"
            disabled={!e.canEdit("change")}
            value={relativeToInput(e.value("treatmentShare") ?? null, i18n.language())}
            parse={(text) => {
              const parsed = relativeFromInput(text);
              if (parsed.ok && (parsed.value === null || (parsed.value > 0 && parsed.value < 1))) return parsed;
              return { ok: false, message: t("measure.treatmentShareInvalid") };
            }}
            save={(treatmentShare) => e.save({ treatmentShare })}
          />
        </Show>
        {/* A store pilot is read from its locations' measurements: pilot and control, or the pilot stores alone before and after. */}
        <Show when={e.value("design") === "pilot_control" || e.value("design") === "before_after"}>
          <fieldset class="location-groups" aria-describedby="experiment-locations-hint">
            <legend>{t("measure.locations")}</legend>
            <p id="experiment-locations-hint" class="hint">
              {t("measure.locationsHint", { pilot: e.value("pilotLocationIds").length, control: e.value("controlLocationIds").length })}
            </p>
            <Show when={places().length > 0} fallback={<p class="muted">{t("measure.noLocations")}</p>}>
              <ul class="location-rows">
                <For each={places()}>
                  {(place) => {
                    const group = () => (e.value("pilotLocationIds").includes(place.id) ? "pilot" : e.value("controlLocationIds").includes(place.id) ? "control" : "");
                    return (
                      <li>
                        <SelectField
                          id={`experiment-location-${place.id}`}
                          class="field location-row"
                          label={place.name ?? ""}
                          value={group()}
                          disabled={!e.canEdit("change")}
                          onValue={(v) => placeIn(v === "pilot" || v === "control" ? v : null, place.id)}
                          choices={[
                            { value: "", label: t("measure.notIncluded") },
                            { value: "pilot", label: t("measure.pilot") },
                            ...(e.value("design") === "pilot_control" ? [{ value: "control", label: t("measure.control") }] : []),
                          ]}
                        />
                      </li>
                    );
                  }}
                </For>
              </ul>
            </Show>
          </fieldset>
          <Suspense>
            <PilotPlan
              experiment={{
                id: "",
                design: e.value("design"),
                pilotLocationIds: e.value("pilotLocationIds"),
                controlLocationIds: e.value("controlLocationIds"),
                pilotStart: e.value("pilotStart"),
                pilotEnd: e.value("pilotEnd"),
              }}
              kpi={primary()}
            />
          </Suspense>
        </Show>
      </div>
    </section>
  );
}
