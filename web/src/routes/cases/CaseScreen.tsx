import "../../capture/capture.css";
import "../experiments/experiments.css";
import "./cases.css";
import { A, useSearchParams } from "@solidjs/router";
import { createMemo, createSignal, For, Show } from "solid-js";
import { DESCRIPTION_MAX, ITEM_TITLE_MAX, LABEL_MAX, TEXT_MAX, TITLE_MAX } from "../../../../shared/limits";
import type { BusinessCaseFields, CaseOption, CaseRisk } from "../../../../shared/schemas/business-case";
import { createDraftRecord } from "../../data/draft";
import { byId, factsOf, useList, useMe, useMembers } from "../../data/records";
import { ConflictNotice } from "../../components/ConflictNotice";
import { DeleteRecord } from "../../components/DeleteRecord";
import { AutoSaveText, PendingBadge } from "../../capture/ui";
import { SelectField } from "../../fields/Fields";
import { CommitText, LimitNote, limitDescribedBy, textFit, tooLong } from "../../components/TextLimit";
import { Page } from "../../components/Page";
import { RecordHistory } from "../../components/RecordHistory";
import { useApp, useOrg } from "../../context";
import { orgHref } from "../../nav";
import { formatInput, parseIdList } from "../experiments/model";
import { ownerChoices } from "../experiments/people";
import type { Language } from "../experiments/results";
import { Benefits } from "./Benefits";
import { CaseDecisions, CaseHistory } from "./CaseDecisions";
import {
  amountFromInput,
  canEditCases,
  caseStatusOf,
  DEFAULT_DISCOUNT_RATE,
  DEFAULT_HORIZON_YEARS,
  doNothingOption,
  EMPTY_CASE,
  fieldsOf,
  formatCount,
  formatLift,
  historyOf,
  isWon,
  liftFromExperiment,
  liftFromInput,
  liftToInput,
  primaryExperiment,
  rateFromInput,
  SCENARIO_NAMES,
  scenariosOf,
  withDoNothing,
  type LiftPrefill,
} from "./model";
import { NumberInput as NumberInputField } from "../../fields/NumberInput";
import { useDefaultDiscountRate } from "./org-defaults";
import { LossWarning, NpvChart, ScenarioTable } from "./Scenarios";

/**
 * A business case, new (`cases/new`, optionally `?experiments=<id>,<id>`) or existing. Every
 * field saves itself on this device; the figures are computed here, so the case can be worked
 * on offline. A new case comes into being with its first entry, then the address becomes its own.
 */
export default function CaseScreen() {
  const { i18n } = useApp();
  const { t } = i18n;
  const language = () => i18n.language() as Language;
  const org = useOrg();
  const me = useMe();
  const [search] = useSearchParams<{ experiments?: string }>();
  const cases = useList("business_case");
  const decisions = useList("business_case_decision");
  const experiments = useList("experiment");
  const findings = useList("finding");
  const kpis = useList("kpi");
  const themes = useList("theme");
  const members = useMembers();
  const kpiOf = byId(kpis.all);
  /** Which way the experiment's KPI is better: the lift of a lower-is-better KPI is its reduction. */
  const directionOf = (experiment: { primaryKpiId?: string | null } | undefined) => kpiOf(experiment?.primaryKpiId)?.direction;
  const defaultRate = useDefaultDiscountRate();

  const { id, isDraft, record, failed, save: saveDraft } = createDraftRecord({
    entity: "business_case",
    list: cases.all,
    path: "cases",
    first: (changes) => ({ ...defaults(), ...changes }),
  });
  const [titleError, setTitleError] = createSignal<string | null>(null);
  // The rule book: cases are written by CX operations and admins, and only as drafts.
  const canEdit = () => (record() ? me.mayEdit("business_case", factsOf(record()!), "title") : me.mayCreate("business_case"));

  // Kept from the first render: the address loses `?experiments=` once the case exists.
  const requested = parseIdList(search.experiments);

  const newDoNothing = () => doNothingOption(t("case.doNothing"), t("case.doNothingText"));
  /** What a new case starts with: its experiments, the lift they measured, the organisation's discount rate. */
  const defaults = (): BusinessCaseFields => {
    const primary = primaryExperiment(requested, experiments.all());
    const prefill = liftFromExperiment(primary, directionOf(primary));
    return {
      ...EMPTY_CASE,
      title: primary?.title ? t("case.titleFrom", { title: primary.title }) : t("case.untitled"),
      experimentIds: requested,
      kpiId: prefill?.kpiId ?? primary?.primaryKpiId ?? null,
      baseline: prefill?.baseline ?? primary?.baseline ?? null,
      lift: prefill?.lift ?? null,
      themeId: primary?.themeId ?? null,
      volumeLabel: t("case.volumeLabelDefault"),
      horizonYears: DEFAULT_HORIZON_YEARS,
      discountRate: defaultRate() ?? DEFAULT_DISCOUNT_RATE,
      options: [newDoNothing()],
      ownerId: me.id(),
    };
  };
  const fields = createMemo((): BusinessCaseFields => (record() ? fieldsOf(record()) : defaults()));
  const value = <K extends keyof BusinessCaseFields>(name: K): BusinessCaseFields[K] => fields()[name];

  async function save(changes: Partial<BusinessCaseFields>) {
    if (canEdit()) await saveDraft(changes);
  }

  // The lift ------------------------------------------------------------------------------
  const primary = createMemo(() => primaryExperiment(value("experimentIds"), experiments.all()));
  const measured = createMemo((): LiftPrefill | null => liftFromExperiment(primary(), directionOf(primary())));
  const kpi = () => kpiOf(value("kpiId"));
  /** Without a measured result the numbers are the author's own, and need the same reason. */
  const overridden = () => value("liftOverridden") || measured() === null;
  const liftEditable = () => canEdit() && overridden();

  async function chooseExperiments(ids: string[]) {
    const changes: Partial<BusinessCaseFields> = { experimentIds: ids };
    if (!value("liftOverridden")) {
      const chosen = primaryExperiment(ids, experiments.all());
      const prefill = liftFromExperiment(chosen, directionOf(chosen));
      if (prefill) Object.assign(changes, { kpiId: prefill.kpiId, baseline: prefill.baseline, lift: prefill.lift });
    }
    await save(changes);
  }

  async function setOverride(on: boolean) {
    const prefill = measured();
    if (!on && prefill) await save({ liftOverridden: false, kpiId: prefill.kpiId, baseline: prefill.baseline, lift: prefill.lift });
    else await save({ liftOverridden: on });
  }

  async function saveLift(name: "low" | "base" | "high", amount: number | null) {
    const current = value("lift") ?? measured()?.lift ?? { low: 0, base: 0, high: 0 };
    if (amount === null) return;
    await save({ lift: { ...current, [name]: amount }, liftOverridden: true });
  }

  const experimentChoices = createMemo(() =>
    [...experiments.all()].filter((x) => x.title).sort((a, b) => Number(isWon(b)) - Number(isWon(a)) || (a.title ?? "").localeCompare(b.title ?? "")),
  );

  // Options and risks ---------------------------------------------------------------------
  const options = () => withDoNothing(value("options"), newDoNothing);
  const [optionTitle, setOptionTitle] = createSignal("");
  const [riskTitle, setRiskTitle] = createSignal("");
  const updateOption = (optionId: string, patch: Partial<CaseOption>) => save({ options: options().map((o) => (o.id === optionId ? { ...o, ...patch } : o)) });
  const updateRisk = (riskId: string, patch: Partial<CaseRisk>) => save({ risks: value("risks").map((r) => (r.id === riskId ? { ...r, ...patch } : r)) });

  const scenarios = createMemo(() => scenariosOf(fields()));
  const history = createMemo(() => historyOf(decisions.all(), id()));
  const ready = () => cases.loaded() && experiments.loaded() && kpis.loaded();
  const heading = () => (record()?.title ? record()!.title! : isDraft() ? t("case.newTitle") : t("case.title"));
  const money = (amount: number | null) => formatInput(amount, language());
  const scale = () => (kpi()?.kind === "proportion" ? t("case.inPoints") : kpi()?.unit === "eur" ? "€" : "");
  const scores = [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: String(n) }));

  return (
    <Page title={heading()} class="page case-page">
      <p class="back-link">
        <A href={orgHref(org().orgId, "cases")}>{t("case.back")}</A>
      </p>
      <Show when={ready()} fallback={<p class="loading">{t("common.loading")}</p>}>
        <Show when={record() || (isDraft() && canEditCases(me.role()))} fallback={<p class="notice">{isDraft() ? t("case.cannotCreate") : t("case.notFound")}</p>}>
          <p class="item-meta">
            <PendingBadge pending={record()?.pending ?? false} />
            <Show when={record()}>
              <A class="button button-secondary button-small" href={orgHref(org().orgId, `cases/${id()}/pack`)}>
                {t("case.packLink")}
              </A>
            </Show>
          </p>
          <Show when={!canEdit()}>
            <p class="notice">{t(canEditCases(me.role()) ? "case.lockedWhileDecided" : "case.readOnly")}</p>
          </Show>

          <section class="card" aria-labelledby="case-what-heading">
            <h2 id="case-what-heading">{t("case.whatHeading")}</h2>
            <Show when={canEdit()}>
              <AutoSaveText
                id="case-title"
                label={t("case.fieldTitle")}
                multiline={false}
                limit={TITLE_MAX}
                value={record()?.title ?? ""}
                save={async (text) => {
                  const title = text.trim();
                  setTitleError(title || !record() ? null : t("case.titleRequired"));
                  if (title) await save({ title });
                }}
              />
              <div role="alert">
                <Show when={titleError()}>
                  <p class="field-error">{titleError()}</p>
                </Show>
              </div>
            </Show>
            <AutoSaveText id="case-summary" label={t("case.summary")} hint={t("case.summaryHint")} rows={4} limit={TEXT_MAX} readOnly={!canEdit()} value={value("summary")} save={(summary) => save({ summary })} />
            <AutoSaveText id="case-ask" label={t("case.ask")} hint={t("case.askHint")} rows={3} limit={DESCRIPTION_MAX} readOnly={!canEdit()} value={value("ask")} save={(ask) => save({ ask })} />
          </section>

          <section class="card" aria-labelledby="case-experiments-heading">
            <h2 id="case-experiments-heading">{t("case.experimentsHeading")}</h2>
            <Show when={experimentChoices().length > 0} fallback={<p class="empty">{t("case.noExperiments")}</p>}>
              <fieldset class="choice-list case-experiments" disabled={!canEdit()}>
                <legend class="visually-hidden">{t("case.experimentsHeading")}</legend>
                <p class="hint">{t("case.experimentsHint")}</p>
                <For each={experimentChoices()}>
                  {(x) => (
                    <label class="check-field">
                      <input
                        type="checkbox"
                        checked={value("experimentIds").includes(x.id)}
                        onChange={(event) => {
                          const ids = value("experimentIds").filter((other) => other !== x.id);
                          void chooseExperiments(event.currentTarget.checked ? [...ids, x.id] : ids);
                        }}
                      />
                      <span>
                        {x.title} <span class="status-badge" data-status={x.status ?? "idea"}>{t(`experimentStatus.${x.status ?? "idea"}`)}</span>
                      </span>
                    </label>
                  )}
                </For>
              </fieldset>
            </Show>
          </section>

          <section class="card" aria-labelledby="case-lift-heading">
            <h2 id="case-lift-heading">{t("case.liftHeading")}</h2>
            <Show when={measured()} fallback={<p class="muted">{t("case.liftNoResult")}</p>}>
              {(m) => (
                <p class="muted">
                  {t("case.liftFrom", {
                    experiment: primary()?.title ?? "",
                    kpi: kpiOf(m().kpiId)?.name ?? "",
                    base: formatLift(m().lift.base, kpiOf(m().kpiId)?.kind, kpiOf(m().kpiId)?.unit, language(), t("case.points")),
                    low: formatLift(m().lift.low, kpiOf(m().kpiId)?.kind, kpiOf(m().kpiId)?.unit, language(), t("case.points")),
                    high: formatLift(m().lift.high, kpiOf(m().kpiId)?.kind, kpiOf(m().kpiId)?.unit, language(), t("case.points")),
                  })}
                </p>
              )}
            </Show>
            <Show when={value("baseline") !== null && kpi()}>
              <p class="muted">{t("case.baseline", { kpi: kpi()!.name ?? "", value: kpi()!.kind === "proportion" ? `${formatCount((value("baseline") ?? 0) * 100, language())} %` : formatCount(value("baseline") ?? 0, language()) })}</p>
            </Show>
            <Show when={kpi()?.direction === "lower"}>
              <p class="hint" id="case-lift-lower">
                {t("case.liftLowerIsBetter")}
              </p>
            </Show>
            <div class="lift-inputs">
              <For each={SCENARIO_NAMES}>
                {(name) => (
                  <NumberInputField
                    id={`case-lift-${name}`}
                    label={t(`case.lift.${name}`)}
                    suffix={scale()}
                    text={liftToInput(value("lift")?.[name], kpi()?.kind, language())}
                    parse={(text) => liftFromInput(text, kpi()?.kind)}
                    invalid={t("case.notANumber")}
                    readOnly={!liftEditable()}
                    save={(amount) => saveLift(name, amount)}
                  />
                )}
              </For>
            </div>
            <Show when={canEdit() && measured()}>
              <label class="check-field">
                <input id="case-override" type="checkbox" checked={value("liftOverridden")} onChange={(event) => void setOverride(event.currentTarget.checked)} />
                <span>{t("case.override")}</span>
              </label>
            </Show>
            <Show when={overridden()}>
              <AutoSaveText
                id="case-override-reason"
                label={t("case.overrideReason")}
                hint={t("case.overrideReasonHint")}
                rows={2}
                limit={DESCRIPTION_MAX}
                readOnly={!canEdit()}
                value={value("liftOverrideReason")}
                save={(liftOverrideReason) => save({ liftOverrideReason, ...(measured() === null ? { liftOverridden: true } : {}) })}
              />
              <Show when={!value("liftOverrideReason").trim()}>
                <p class="field-error">{t("case.overrideReasonRequired")}</p>
              </Show>
            </Show>
          </section>

          <section class="card" aria-labelledby="case-money-heading">
            <h2 id="case-money-heading">{t("case.moneyHeading")}</h2>
            <AutoSaveText id="case-volume-label" label={t("case.volumeLabel")} hint={t("case.volumeLabelHint")} multiline={false} limit={LABEL_MAX} readOnly={!canEdit()} value={value("volumeLabel")} save={(volumeLabel) => save({ volumeLabel })} />
            <NumberInputField id="case-volume" label={t("case.annualVolume", { label: value("volumeLabel") || t("case.volumeLabelDefault") })} text={money(value("annualVolume"))} parse={amountFromInput} invalid={t("case.notAnAmount")} readOnly={!canEdit()} save={(annualVolume) => save({ annualVolume })} />
            <NumberInputField id="case-value" label={t("case.valuePerUnit")} hint={t("case.valuePerUnitHint")} suffix="€" text={money(value("valuePerUnit"))} parse={amountFromInput} invalid={t("case.notAnAmount")} readOnly={!canEdit()} save={(valuePerUnit) => save({ valuePerUnit })} />
            <NumberInputField id="case-investment" label={t("case.investment")} suffix="€" text={money(value("investment"))} parse={amountFromInput} invalid={t("case.notAnAmount")} readOnly={!canEdit()} save={(investment) => save({ investment })} />
            <NumberInputField id="case-running" label={t("case.runningCost")} suffix="€" text={money(value("runningCostPerYear"))} parse={amountFromInput} invalid={t("case.notAnAmount")} readOnly={!canEdit()} save={(runningCostPerYear) => save({ runningCostPerYear })} />
            <SelectField
              id="case-horizon"
              label={t("case.horizon")}
              value={String(value("horizonYears") ?? "")}
              disabled={!canEdit()}
              onValue={(v) => void save({ horizonYears: v ? Number(v) : null })}
              choices={[{ value: "", label: t("case.choose") }, ...Array.from({ length: 10 }, (_, i) => ({ value: String(i + 1), label: t("case.years", { n: i + 1 }) }))]}
            />
            <NumberInputField
              id="case-discount"
              label={t("case.discountRate")}
              hint={t("case.discountRateHint")}
              suffix="%"
              text={value("discountRate") === null ? "" : formatInput((value("discountRate") ?? 0) * 100, language())}
              parse={rateFromInput}
              invalid={t("case.notARate")}
              readOnly={!canEdit()}
              save={(discountRate) => save({ discountRate })}
            />
          </section>

          <section class="card" aria-labelledby="case-result-heading">
            <h2 id="case-result-heading">{t("case.resultHeading")}</h2>
            <Show when={scenarios()} fallback={<p class="empty">{t("case.resultMissing")}</p>}>
              {(s) => (
                <>
                  <LossWarning scenarios={s()} />
                  <ScenarioTable scenarios={s()} id="case-scenarios" />
                  <NpvChart scenarios={s()} />
                </>
              )}
            </Show>
          </section>

          <section class="card" aria-labelledby="case-options-heading">
            <h2 id="case-options-heading">{t("case.optionsHeading")}</h2>
            <ul class="rows case-options">
              <For each={options()}>
                {(option) => (
                  <li class="case-option">
                    <Show when={canEdit() && !option.doNothing} fallback={<p class="row-title">{option.title}</p>}>
                      <div class="field">
                        <label for={`option-title-${option.id}`}>{t("case.optionTitle")}</label>
                        <CommitText id={`option-title-${option.id}`} limit={TITLE_MAX} value={option.title} onCommit={(text) => text.trim() && void updateOption(option.id, { title: text.trim() })} />
                      </div>
                    </Show>
                    <Show when={canEdit()} fallback={<p>{option.description}</p>}>
                      <div class="field">
                        <label for={`option-text-${option.id}`}>{t("case.optionDescription", { title: option.title })}</label>
                        <CommitText id={`option-text-${option.id}`} multiline limit={DESCRIPTION_MAX} value={option.description} onCommit={(description) => void updateOption(option.id, { description })} />
                      </div>
                    </Show>
                    <Show when={option.doNothing} fallback={
                      <Show when={canEdit()}>
                        <button type="button" class="button button-quiet button-small" onClick={() => void save({ options: options().filter((o) => o.id !== option.id) })}>
                          {t("case.remove", { title: option.title })}
                        </button>
                      </Show>
                    }>
                      <p class="hint">{t("case.doNothingKept")}</p>
                    </Show>
                  </li>
                )}
              </For>
            </ul>
            <Show when={canEdit()}>
              <form
                class="field"
                onSubmit={(event) => {
                  event.preventDefault();
                  const title = optionTitle().trim();
                  if (!title || tooLong(optionTitle(), TITLE_MAX)) return;
                  void save({ options: [...options(), { id: crypto.randomUUID(), title, description: "", doNothing: false }] });
                  setOptionTitle("");
                }}
              >
                <label for="case-new-option">{t("case.newOption")}</label>
                <div class="input-with-suffix">
                  <input
                    id="case-new-option"
                    type="text"
                    value={optionTitle()}
                    aria-describedby={limitDescribedBy("case-new-option", textFit(i18n, optionTitle(), TITLE_MAX)).join(" ") || undefined}
                    onInput={(e) => setOptionTitle(e.currentTarget.value)}
                  />
                  <button type="submit" class="button button-secondary">{t("case.add")}</button>
                </div>
                <LimitNote id="case-new-option" fit={textFit(i18n, optionTitle(), TITLE_MAX)} />
              </form>
            </Show>
          </section>

          <section class="card" aria-labelledby="case-risks-heading">
            <h2 id="case-risks-heading">{t("case.risksHeading")}</h2>
            <Show when={value("risks").length > 0} fallback={<p class="empty">{t("case.noRisks")}</p>}>
              <ul class="rows case-risks">
                <For each={value("risks")}>
                  {(risk) => (
                    <li class="case-risk">
                      <p class="row-title">{risk.title}</p>
                      <div class="risk-scores">
                        <SelectField id={`risk-likelihood-${risk.id}`} label={t("case.likelihood")} value={String(risk.likelihood)} disabled={!canEdit()} choices={scores} onValue={(v) => void updateRisk(risk.id, { likelihood: Number(v) })} />
                        <SelectField id={`risk-impact-${risk.id}`} label={t("case.impact")} value={String(risk.impact)} disabled={!canEdit()} choices={scores} onValue={(v) => void updateRisk(risk.id, { impact: Number(v) })} />
                      </div>
                      <div class="field">
                        <label for={`risk-mitigation-${risk.id}`}>{t("case.mitigation")}</label>
                        <CommitText id={`risk-mitigation-${risk.id}`} multiline limit={DESCRIPTION_MAX} readOnly={!canEdit()} value={risk.mitigation} onCommit={(mitigation) => void updateRisk(risk.id, { mitigation })} />
                      </div>
                      <Show when={canEdit()}>
                        <button type="button" class="button button-quiet button-small" onClick={() => void save({ risks: value("risks").filter((r) => r.id !== risk.id) })}>
                          {t("case.remove", { title: risk.title })}
                        </button>
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
            <Show when={canEdit()}>
              <form
                class="field"
                onSubmit={(event) => {
                  event.preventDefault();
                  const title = riskTitle().trim();
                  if (!title || tooLong(riskTitle(), ITEM_TITLE_MAX)) return;
                  void save({ risks: [...value("risks"), { id: crypto.randomUUID(), title, likelihood: 3, impact: 3, mitigation: "" }] });
                  setRiskTitle("");
                }}
              >
                <label for="case-new-risk">{t("case.newRisk")}</label>
                <div class="input-with-suffix">
                  <input
                    id="case-new-risk"
                    type="text"
                    value={riskTitle()}
                    aria-describedby={limitDescribedBy("case-new-risk", textFit(i18n, riskTitle(), ITEM_TITLE_MAX)).join(" ") || undefined}
                    onInput={(e) => setRiskTitle(e.currentTarget.value)}
                  />
                  <button type="submit" class="button button-secondary">{t("case.add")}</button>
                </div>
                <LimitNote id="case-new-risk" fit={textFit(i18n, riskTitle(), ITEM_TITLE_MAX)} />
              </form>
            </Show>
          </section>

          <section class="card" aria-labelledby="case-recommendation-heading">
            <h2 id="case-recommendation-heading">{t("case.recommendationHeading")}</h2>
            <SelectField
              id="case-theme"
              label={t("case.theme")}
              value={value("themeId") ?? ""}
              disabled={!canEdit()}
              onValue={(v) => void save({ themeId: v || null })}
              choices={[
                { value: "", label: t("case.noTheme") },
                ...themes
                  .all()
                  .filter((theme) => (!theme.archived && !theme.notDoing) || theme.id === value("themeId"))
                  .map((theme) => ({ value: theme.id, label: theme.name ?? "" })),
              ]}
            />
            <AutoSaveText id="case-recommendation" label={t("case.recommendation")} hint={t("case.recommendationHint")} rows={4} limit={TEXT_MAX} readOnly={!canEdit()} value={value("recommendation")} save={(recommendation) => save({ recommendation })} />
            <SelectField
              id="case-owner"
              label={t("case.owner")}
              value={value("ownerId") ?? ""}
              disabled={!canEdit()}
              onValue={(v) => void save({ ownerId: v || null })}
              choices={ownerChoices(members(), { id: me.id(), name: t("case.me") }, t("case.noOwner"))}
            />
          </section>

          <CaseDecisions record={record()} submittedBy={history().findLast((d) => d.to === "submitted")?.userId ?? null} />
          <CaseHistory decisions={history()} />
          <Show when={record()}>
            {(r) => (
              <>
                <ConflictNotice entity="business_case" id={r().id} conflicts={r().conflicts} labels={{ title: t("case.title"), summary: t("case.summary"), ask: t("case.ask"), recommendation: t("case.recommendation") }} mayEdit={(field) => me.mayEdit("business_case", factsOf(r()), field)} />
                <RecordHistory entity="business_case" id={r().id} version={r().updatedAt} />
                <Show when={me.mayDelete("business_case", factsOf(r()))}>
                  <p>
                    <DeleteRecord entity="business_case" id={r().id} afterHref={orgHref(org().orgId, "cases")} />
                  </p>
                </Show>
              </>
            )}
          </Show>
          <Show when={record() && caseStatusOf(record()) === "approved"}>
            <Benefits caseId={id()} />
          </Show>

          <p class="hint">{t("case.savedHere")}</p>
          <div role="alert">
            <Show when={failed()}>
              <p class="notice notice-error">{t("capture.saveFailed")}</p>
            </Show>
          </div>
        </Show>
      </Show>
    </Page>
  );
}

