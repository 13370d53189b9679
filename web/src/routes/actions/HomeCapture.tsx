import { createMemo, For, Show } from "solid-js";
import { ActionItem } from "../../capture/Actions";
import { byId, useList, useMe } from "../../data/records";
import { useMembers } from "../../data/members";
import { isOverdue, localDate, openActionsOf } from "../../capture/model";
import { ListState } from "../../capture/ui";
import { Icon } from "../../components/Icon";
import { useApp, useOrg } from "../../context";
import { orgHref } from "../../nav";

const SHOWN = 5;

/** Home's part of capture: the open actions that are yours. */
export default function HomeCapture() {
  const { i18n } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const me = useMe();
  const actions = useList("action");
  const findings = useList("finding");
  const findingOf = byId(findings.all);
  const members = useMembers();
  const open = createMemo(() => openActionsOf(actions.all(), me.id(), localDate(new Date())));
  const overdue = () => open().filter((a) => isOverdue(a, localDate(new Date()))).length;

  return (
    <section aria-labelledby="home-actions-heading">
      <h2 id="home-actions-heading">{t("actions.mineOpen")}</h2>
      <Show when={overdue() > 0}>
        <p class="overdue">
          <Icon name="warning" class="icon icon-small" />
          {t("actions.overdueCount", { count: overdue() })}
        </p>
      </Show>
      <ListState loaded={actions.loaded()} count={open().length} empty={t("actions.none")}>
        <ul class="items">
          <For each={open().slice(0, SHOWN)}>{(action) => <ActionItem action={action} members={members()} finding={findingOf(action.findingId)} />}</For>
        </ul>
      </ListState>
      <p>
        <a href={orgHref(org().orgId, "actions")}>{t("actions.all")}</a>
      </p>
    </section>
  );
}
