import { A, useNavigate, useParams, useSearchParams } from "@solidjs/router";
import { createEffect, createMemo, createSignal, on, onCleanup, Show, untrack } from "solid-js";
import type { FindingFields, FindingRecheck } from "../../../../shared/schemas/finding";
import { FindingActions } from "../../capture/Actions";
import { createDraftRecord } from "../../data/draft";
import { byId, factsOf, useList, useMe } from "../../data/records";
import { formatDateTime } from "../../format";
import { isBlankFinding, newFindingFields, rememberedFrom, type FindingStatus } from "../../capture/model";
import { useLocal } from "../../data/local/context";
import { describeRecheck, RecheckNote, VISIT_ADD_FINDING } from "../../capture/ui";
import { PendingBadge } from "../../components/Badges";
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
import { focusSoon } from "../../focus";

/**
 * A finding, new (`findings/new?visit=…`) or existing. A new finding keeps its screen as it takes
 * its own address; "Save & next" and going to another finding start a fresh screen (a new id, an
 * empty form), so a finding's draft never carries over into the next.
 */
export default function FindingScreen() {
  const params = useParams<{ id: string }>();
  const [draftId, setDraftId] = createSignal<string>(crypto.randomUUID());
  // The draft "Save & next" opened: it starts with focus on the camera (not one gone back to).
  let nextDraft: string | undefined;
  const shown = createMemo(() => (params.id === "new" || params.id === draftId() ? draftId() : params.id));
  const startNext = () => {
    nextDraft = crypto.randomUUID();
    setDraftId(nextDraft);
  };
  return (
    <Show when={shown()} keyed>
      {(recordId) => <OneFinding recordId={recordId} draftId={untrack(draftId)} startedByNext={recordId === nextDraft} startNext={startNext} />}
    </Show>
  );
}

/**
 * Every field saves itself on this device as it is filled in; a new finding comes into being
 * with its first entry (then the address becomes `findings/<id>` without leaving the screen), so
 * nothing typed is ever lost.
 */
function OneFinding(props: {
  /** The finding this screen is for, for as long as it shows: the new one's id, or the one in the address. */
  recordId: string;
  draftId: string;
  startedByNext: boolean;
  startNext: () => void;
}) {
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
    draftId: props.draftId,
    list: findings.all,
    path: "findings",
    // The first entry that describes something (a text, a photo) creates the finding with every
    // required field, in one change; a sentiment tapped on a blank one waits for it. So a finding
    // opened by mistake is never stored, let alone sent.
    first: (changes) => (isBlankFinding(changes) ? null : { ...defaults(), ...changes }),
  });
  const { store } = useLocal();
  const { toaster } = useApp();
  const navigate = useNavigate();
  // Read once: the screen is for this finding until it goes (props are read when used).
  const recordId = props.recordId;
  const openedByNext = props.startedByNext;
  // Whether this screen creates the finding (the address says `new`, then its new id).
  const creating = recordId === props.draftId;
  // Left blank (its texts cleared, its photos removed): it is discarded as the screen is left.
  // Read from the device, not the screen's lists: they go with the screen.
  onCleanup(() => void discardIfBlank());
  async function discardIfBlank() {
    const findingId = recordId;
    await settled();
    const stored = await store.get("finding", findingId).catch(() => undefined);
    if (!stored || stored.authorId !== me.id() || !me.mayDelete("finding", factsOf(stored))) return;
    const others = creating ? await store.list("finding").catch(() => null) : [];
    if (!others || !isBlankFinding(stored, creating ? rememberedFrom(others, stored.visitId, findingId) : {})) return;
    await store.discard("finding", findingId);
    toaster.show(() => t("finding.discarded"), { tone: "info" });
  }
  const requestedVisit = () => (typeof search.visit === "string" ? search.visit : undefined);
  const visit = createMemo(() => visits.all().find((v) => v.id === (finding()?.visitId ?? requestedVisit())));
  // A new finding takes stage, segment, level, theme, tags and expectation from the visit's previous one.
  const remembered = createMemo(() => (creating ? rememberedFrom(findings.all(), visit()?.id, recordId) : {}));
  const remembersSomething = () => Object.values(remembered()).some((v) => (Array.isArray(v) ? v.length > 0 : Boolean(v)));

  /** What a new finding starts with: the visit's place, what it remembers, status "new" — and no rating. */
  const defaults = (): FindingFields => newFindingFields(visit(), remembered());
  const blank = newFindingFields(undefined, {});
  // A stored finding shows what it holds (a field it lacks shows empty, never another finding's).
  const value = <K extends keyof FindingFields>(name: K): FindingFields[K] => {
    const stored = finding();
    if (stored) return (stored[name] ?? blank[name]) as FindingFields[K];
    return (name in held() ? held()[name] : defaults()[name]) as FindingFields[K];
  };

  // What the rule book lets this person change: what the finding describes (its author, an
  // admin) and how it is triaged (also CX operations). A finding not yet saved is being created.
  const facts = () => (finding() ? factsOf(finding()!) : null);
  const canEdit = () => me.mayEdit("finding", facts(), "saw");
  const canTriageFields = () => me.mayEdit("finding", facts(), "themeId");
  const backHref = () => (visit() ? orgHref(org().orgId, `visits/${visit()!.id}`) : orgHref(org().orgId, "findings"));
  const ready = () => findings.loaded() && visits.loaded();

  /**
   * Stores this finding (a text still in its field included) and opens a fresh one of the same
   * visit, focus on its camera: the next photo is one tap away.
   */
  async function saveAndNext() {
    // A field being typed in saves as it is left; leave it now, while this screen still owns it.
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    await settled();
    const stored = finding();
    if (stored && !isBlankFinding(stored, remembered())) toaster.show(() => t("finding.savedNext"));
    props.startNext();
    const visitId = visit()?.id;
    navigate(orgHref(org().orgId, `findings/new${visitId ? `?visit=${visitId}` : ""}`), { state: { keepFocus: true } });
  }
  createEffect(
    on(ready, (isReady) => {
      if (isReady && openedByNext) focusSoon("finding-photos-camera");
    }),
  );

  return (
    <Page title={isDraft() && !finding() ? t("finding.newTitle") : t("finding.title")}>
      <Show when={ready()} fallback={<p class="loading">{t("common.loading")}</p>}>
        <Show
          when={finding() || isDraft()}
          fallback={
            <>
              <p class="notice">{t("finding.notFound")}</p>
              <p>
                <a href={orgHref(org().orgId, "findings")}>{t("finding.back")}</a>
              </p>
            </>
          }
        >
          <p class="item-meta">
            <Show when={visit()} fallback={<span>{t("finding.standalone")}</span>}>
              {(v) => (
                <a href={orgHref(org().orgId, `visits/${v().id}`)}>
                  {t("finding.fromVisit", {
                    visit: `${v().kind ? t(`visitKind.${v().kind!}`) : t("visit.title")} · ${locationOf(v().locationId)?.name ?? t("visit.unknownLocation")} · ${formatDateTime(v().startedAt, i18n.language())}`,
                  })}
                </a>
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
              moreOpen={!creating}
              remembered={remembersSomething()}
            />
            <SavedHere text={t("capture.savedHere")} failed={failed()} />
            <div class="button-row">
              <Show when={creating && canEdit()}>
                <button type="button" class="button" onClick={() => void saveAndNext()}>
                  {t("finding.saveNext")}
                </button>
              </Show>
              {/* Back at the visit, focus goes to adding the next finding rather than the top of the screen. */}
              <A class={creating ? "button button-secondary" : "button"} href={backHref()} state={visit() ? { focus: VISIT_ADD_FINDING } : undefined}>
                {t("finding.done")}
              </A>
            </div>
          </div>

          <Show when={finding()}>
            {/* Whoever may write experiments starts one from here (board members decide on them). */}
            <Show when={me.mayCreate("experiment")}>
              <p>
                <a class="button button-secondary button-wide" href={orgHref(org().orgId, `experiments/new?findings=${id()}`)}>
                  {t("finding.makeExperiment")}
                </a>
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
