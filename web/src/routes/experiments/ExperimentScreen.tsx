import "./experiments.css";
import { useSearchParams } from "@solidjs/router";
import { createMemo, createSignal, Show } from "solid-js";
import { TITLE_MAX } from "../../../../shared/limits";
import type { ExperimentFields } from "../../../../shared/schemas/experiment";
import { snippet } from "../../capture/model";
import { createDraftRecord } from "../../data/draft";
import { byId, factsOf, useApprovedCaseDependencies, useList, useMe } from "../../data/records";
import { useMembers } from "../../data/members";
import { ConflictNotice } from "../../components/ConflictNotice";
import { DeleteRecord } from "../../components/DeleteRecord";
import { RecordHistory } from "../../components/RecordHistory";
import { PendingBadge } from "../../components/Badges";
import { AutoSaveText } from "../../fields/AutoSaveText";
import { Page } from "../../components/Page";
import { createStages } from "../../components/stages";
import { useApp, useOrg } from "../../context";
import { useLocal } from "../../data/local/context";
import { orgHref } from "../../nav";
import { Details } from "./Details";
import type { ExperimentEditor } from "./editor";
import { ExperimentResults, type ExperimentResultsProps } from "./ExperimentResults";
import { Hypothesis, Measurement } from "./Hypothesis";
import { DecisionLog, Lifecycle } from "./Lifecycle";
import { commonValue, decisionsOf, parseIdList, showsResults, statusOf } from "./model";
import { Plan } from "./Plan";
import { EMPTY_EXPERIMENT } from "../../../../shared/defaults";
import { SavedHere, Alert } from "../../components/Alert";

/**
 * An experiment, new (`experiments/new`, optionally `?findings=<id>,<id>`) or existing. Every
 * field saves itself on this device as it is filled in; a new experiment comes into being with
 * its first entry (then the address becomes `experiments/<id>` without leaving the screen).
 * The lifecycle moves go through the server, which checks and logs them.
 */
export default function ExperimentScreen() {
  const { i18n } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const me = useMe();
  const { store } = useLocal();
  const [search] = useSearchParams<{ findings?: string }>();
  const experiments = useList("experiment");
  const findings = useList("finding");
  const kpis = useList("kpi");
  const decisions = useList("experiment_decision");
  const locations = useList("location");
  const stages = useList("journey_stage");
  const segments = useList("segment");
  const themes = useList("theme");
  const members = useMembers();
  const locationOf = byId(locations.all);
  const findingOf = byId(findings.all);

  const { id, isDraft, record: experiment, failed, save: saveDraft } = createDraftRecord({
    entity: "experiment",
    list: experiments.all,
    path: "experiments",
    // The first entry creates the experiment with every field, in one change.
    first: (fields) => ({ ...defaults(), ...fields }),
    created: (first) => linkFindings(first.findingIds ?? []),
  });
  const [titleError, setTitleError] = createSignal<string | null>(null);
  const dependencies = useApprovedCaseDependencies();
  const canEdit = (field = "title") => {
    const x = experiment();
    return x ? me.mayEdit("experiment", factsOf(x), field) : me.mayCreate("experiment");
  };

  // Kept from the first render: the address loses `?findings=` once the experiment exists.
  const requested = parseIdList(search.findings);
  const startFindings = () => requested.map((fid) => findingOf(fid)).filter((f) => f !== undefined);

  /** What a new experiment starts with: the findings it came from, and where they agree, their stage, segment and theme. */
  const defaults = (): ExperimentFields => {
    const from = startFindings();
    return {
      ...EMPTY_EXPERIMENT,
      title: from[0] ? t("experiment.titleFromFinding", { saw: snippet(from[0].saw, 60) }) : t("experiment.untitled"),
      findingIds: requested,
      segmentId: commonValue(from, "segmentId"),
      journeyStageId: commonValue(from, "journeyStageId"),
      themeId: commonValue(from, "themeId"),
      ownerId: me.id(),
    };
  };
  // A stored experiment shows what it holds; only a new one shows what it would start with.
  const value = <K extends keyof ExperimentFields>(name: K): ExperimentFields[K] => {
    const stored = experiment();
    return (stored ? (stored[name] ?? EMPTY_EXPERIMENT[name]) : defaults()[name]) as ExperimentFields[K];
  };

  async function save(fields: Partial<ExperimentFields>) {
    if (canEdit()) await saveDraft(fields);
  }

  /** Linking a finding to an experiment is a step of its triage (new → triaged → linked), for those who triage. */
  async function linkFindings(ids: readonly string[]) {
    if (!me.canTriage()) return;
    for (const fid of ids) {
      const finding = findingOf(fid);
      // Linking marks the finding only where the rule book lets this person move its status.
      if (finding && (finding.status === "new" || finding.status === "triaged") && me.mayEdit("finding", factsOf(finding), "status", "linked")) {
        await store.change("finding", fid, { status: "linked" }).catch(() => undefined);
      }
    }
  }

  async function chooseFindings(ids: string[]) {
    // A new experiment links its findings as it is created (in save).
    const existed = experiment() !== undefined;
    const known = value("findingIds");
    await save({ findingIds: ids });
    if (existed) await linkFindings(ids.filter((fid) => !known.includes(fid)));
  }

  const editor: ExperimentEditor = { value, save, canEdit };
  const log = createMemo(() => decisionsOf(decisions.all(), id()));
  const status = () => statusOf(experiment());
  const ready = () => experiments.loaded() && findings.loaded() && kpis.loaded();
  const heading = () => (experiment()?.title ? experiment()!.title! : isDraft() ? t("experiment.newTitle") : t("experiment.title"));

  return (
    <Page title={heading()} class="page experiment-page">
      <p class="back-link">
        <a href={orgHref(org().orgId, "experiments")}>{t("experiment.back")}</a>
      </p>
      <Show when={ready()} fallback={<p class="loading">{t("common.loading")}</p>}>
        <Show
          when={experiment() || (isDraft() && canEdit())}
          fallback={<p class="notice">{isDraft() ? t("experiment.cannotCreate") : t("experiment.notFound")}</p>}
        >
          {(_record) => {
            // The top of the screen first; the rest follows a section per task (see createStages).
            const stage = createStages(8);
            return (
              <>
                <Show when={experiment()?.pending}>
                  <p class="item-meta">
                    <PendingBadge pending={true} />
                  </p>
                </Show>
                <Show when={!canEdit()}>
                  <p class="notice">{t("experiment.readOnly")}</p>
                </Show>

                {/* Readers have the title as the heading; the field is for those who change it. */}
                <Show when={canEdit()}>
                  <AutoSaveText
                    id="experiment-title"
                    label={t("experiment.fieldTitle")}
                    hint={t("experiment.fieldTitleHint")}
                    multiline={false}
                    limit={TITLE_MAX}
                    // A new experiment shows an empty title: what it would be called is only a fallback.
                    value={experiment()?.title ?? ""}
                    save={async (text) => {
                      const title = text.trim();
                      // An emptied title is not saved: the experiment keeps the one it has.
                      setTitleError(title || !experiment() ? null : t("experiment.titleRequired"));
                      if (title) await save({ title });
                    }}
                  />
                  <Alert class="field-error" message={titleError()} />
                </Show>

                <Lifecycle experiment={experiment()} proposedBy={log().findLast((d) => d.to === "proposed")?.userId ?? null} />
                {/* A won experiment is where a business case for the board starts (its writers: CX operations, admins). */}
                <Show when={(status() === "won" || status() === "scaled") && me.mayCreate("business_case")}>
                  <p class="button-row">
                    <a class="button button-secondary" href={orgHref(org().orgId, `cases/new?experiments=${encodeURIComponent(id())}`)}>
                      {t("experiment.makeCase")}
                    </a>
                  </p>
                </Show>

                <Hypothesis
                  editor={editor}
                  findings={findings.all()}
                  kpis={kpis.all()}
                  segments={segments.all()}
                  stages={stages.all()}
                  locationName={(lid) => locationOf(lid)?.name}
                  onFindings={(ids) => void chooseFindings(ids)}
                  detail={stage(1)}
                />
                <Show when={stage(2)}>
                  <Measurement editor={editor} kpis={kpis.all()} locations={locations.all()} />
                </Show>
                <Show when={stage(3)}>
                  <Plan plan={value("plan")} canEdit={canEdit("plan")} members={members()} onChange={(plan) => save({ plan })} />
                </Show>
                <Show when={stage(4)}>
                  <Details editor={editor} members={members()} themes={themes.all()} />
                </Show>

                <Show when={stage(5) && experiment()}>
                  {(x) => (
                    <Results
                      experiment={x()}
                      kpis={kpis.all()}
                      canEdit={canEdit("results")}
                      onChange={(results) => void save({ results })}
                      canEditWindow={canEdit("pilotStart")}
                      onSave={(fields) => void save(fields)}
                    />
                  )}
                </Show>

                <Show when={stage(6)}>
                  <DecisionLog decisions={log()} />
                </Show>
                <Show when={stage(7) && experiment()}>
                  {(x) => (
                    <>
                      <ConflictNotice entity="experiment" id={x().id} conflicts={x().conflicts} labels={{ title: t("experiment.title"), change: t("hypothesis.change"), notes: t("details.notes") }} mayEdit={(field) => me.mayEdit("experiment", factsOf(x()), field)} />
                      <RecordHistory entity="experiment" id={x().id} version={x().updatedAt} />
                      <Show when={me.mayDelete("experiment", factsOf(x(), dependencies().experiments.has(x().id)))}>
                        <p>
                          <DeleteRecord entity="experiment" id={x().id} afterHref={orgHref(org().orgId, "experiments")} />
                        </p>
                      </Show>
                    </>
                  )}
                </Show>

                <SavedHere text={t("experiment.savedHere")} failed={failed()} />
              </>
            );
          }}
        </Show>
      </Show>
    </Page>
  );
}

/**
 * The results, once the experiment runs or has any; before that, folded away for those who
 * may enter them early.
 */
function Results(props: ExperimentResultsProps) {
  const { t } = useApp().i18n;
  const results = () => <ExperimentResults {...props} />;
  return (
    <Show
      when={showsResults(statusOf(props.experiment), (props.experiment.results ?? []).length > 0)}
      fallback={
        <Show when={props.canEdit}>
          <details class="card results-early">
            <summary>{t("experiment.resultsEarly")}</summary>
            {results()}
          </details>
        </Show>
      }
    >
      {results()}
    </Show>
  );
}
