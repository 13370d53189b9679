import { A, useSearchParams } from "@solidjs/router";
import { createMemo, onCleanup, Show } from "solid-js";
import type { FindingFields, FindingRecheck } from "../../../../shared/schemas/finding";
import { FindingActions } from "../../capture/Actions";
import { createDraftRecord } from "../../data/draft";
import { byId, factsOf, useList, useMe } from "../../data/records";
import { formatDateTime } from "../../format";
import { isBlankFinding, type FindingStatus } from "../../capture/model";
import { useLocal } from "../../data/local/context";
import { describeRecheck, PendingBadge, RecheckNote } from "../../capture/ui";
import { usePersonName } from "../../data/members";
import { SelectField } from "../../fields/Fields";
import { ConflictNotice } from "../../components/ConflictNotice";
import { DeleteRecord } from "../../components/DeleteRecord";
import { Page } from "../../components/Page";
import { RecordHistory } from "../../components/RecordHistory";
import { useApp, useOrg } from "../../context";
import { orgHref } from "../../nav";
import { FindingForm } from "./FindingForm";
import { FINDING_STATUSES } from "../../../../shared/enums";
import { SavedHere } from "../../components/Alert";

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
  const nameOf = usePersonName(() => t("recheck.someone"));

  const { id, isDraft, record: finding, failed, save, held, settled } = createDraftRecord({
    entity: "finding",
    list: findings.all,
    path: "findings",
    // The first entry that describes something (a text, a photo) creates the finding with every
    // required field, in one change; a severity tapped on a blank one waits for it. So a finding
    // opened by mistake is never stored, let alone sent.
    first: (changes) => (isBlankFinding(changes) ? null : { ...defaults(), ...changes }),
  });
  const { store } = useLocal();
  const { toaster } = useApp();
  // Left blank (its texts cleared, its photos removed): it is discarded as the screen is left.
  onCleanup(() => void discardIfBlank());
  async function discardIfBlank() {
    const findingId = id();
    await settled();
    const stored = await store.get("finding", findingId).catch(() => undefined);
    if (!stored || !isBlankFinding(stored) || stored.authorId !== me.id() || !me.mayDelete("finding", factsOf(stored))) return;
    await store.discard("finding", findingId);
    toaster.show(t("finding.discarded"), { tone: "info" });
  }
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
  const value = <K extends keyof FindingFields>(name: K): FindingFields[K] => (finding()?.[name] ?? held()[name] ?? defaults()[name]) as FindingFields[K];

  // What the rule book lets this person change: what the finding describes (its author, an
  // admin) and how it is triaged (also CX operations). A finding not yet saved is being created.
  const facts = () => (finding() ? factsOf(finding()!) : null);
  const canEdit = () => me.mayEdit("finding", facts(), "saw");
  const canTriageFields = () => me.mayEdit("finding", facts(), "themeId");
  const backHref = () => (visit() ? orgHref(org().orgId, `visits/${visit()!.id}`) : orgHref(org().orgId, "findings"));
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

          {/* The latest look at it on a later visit: for triage to act on (closing it is triage's call). */}
          <Show when={finding()?.recheck}>
            <p>
              <RecheckNote recheck={finding()?.recheck} nameOf={nameOf} />
            </p>
          </Show>

          <div class="stack finding-form">
            <FindingForm
              editor={{ value, save, canEdit, canTriageFields }}
              stages={stages.all()}
              locations={locations.all()}
              segments={segments.all()}
              themes={themes.all()}
            />
            <SavedHere text={t("capture.savedHere")} failed={failed()} />
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
            <RecordHistory
              entity="finding"
              id={id()}
              version={finding()!.updatedAt}
              labels={{ saw: t("finding.saw"), felt: t("finding.felt"), expectation: t("finding.expectation"), recheck: t("recheck.label") }}
              values={{ recheck: (value) => describeRecheck(i18n, value as FindingRecheck, nameOf) }}
            />
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
