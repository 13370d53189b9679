import { createMemo, createSignal, For, Show } from "solid-js";
import { ActionItem } from "../../capture/Actions";
import { byId, useList, useMe } from "../../data/records";
import { useMembers } from "../../data/members";
import { compareActions, isOpenAction, isOverdue, localDate } from "../../capture/model";
import { ListState } from "../../capture/ui";
import { CheckboxField } from "../../fields/Fields";
import { Page } from "../../components/Page";
import { createProgressive } from "../../components/stages";
import { useApp } from "../../context";

/** The actions someone owns: open ones first (overdue on top), done ones on request. */
export default function MyActions() {
  const { i18n } = useApp();
  const { t } = i18n;
  const me = useMe();
  const actions = useList("action");
  const findings = useList("finding");
  const findingOf = byId(findings.all);
  const members = useMembers();
  const [showDone, setShowDone] = createSignal(false);
  const today = () => localDate(new Date());
  const mine = createMemo(() =>
    actions
      .all()
      .filter((a) => a.ownerId === me.id() && (showDone() || isOpenAction(a)))
      .sort(compareActions(today())),
  );
  // A long list draws its rows a slice per task.
  const drawn = createProgressive(mine);
  const overdue = () => mine().filter((a) => isOverdue(a, today())).length;

  return (
    <Page title={t("actions.title")}>
      <CheckboxField id="actions-show-done" label={t("actions.showDone")} checked={showDone()} onValue={setShowDone} />
      <Show when={actions.loaded()}>
        <p class="muted" role="status">
          {t("actions.count", { count: mine().length })}
          <Show when={overdue() > 0}> · {t("actions.overdueCount", { count: overdue() })}</Show>
        </p>
      </Show>
      <ListState loaded={actions.loaded()} count={mine().length} empty={t("actions.none")}>
        <ul class="items">
          <For each={drawn()}>{(action) => <ActionItem action={action} members={members()} finding={findingOf(action.findingId)} />}</For>
        </ul>
      </ListState>
    </Page>
  );
}
