import { createMemo, createSignal, For, Show } from "solid-js";
import { useApp } from "../context";
import { ActionItem } from "./Actions";
import { byId, useList } from "../data/records";
import { useMembers } from "../data/members";
import { openAtLocation } from "./model";
import { FindingRow } from "./ui";

const SHOWN = 3;

/**
 * What is still open at a location from earlier visits — findings not closed and open actions —
 * so a director follows up instead of starting blank.
 */
export function FollowUp(props: { locationId: string; locationName: string; visitId?: string }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const findings = useList("finding");
  const actions = useList("action");
  const stages = useList("journey_stage");
  const stageOf = byId(stages.all);
  const findingOf = byId(findings.all);
  const members = useMembers();
  const [all, setAll] = createSignal(false);
  const open = createMemo(() => openAtLocation(findings.all(), actions.all(), props.locationId, props.visitId));
  const headingId = () => `follow-up-${props.locationId}`;

  return (
    <section class="follow-up" aria-labelledby={headingId()}>
      <h2 id={headingId()}>{t("followUp.heading", { location: props.locationName })}</h2>
      <Show when={findings.loaded() && actions.loaded()}>
        <Show when={open().findings.length + open().actions.length > 0} fallback={<p class="muted">{t("followUp.none")}</p>}>
          <p class="muted">{t("followUp.intro", { findings: open().findings.length, actions: open().actions.length })}</p>
          <Show when={open().actions.length > 0}>
            <h3 class="sub-heading">{t("followUp.actions")}</h3>
            <ul class="items">
              <For each={all() ? open().actions : open().actions.slice(0, SHOWN)}>
                {(action) => <ActionItem action={action} members={members()} finding={findingOf(action.findingId)} />}
              </For>
            </ul>
          </Show>
          <Show when={open().findings.length > 0}>
            <h3 class="sub-heading">{t("followUp.findings")}</h3>
            <ul class="items">
              <For each={all() ? open().findings : open().findings.slice(0, SHOWN)}>
                {(finding) => <FindingRow finding={finding} stageName={stageOf(finding.journeyStageId)?.name} />}
              </For>
            </ul>
          </Show>
          <Show when={!all() && (open().findings.length > SHOWN || open().actions.length > SHOWN)}>
            <button type="button" class="button button-small button-secondary" onClick={() => setAll(true)}>
              {t("followUp.showAll", { count: open().findings.length + open().actions.length })}
            </button>
          </Show>
        </Show>
      </Show>
    </section>
  );
}
