import { useParams } from "@solidjs/router";
import { createMemo, For, Show } from "solid-js";
import { DESCRIPTION_MAX, VISIT_NOTES_MAX } from "../../../../shared/limits";
import { byId, factsOf, useList, useMe } from "../../data/records";
import { memberName, useMembers } from "../../data/members";
import { formatDateTime, fromLocalInput, toLocalInput } from "../../format";
import { minutesBetween, pickable, type VisitKind } from "../../capture/model";
import { FindingRow, VISIT_ADD_FINDING } from "../../capture/ui";
import { PendingBadge } from "../../components/Badges";
import { AutoSaveText } from "../../fields/AutoSaveText";
import { SelectField } from "../../fields/Fields";
import { Icon } from "../../components/Icon";
import { ConflictNotice } from "../../components/ConflictNotice";
import { DeleteRecord } from "../../components/DeleteRecord";
import { Page } from "../../components/Page";
import { RecordHistory } from "../../components/RecordHistory";
import { useApp, useOrg } from "../../context";
import { useLocal } from "../../data/local/context";
import type { VisitFields } from "../../../../shared/schemas/visit";
import { orgHref } from "../../nav";
import { VISIT_KINDS } from "../../../../shared/enums";
import { compareText } from "../../order";
import { focusSoon } from "../../focus";
import { EarlierFindings } from "./EarlierFindings";

const NOTES_HEADING = "visit-notes-heading";

/**
 * One visit: the findings made here, what earlier visits left open at the place (each looked at
 * again: fixed or still seen), people met and notes (saved as they are typed), and finishing
 * it. Works the same offline.
 */
export default function VisitScreen() {
  const { i18n, toaster } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const params = useParams<{ id: string }>();
  const me = useMe();
  const { store } = useLocal();
  const visits = useList("visit");
  const findings = useList("finding");
  const locations = useList("location");
  const stages = useList("journey_stage");
  const locationOf = byId(locations.all);
  const stageOf = byId(stages.all);
  const members = useMembers();
  const visit = createMemo(() => visits.all().find((v) => v.id === params.id));
  const location = () => locationOf(visit()?.locationId);
  const mine = createMemo(() =>
    findings
      .all()
      .filter((f) => f.visitId === params.id)
      .sort((a, b) => compareText(a.createdAt, b.createdAt)),
  );
  // The person who made the visit writes it up; admins may correct it (shared/permissions.ts).
  const canEdit = () => (visit() ? me.mayEdit("visit", factsOf(visit()!), "notes") : false);
  const save = (fields: Partial<VisitFields>) => store.change("visit", params.id, fields);
  const title = () => {
    const v = visit();
    if (!v) return t("visit.title");
    return t("visit.heading", { kind: v.kind ? t(`visitKind.${v.kind}`) : t("visit.title"), location: location()?.name ?? t("visit.unknownLocation") });
  };

  // "Finish visit" gives way to "Reopen visit": focus moves on rather than falling to the top —
  // to writing the visit up once it is finished, and back to adding findings once reopened.
  async function finish() {
    await save({ endedAt: new Date().toISOString() });
    toaster.show(() => t("visit.finished"));
    focusSoon(NOTES_HEADING);
  }
  async function reopen() {
    await save({ endedAt: null });
    toaster.show(() => t("visit.reopened"));
    focusSoon(VISIT_ADD_FINDING);
  }

  return (
    <Show
      when={visit()}
      fallback={
        <Page title={t("visit.title")}>
          <Show when={visits.loaded()} fallback={<p class="loading">{t("common.loading")}</p>}>
            <p class="notice">{t("visit.notFound")}</p>
            <p>
              <a href={orgHref(org().orgId, "visits")}>{t("visit.back")}</a>
            </p>
          </Show>
        </Page>
      }
    >
      {(v) => (
        <Page title={title()}>
          <p class="item-meta visit-meta">
            <span>{formatDateTime(v().startedAt, i18n.language())}</span>
            <span>{v().authorId === me.id() ? t("visit.you") : (memberName(members(), v().authorId) ?? t("visit.someone"))}</span>
            <Show when={v().endedAt} fallback={<span class="badge">{t("visit.inProgress")}</span>}>
              <span>{t("visit.endedAt", { time: formatDateTime(v().endedAt, i18n.language()) })}</span>
              <Show when={minutesBetween(v().startedAt, v().endedAt) !== null}>
                <span>{t("visit.minutes", { count: minutesBetween(v().startedAt, v().endedAt)! })}</span>
              </Show>
            </Show>
            <PendingBadge pending={v().pending} />
          </p>

          <div class="button-row">
            <a id={VISIT_ADD_FINDING} class="button" href={`${orgHref(org().orgId, "findings/new")}?visit=${v().id}`}>
              <Icon name="plus" />
              {t("visit.addFinding")}
            </a>
            <Show when={canEdit()}>
              <Show
                when={v().endedAt}
                fallback={
                  <button type="button" class="button button-secondary" onClick={() => void finish()}>
                    {t("visit.finish")}
                  </button>
                }
              >
                <button type="button" class="button button-secondary" onClick={() => void reopen()}>
                  {t("visit.reopen")}
                </button>
              </Show>
            </Show>
          </div>

          {/* This visit's own findings first, then what earlier visits left open here, to look at again. */}
          <section class="card" aria-labelledby="visit-findings-heading">
            <h2 id="visit-findings-heading">{t("visit.findings")}</h2>
            <Show when={mine().length > 0} fallback={<p class="muted">{t("visit.noFindings")}</p>}>
              <ul class="items">
                <For each={mine()}>{(finding) => <FindingRow finding={finding} stageName={stageOf(finding.journeyStageId)?.name} />}</For>
              </ul>
            </Show>
          </section>

          <Show when={v().locationId}>
            {(locationId) => (
              <div class="card">
                <EarlierFindings
                  locationId={locationId()}
                  locationName={location()?.name ?? t("visit.unknownLocation")}
                  visitId={v().id}
                  recheckOn={v().authorId === me.id() ? v().id : undefined}
                />
              </div>
            )}
          </Show>

          <section class="card stack" aria-labelledby={NOTES_HEADING}>
            <h2 id={NOTES_HEADING} tabindex="-1">
              {t("visit.notesHeading")}
            </h2>
            <Show when={!canEdit()}>
              <p class="muted">{t("visit.readOnly")}</p>
            </Show>
            <AutoSaveText id="visit-people" label={t("visit.peopleMet")} hint={t("visit.peopleMetHint")} rows={2} limit={DESCRIPTION_MAX} readOnly={!canEdit()} value={v().peopleMet} save={(peopleMet) => save({ peopleMet })} />
            <AutoSaveText id="visit-notes" label={t("visit.notes")} hint={t("capture.dictateHint")} rows={8} limit={VISIT_NOTES_MAX} readOnly={!canEdit()} value={v().notes} save={(notes) => save({ notes })} />
            <p class="hint">{t("capture.savedHere")}</p>
          </section>
          <ConflictNotice entity="visit" id={v().id} conflicts={v().conflicts} labels={{ notes: t("visit.notes"), peopleMet: t("visit.peopleMet") }} mayEdit={(field) => me.mayEdit("visit", factsOf(v()), field)} />

          <Show when={canEdit()}>
            <details class="card">
              <summary>{t("visit.details")}</summary>
              <div class="stack">
                <SelectField
                  id="visit-kind"
                  label={t("filter.kind")}
                  value={v().kind ?? ""}
                  onValue={(kind) => void save({ kind: kind as VisitKind })}
                  choices={VISIT_KINDS.map((k) => ({ value: k, label: t(`visitKind.${k}`) }))}
                />
                <SelectField
                  id="visit-location"
                  label={t("filter.location")}
                  value={v().locationId ?? ""}
                  onValue={(locationId) => void save({ locationId })}
                  choices={pickable(locations.all(), v().locationId).map((l) => ({ value: l.id, label: l.name ?? "" }))}
                />
                <MomentField id="visit-started" label={t("visit.startedAtLabel")} value={v().startedAt} onMoment={(startedAt) => void save({ startedAt })} />
                <Show when={v().endedAt}>
                  <MomentField id="visit-ended" label={t("visit.endedAtLabel")} value={v().endedAt} onMoment={(endedAt) => void save({ endedAt })} />
                </Show>
              </div>
            </details>
          </Show>
          <RecordHistory entity="visit" id={v().id} version={v().updatedAt} labels={{ notes: t("visit.notes"), peopleMet: t("visit.peopleMet") }} />
          <Show
            when={me.mayDelete("visit", { ...factsOf(v()), hasFindings: mine().length > 0 })}
            fallback={
              // Theirs to delete but for its findings: say why there is no Delete.
              <Show when={mine().length > 0 && me.mayDelete("visit", factsOf(v()))}>
                <p class="hint">{t("visit.deleteHasFindings")}</p>
              </Show>
            }
          >
            <p>
              <DeleteRecord entity="visit" id={v().id} afterHref={orgHref(org().orgId, "visits")} />
            </p>
          </Show>
        </Page>
      )}
    </Show>
  );
}

/** A moment of the visit, saved when a complete date and time is picked. */
function MomentField(props: { id: string; label: string; value: string | null | undefined; onMoment: (iso: string) => void }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="datetime-local"
        value={toLocalInput(props.value)}
        onChange={(event) => {
          const moment = fromLocalInput(event.currentTarget.value);
          if (moment) props.onMoment(moment);
        }}
      />
    </div>
  );
}
