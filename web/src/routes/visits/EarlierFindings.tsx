import { createMemo, createSignal, createUniqueId, For, Index, Show } from "solid-js";
import type { RecheckResult } from "../../../../shared/enums";
import { ActionItem } from "../../capture/Actions";
import { openAtLocation, type Finding } from "../../capture/model";
import { FindingRow } from "../../capture/ui";
import { useApp } from "../../context";
import { useLocal } from "../../data/local/context";
import { usePersonName, useMembers } from "../../data/members";
import { byId, factsOf, useList, useMe } from "../../data/records";
import { focusSoon } from "../../focus";
import { newRecheck, recheckOnVisit } from "./briefing";

const SHOWN = 5;

/**
 * What is still open at a place from earlier visits: findings not closed (newest first, with
 * their photo and the latest look at them) and open actions — so a director follows up instead
 * of starting blank. On a visit of one's own (`recheckOn`), each finding is marked "fixed" or
 * "still seen" in one tap: recorded on the finding, for CX operations (who decide on its status).
 */
export function EarlierFindings(props: { locationId: string; locationName: string; visitId?: string; recheckOn?: string | undefined }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const me = useMe();
  const findings = useList("finding");
  const actions = useList("action");
  const stages = useList("journey_stage");
  const stageOf = byId(stages.all);
  const findingOf = byId(findings.all);
  const members = useMembers();
  const nameOf = usePersonName(() => t("recheck.someone"));
  const [all, setAll] = createSignal(false);
  const open = createMemo(() => openAtLocation(findings.all(), actions.all(), props.locationId, props.visitId));
  const uid = createUniqueId();
  const headingId = `earlier-${uid}`;
  const titleId = (finding: Finding) => `earlier-${uid}-${finding.id}`;
  const linkId = (finding: Finding) => `earlier-${uid}-${finding.id}-link`;

  function showAll() {
    setAll(true);
    // The button goes: focus moves to the first item it brought into view.
    const finding = open().findings[SHOWN];
    const action = open().actions[SHOWN];
    if (finding) focusSoon(linkId(finding));
    else if (action) focusSoon(`action-${action.id}-done`);
  }

  return (
    <section class="follow-up" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("followUp.heading", { location: props.locationName })}</h2>
      <Show when={findings.loaded() && actions.loaded()} fallback={<p class="loading">{t("common.loading")}</p>}>
        <Show when={open().findings.length + open().actions.length > 0} fallback={<p class="muted">{t("followUp.none")}</p>}>
          <p class="muted">{t("followUp.intro", { findings: open().findings.length, actions: open().actions.length })}</p>
          <Show when={open().findings.length > 0}>
            <h3 class="sub-heading">{t("followUp.findings")}</h3>
            <Show when={props.recheckOn}>
              <p class="hint">{t("recheck.hint")}</p>
            </Show>
            <ul class="items">
              {/* By position, not by record: a row (and the button with focus) stays as its finding is re-read after a tap. */}
              <Index each={all() ? open().findings : open().findings.slice(0, SHOWN)}>
                {(finding) => (
                  <FindingRow finding={finding()} stageName={stageOf(finding().journeyStageId)?.name} nameOf={nameOf} titleId={titleId(finding())} linkId={linkId(finding())}>
                    <Show when={props.recheckOn && me.mayEdit("finding", factsOf(finding()), "recheck") ? props.recheckOn : undefined}>
                      {(visitId) => <RecheckButtons finding={finding()} visitId={visitId()} labelledBy={titleId(finding())} />}
                    </Show>
                  </FindingRow>
                )}
              </Index>
            </ul>
          </Show>
          <Show when={open().actions.length > 0}>
            <h3 class="sub-heading">{t("followUp.actions")}</h3>
            <ul class="items">
              <For each={all() ? open().actions : open().actions.slice(0, SHOWN)}>
                {(action) => <ActionItem action={action} members={members()} finding={findingOf(action.findingId)} />}
              </For>
            </ul>
          </Show>
          <Show when={!all() && (open().findings.length > SHOWN || open().actions.length > SHOWN)}>
            <button type="button" class="button button-small button-secondary" onClick={showAll}>
              {t("followUp.showAll", { count: open().findings.length + open().actions.length })}
            </button>
          </Show>
        </Show>
      </Show>
    </section>
  );
}

/** "Fixed" / "Still seen" for one finding: pressed when this visit's look says so; the other tap changes it. */
function RecheckButtons(props: { finding: Finding; visitId: string; labelledBy: string }) {
  const { i18n, toaster } = useApp();
  const { t } = i18n;
  const { store } = useLocal();
  const me = useMe();
  const current = () => recheckOnVisit(props.finding, props.visitId);
  async function record(result: RecheckResult) {
    if (current() === result) return;
    try {
      await store.change("finding", props.finding.id, { recheck: newRecheck(result, me.id(), props.visitId) });
      toaster.show(t(result === "fixed" ? "recheck.recordedFixed" : "recheck.recordedStillSeen"));
    } catch {
      toaster.show(t("capture.saveFailed"), { tone: "error" });
    }
  }
  const choice = (result: RecheckResult, label: string) => (
    <button type="button" class="button button-small button-secondary" aria-pressed={current() === result} onClick={() => void record(result)}>
      {label}
    </button>
  );
  return (
    <div class="recheck-buttons" role="group" aria-labelledby={props.labelledBy}>
      {choice("fixed", t("recheck.fixed"))}
      {choice("still_seen", t("recheck.stillSeen"))}
    </div>
  );
}
