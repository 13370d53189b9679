import { A, useSearchParams } from "@solidjs/router";
import { createMemo, createSignal, Show } from "solid-js";
import { TEXT_MAX } from "../../../../shared/limits";
import type { FindingFields } from "../../../../shared/schemas/finding";
import { FindingActions } from "../../capture/Actions";
import { createDraftRecord } from "../../data/draft";
import { byId, factsOf, useList, useMe } from "../../data/records";
import { formatDateTime } from "../../format";
import { FINDING_STATUSES, FIX_LEVELS, pickable, SENTIMENTS, SEVERITIES, type FindingStatus } from "../../capture/model";
import { PhotoField } from "../../capture/PhotoField";
import { AutoSaveText, PendingBadge, RadioChips, TagsField } from "../../capture/ui";
import { SelectField } from "../../fields/Fields";
import { ConflictNotice } from "../../components/ConflictNotice";
import { DeleteRecord } from "../../components/DeleteRecord";
import { Page } from "../../components/Page";
import { RecordHistory } from "../../components/RecordHistory";
import { useApp, useOrg } from "../../context";
import { orgHref } from "../../nav";

/**
 * A finding, new (`findings/new?visit=…`) or existing. Every field saves itself on this device
 * as it is filled in; a new finding comes into being with its first entry (then the address
 * becomes `findings/<id>` without leaving the screen), so nothing typed is ever lost.
 */
export default function FindingScreen() {
  const { i18n } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const me = useMe();
  const [search] = useSearchParams<{ visit?: string }>();
  const findings = useList("finding");
  const visits = useList("visit");
  const locations = useList("location");
  const stages = useList("journey_stage");
  const segments = useList("segment");
  const themes = useList("theme");
  const locationOf = byId(locations.all);

  const { id, isDraft, record: finding, failed, save } = createDraftRecord({
    entity: "finding",
    list: findings.all,
    path: "findings",
    // The first entry creates the finding with every required field, in one change.
    first: (changes) => ({ ...defaults(), ...changes }),
  });
  const requestedVisit = () => (typeof search.visit === "string" ? search.visit : undefined);
  const visit = createMemo(() => visits.all().find((v) => v.id === (finding()?.visitId ?? requestedVisit())));

  /** What a new finding starts with: the visit's place, the middle severity, status "new". */
  const defaults = (): FindingFields => ({
    visitId: visit()?.id ?? null,
    mysteryShopId: null,
    journeyStageId: null,
    locationId: visit()?.locationId ?? null,
    segmentId: null,
    themeId: null,
    saw: "",
    felt: "",
    expectation: "",
    severity: 3,
    sentiment: "pain",
    level: null,
    status: "new",
    tags: [],
    photos: [],
  });
  const value = <K extends keyof FindingFields>(name: K): FindingFields[K] => (finding()?.[name] ?? defaults()[name]) as FindingFields[K];

  // What the rule book lets this person change: what the finding describes (its author, an
  // admin) and how it is triaged (also CX operations). A finding not yet saved is being created.
  const facts = () => (finding() ? factsOf(finding()!) : null);
  const canEdit = () => me.mayEdit("finding", facts(), "saw");
  const canTriageFields = () => me.mayEdit("finding", facts(), "themeId");
  const backHref = () => (visit() ? orgHref(org().orgId, `visits/${visit()!.id}`) : orgHref(org().orgId, "findings"));
  const none = () => ({ value: "", label: t("finding.none") });
  const settingChoices = (list: { id: string; name?: string | undefined; archived?: boolean | undefined; position?: number | undefined }[], chosen: string | null) => [
    none(),
    ...pickable(list, chosen).map((s) => ({ value: s.id, label: s.name ?? "" })),
  ];
  const ready = () => findings.loaded() && visits.loaded();

  return (
    <Page title={isDraft() && !finding() ? t("finding.newTitle") : t("finding.title")}>
      <Show when={ready()} fallback={<p class="loading">{t("common.loading")}</p>}>
        <Show
          when={finding() || isDraft()}
          fallback={
            <>
              <p class="notice">{t("finding.notFound")}</p>
              <p>
                <A href={orgHref(org().orgId, "findings")}>{t("finding.back")}</A>
              </p>
            </>
          }
        >
          <p class="item-meta">
            <Show when={visit()} fallback={<span>{t("finding.standalone")}</span>}>
              {(v) => (
                <A href={orgHref(org().orgId, `visits/${v().id}`)}>
                  {t("finding.fromVisit", {
                    visit: `${v().kind ? t(`visitKind.${v().kind!}`) : t("visit.title")} · ${locationOf(v().locationId)?.name ?? t("visit.unknownLocation")} · ${formatDateTime(v().startedAt, i18n.language())}`,
                  })}
                </A>
              )}
            </Show>
            <Show when={finding()}>{(f) => <PendingBadge pending={f().pending} />}</Show>
          </p>

          <Show when={!canEdit()}>
            <p class="notice">{t("finding.readOnly")}</p>
          </Show>
          <Show when={finding()}>
            {(f) => <ConflictNotice entity="finding" id={f().id} conflicts={f().conflicts} labels={{ saw: t("finding.saw"), felt: t("finding.felt"), expectation: t("finding.expectation") }} mayEdit={(field) => me.mayEdit("finding", factsOf(f()), field)} />}
          </Show>

          <Show
            when={me.canTriage() && finding()}
            fallback={
              <p>
                {t("finding.status")}: <span class="badge">{t(`status.${value("status")}`)}</span>
              </p>
            }
          >
            <SelectField
              id="finding-status"
              label={t("finding.triage")}
              hint={t("finding.triageHint")}
              value={value("status")}
              onValue={(status) => void save({ status: status as FindingStatus })}
              choices={FINDING_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            />
          </Show>

          <div class="stack finding-form">
            <AutoSaveText id="finding-saw" label={t("finding.saw")} hint={t("finding.sawHint")} rows={5} limit={TEXT_MAX} readOnly={!canEdit()} value={value("saw")} save={(saw) => save({ saw })} />
            <AutoSaveText id="finding-felt" label={t("finding.felt")} rows={3} limit={TEXT_MAX} readOnly={!canEdit()} value={value("felt")} save={(felt) => save({ felt })} />
            <AutoSaveText
              id="finding-expectation"
              label={t("finding.expectation")}
              rows={3}
              limit={TEXT_MAX}
              readOnly={!canEdit()}
              value={value("expectation")}
              save={(expectation) => save({ expectation })}
            />
            <PhotoField id="finding-photos" photos={value("photos")} readOnly={!canEdit()} onChange={(photos) => save({ photos })} />
            <RadioChips
              name="finding-severity"
              legend={t("finding.severity")}
              hint={t("finding.severityHint")}
              value={value("severity")}
              disabled={!canEdit()}
              onValue={(severity) => void save({ severity })}
              choices={SEVERITIES.map((n) => ({ value: n, label: String(n) }))}
            />
            <RadioChips
              name="finding-sentiment"
              legend={t("finding.sentiment")}
              value={value("sentiment")}
              disabled={!canEdit()}
              onValue={(sentiment) => void save({ sentiment })}
              choices={SENTIMENTS.map((s) => ({ value: s, label: t(`sentiment.${s}`) }))}
            />
            <SelectField
              id="finding-stage"
              label={t("finding.stage")}
              value={value("journeyStageId") ?? ""}
              disabled={!canTriageFields()}
              onValue={(v) => void save({ journeyStageId: v || null })}
              choices={settingChoices(stages.all(), value("journeyStageId"))}
            />
            <SelectField
              id="finding-location"
              label={t("filter.location")}
              value={value("locationId") ?? ""}
              disabled={!canEdit()}
              onValue={(v) => void save({ locationId: v || null })}
              choices={settingChoices(locations.all(), value("locationId"))}
            />
            <SelectField
              id="finding-segment"
              label={t("finding.segment")}
              value={value("segmentId") ?? ""}
              disabled={!canTriageFields()}
              onValue={(v) => void save({ segmentId: v || null })}
              choices={settingChoices(segments.all(), value("segmentId"))}
            />
            <RadioChips
              name="finding-level"
              legend={t("finding.level")}
              hint={t("finding.levelHint")}
              value={value("level") ?? ""}
              disabled={!canTriageFields()}
              onValue={(level) => void save({ level: level === "" ? null : level })}
              choices={[...FIX_LEVELS.map((l) => ({ value: l as (typeof FIX_LEVELS)[number] | "", label: t(`level.${l}`) })), { value: "", label: t("level.unsure") }]}
            />
            <SelectField
              id="finding-theme"
              label={t("finding.theme")}
              value={value("themeId") ?? ""}
              disabled={!canTriageFields()}
              onValue={(v) => void save({ themeId: v || null })}
              // Themes on the "we will not do" list are no home for a finding.
              choices={settingChoices(
                themes.all().filter((theme) => !theme.notDoing || theme.id === value("themeId")),
                value("themeId"),
              )}
            />
            <TagsField id="finding-tags" label={t("finding.tags")} readOnly={!canTriageFields()} tags={value("tags")} save={(tags) => save({ tags })} />
            <p class="hint">{t("capture.savedHere")}</p>
            <div role="alert">
              <Show when={failed()}>
                <p class="notice notice-error">{t("capture.saveFailed")}</p>
              </Show>
            </div>
            <p>
              <A class="button" href={backHref()}>
                {t("finding.done")}
              </A>
            </p>
          </div>

          <Show when={finding()}>
            {/* Whoever may write experiments starts one from here (board members decide on them). */}
            <Show when={me.mayCreate("experiment")}>
              <p>
                <A class="button button-secondary button-wide" href={orgHref(org().orgId, `experiments/new?findings=${id()}`)}>
                  {t("finding.makeExperiment")}
                </A>
              </p>
            </Show>
            <FindingActions findingId={id()} />
            <RecordHistory entity="finding" id={id()} version={finding()!.updatedAt} labels={{ saw: t("finding.saw"), felt: t("finding.felt"), expectation: t("finding.expectation") }} />
            <Show when={me.mayDelete("finding", factsOf(finding()!))}>
              <p>
                <DeleteRecord entity="finding" id={id()} afterHref={backHref()} />
              </p>
            </Show>
          </Show>
        </Show>
      </Show>
    </Page>
  );
}
