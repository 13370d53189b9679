import "../../capture/capture.css";
import "../experiments/experiments.css";
import "./cases.css";
import { useSearchParams } from "@solidjs/router";
import { createMemo, Show } from "solid-js";
import type { BusinessCaseFields } from "../../../../shared/schemas/business-case";
import { PendingBadge } from "../../components/Badges";
import { ConflictNotice } from "../../components/ConflictNotice";
import { DeleteRecord } from "../../components/DeleteRecord";
import { Page } from "../../components/Page";
import { RecordHistory } from "../../components/RecordHistory";
import { useApp, useOrg } from "../../context";
import { createDraftRecord } from "../../data/draft";
import { byId, factsOf, useList, useMe } from "../../data/records";
import { useMembers } from "../../data/members";
import { orgHref } from "../../nav";
import { parseIdList } from "../experiments/model";
import { Benefits } from "./Benefits";
import { CaseDecisions, CaseHistory } from "./CaseDecisions";
import { CaseExperiments, CaseLift } from "./CaseLift";
import { CaseMoney, CaseResult } from "./CaseMoney";
import { CaseOptions, CaseRisks } from "./CaseOptions";
import { CaseRecommendation, CaseWhat } from "./CaseWhat";
import type { CaseEditor } from "./editor";
import {
  canEditCases,
  caseStatusOf,
  doNothingOption,
  fieldsOf,
  historyOf,
  liftFromExperiment,
  primaryExperiment,
  withDoNothing,
  type PilotContext,
} from "./model";
import { usePackRecords } from "./pack-records";
import { packViewOf } from "./pack-view";
import { PackBody } from "./PackBody";
import { PackChanges } from "./PackChanges";
import { useDefaultDiscountRate } from "./org-defaults";
import { DEFAULT_DISCOUNT_RATE, DEFAULT_HORIZON_YEARS, EMPTY_CASE } from "../../../../shared/defaults";
import { SavedHere } from "../../components/Alert";

/**
 * A business case, new (`cases/new`, optionally `?experiments=<id>,<id>`) or existing. Every
 * field saves itself on this device; the figures are computed here, so the case can be worked
 * on offline. A new case comes into being with its first entry, then the address becomes its own.
 */
export default function CaseScreen() {
  const { i18n } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const me = useMe();
  const [search] = useSearchParams<{ experiments?: string }>();
  const cases = useList("business_case");
  const pack = usePackRecords();
  const { experiments, kpis, decisions, themes, pilot: pilotRecords } = pack.lists;
  const members = useMembers();
  const kpiOf = byId(kpis.all);
  /** Which way the experiment's KPI is better: the lift of a lower-is-better KPI is its reduction. */
  const directionOf = (experiment: { primaryKpiId?: string | null } | undefined) => kpiOf(experiment?.primaryKpiId)?.direction;
  const defaultRate = useDefaultDiscountRate();
  // A store pilot's lift is measured from the KPI's values on this device.
  const pilot: PilotContext = {
    get records() {
      return pilotRecords.records();
    },
    kpiOf,
  };

  const { id, isDraft, record, failed, save: saveDraft } = createDraftRecord({
    entity: "business_case",
    list: cases.all,
    path: "cases",
    first: (changes) => ({ ...defaults(), ...changes }),
  });
  // The rule book: cases are written by CX operations and admins, and only as drafts.
  const canEdit = () => (record() ? me.mayEdit("business_case", factsOf(record()!), "title") : me.mayCreate("business_case"));

  // Kept from the first render: the address loses `?experiments=` once the case exists.
  const requested = parseIdList(search.experiments);

  const newDoNothing = () => doNothingOption(t("case.doNothing"), t("case.doNothingText"));
  /** What a new case starts with: its experiments, the lift they measured, the organisation's discount rate. */
  const defaults = (): BusinessCaseFields => {
    const primary = primaryExperiment(requested, experiments.all());
    const prefill = liftFromExperiment(primary, directionOf(primary), pilot);
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

  const editor: CaseEditor = { value, save, canEdit };
  const options = () => withDoNothing(value("options"), newDoNothing);
  const history = createMemo(() => historyOf(decisions.all(), id()));
  const ready = () => cases.loaded() && pack.loaded();
  /**
   * Whoever cannot change the case (the board, or anyone once it is submitted) reads it as the
   * board decides on it — the submission, its evidence and what changed — with the decision at
   * the top, not the author's form greyed out.
   */
  const deciding = () => record() !== undefined && !canEdit();
  /** A draft that was submitted before says what changed since (and why it came back, when its evidence moved). */
  const submittedBefore = () => pack.records.snapshots.some((s) => s.businessCaseId === id());
  const view = createMemo(() => (record() && ready() && (deciding() || submittedBefore()) ? packViewOf(record()!, pack.records) : null));
  /** What the case's primary experiment measured: scenarios beyond it are flagged. */
  const measured = createMemo(() => {
    const primary = primaryExperiment(fields().experimentIds, experiments.all());
    return liftFromExperiment(primary, directionOf(primary), pilot);
  });
  const heading = () => (record()?.title ? record()!.title! : isDraft() ? t("case.newTitle") : t("case.title"));

  return (
    <Page title={heading()} class="page case-page">
      <p class="back-link">
        <a href={orgHref(org().orgId, "cases")}>{t("case.back")}</a>
      </p>
      <Show when={ready()} fallback={<p class="loading">{t("common.loading")}</p>}>
        <Show when={record() || (isDraft() && canEditCases(me.role()))} fallback={<p class="notice">{isDraft() ? t("case.cannotCreate") : t("case.notFound")}</p>}>
          <p class="item-meta">
            <PendingBadge pending={record()?.pending ?? false} />
            <Show when={record()}>
              <a class="button button-secondary button-small" href={orgHref(org().orgId, `cases/${id()}/pack`)}>
                {t("case.packLink")}
              </a>
            </Show>
          </p>
          <Show
            when={deciding() && view()}
            fallback={
              <>
                <Show when={view()}>{(v) => <PackChanges view={v()} decided={false} headingLevel={2} kpis={kpis.all()} previous={pack.records.snapshots.filter((s) => s.businessCaseId === id()).flatMap((s) => s.experiments)} />}</Show>
                <CaseWhat editor={editor} title={record()?.title} saved={record() !== undefined} />
                <CaseExperiments editor={editor} experiments={experiments.all()} directionOf={directionOf} pilot={pilot} kpiOf={kpiOf} />
                <CaseLift editor={editor} experiments={experiments.all()} kpiOf={kpiOf} directionOf={directionOf} pilot={pilot} />
                <CaseMoney editor={editor} />
                <CaseResult fields={fields()} measured={measured()} kpi={kpiOf(fields().kpiId)} />
                <CaseOptions editor={editor} options={options()} />
                <CaseRisks editor={editor} />
                <CaseRecommendation editor={editor} themes={themes.all()} members={members()} />
                <CaseDecisions record={record()} submittedBy={history().findLast((d) => d.to === "submitted")?.userId ?? null} />
                <CaseHistory decisions={history()} />
              </>
            }
          >
            {(decisionView) => (
              <>
                <CaseDecisions record={record()} submittedBy={history().findLast((d) => d.to === "submitted")?.userId ?? null} />
                <Show when={canEditCases(me.role())}>
                  <p class="notice">{t("case.lockedWhileDecided")}</p>
                </Show>
                <PackBody record={record()!} view={decisionView()} records={pack.records} scenariosId="case-scenarios" showTitle={false} />
              </>
            )}
          </Show>
          <Show when={record()}>
            {(r) => (
              <>
                <Show when={!deciding()}>
                  <ConflictNotice entity="business_case" id={r().id} conflicts={r().conflicts} labels={{ title: t("case.title"), summary: t("case.summary"), ask: t("case.ask"), recommendation: t("case.recommendation") }} mayEdit={(field) => me.mayEdit("business_case", factsOf(r()), field)} />
                </Show>
                <RecordHistory entity="business_case" id={r().id} version={r().updatedAt} />
                <Show when={me.mayDelete("business_case", factsOf(r()))}>
                  <p>
                    <DeleteRecord entity="business_case" id={r().id} afterHref={orgHref(org().orgId, "cases")} />
                  </p>
                </Show>
              </>
            )}
          </Show>
          <Show when={record() && caseStatusOf(record()) === "approved" ? record() : undefined}>
            {(approved) => <Benefits record={approved()} cases={cases.all()} kpis={kpis.all()} members={members()} />}
          </Show>

          <SavedHere text={t("case.savedHere")} failed={failed()} />
        </Show>
      </Show>
    </Page>
  );
}

