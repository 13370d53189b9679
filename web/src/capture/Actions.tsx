import { createMemo, createSignal, For, Show } from "solid-js";
import { LINE_MAX } from "../../../shared/limits";
import { FormMessage, SelectField, SubmitButton, TextField, DateField } from "../fields/Fields";
import { localIssues } from "../fields/form";
import { Icon } from "../components/Icon";
import { tooLong } from "../components/TextLimit";
import { useApp, useOrg } from "../context";
import { useLocal } from "../data/local/context";
import { orgHref } from "../nav";
import { factsOf, useList, useMe } from "../data/records";
import { memberName, useMembers, type Member, ownerChoices } from "../data/members";
import { formatDay } from "../format";
import { compareActions, isOverdue, localDate, snippet, type Action, type Finding, type Priority } from "./model";
import { PendingBadge } from "../components/Badges";
import { RadioChips } from "../fields/RadioChips";
import { ACTION_PRIORITIES } from "../../../shared/enums";

/**
 * One action: done checkbox, title, owner, due date and priority. An overdue action says so in
 * words and with an icon, not by colour alone.
 */
export function ActionItem(props: { action: Action; members: readonly Member[]; finding?: Finding | undefined; onEdit?: () => void }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const { store } = useLocal();
  const org = useOrg();
  const a = () => props.action;
  const overdue = () => isOverdue(a(), localDate(new Date()));
  const checkId = () => `action-${a().id}-done`;
  return (
    <li class="item action-item" classList={{ "action-overdue": overdue(), "action-done": a().status === "done" }}>
      <div class="action-check">
        <input
          id={checkId()}
          type="checkbox"
          checked={a().status === "done"}
          onChange={(event) => void store.change("action", a().id, { status: event.currentTarget.checked ? "done" : "open" })}
        />
        <label for={checkId()}>
          <span class="visually-hidden">{t("action.markDone")}: </span>
          <span class="item-title">{a().title}</span>
        </label>
      </div>
      <p class="item-meta">
        <Show when={overdue()}>
          <span class="overdue">
            <Icon name="warning" class="icon icon-small" />
            {t("action.overdueSince", { date: formatDay(a().dueDate, i18n.language()) })}
          </span>
        </Show>
        <Show when={!overdue() && a().dueDate}>
          <span>{t("action.dueOn", { date: formatDay(a().dueDate, i18n.language()) })}</span>
        </Show>
        <span>{memberName(props.members, a().ownerId) ?? (a().ownerId ? t("action.someone") : t("action.noOwner"))}</span>
        <Show when={a().priority}>{(p) => <span>{t(`priority.${p()}`)}</span>}</Show>
        <Show when={a().status === "done"}>
          <span class="badge">{t("action.doneBadge")}</span>
        </Show>
        <PendingBadge pending={a().pending} />
      </p>
      <Show when={props.finding}>
        {(finding) => (
          <p class="item-meta">
            <a href={orgHref(org().orgId, `findings/${finding().id}`)}>{t("action.forFinding", { saw: snippet(finding().saw) })}</a>
          </p>
        )}
      </Show>
      <Show when={props.onEdit}>
        {(edit) => (
          <button type="button" class="button button-small button-quiet" onClick={() => edit()()}>
            {t("common.edit")}
            <span class="visually-hidden"> {a().title}</span>
          </button>
        )}
      </Show>
    </li>
  );
}

/** Adds an action to a finding, or edits one; works offline like every capture edit. */
export function ActionForm(props: { findingId: string; action?: Action; members: readonly Member[]; onDone: (message: string) => void; onCancel?: () => void }) {
  const { i18n, session } = useApp();
  const { t } = i18n;
  const { store } = useLocal();
  const me = useMe();
  const prefix = () => `action-${props.action?.id ?? `new-${props.findingId}`}`;
  const [title, setTitle] = createSignal(props.action?.title ?? "");
  const [owner, setOwner] = createSignal(props.action ? (props.action.ownerId ?? "") : me.id());
  const [due, setDue] = createSignal(props.action?.dueDate ?? "");
  const [priority, setPriority] = createSignal<Priority>(props.action?.priority ?? "medium");
  const [issues, setIssues] = createSignal<Record<string, string>>({});
  const [message, setMessage] = createSignal<string | null>(null);
  let form: HTMLFormElement | undefined;

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const found = localIssues(i18n, { title: !title().trim() && "issue.required" });
    setIssues(found);
    // A title too long says so beside the field (its limit note): refused, not cut.
    if (found.title || tooLong(title(), LINE_MAX)) {
      queueMicrotask(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    const fields = { title: title().trim(), ownerId: owner() || null, dueDate: due() || null, priority: priority() };
    try {
      if (props.action) {
        await store.change("action", props.action.id, fields);
        props.onDone(t("action.saved"));
      } else {
        await store.change("action", crypto.randomUUID(), { ...fields, findingId: props.findingId, status: "open" });
        setTitle("");
        setDue("");
        props.onDone(t("action.added"));
      }
    } catch {
      setMessage(t("capture.saveFailed"));
    }
  }

  return (
    <form ref={form} class="stack action-form" novalidate onSubmit={submit} aria-label={props.action ? t("action.editLabel", { title: props.action.title ?? "" }) : t("action.addHeading")}>
      <TextField id={`${prefix()}-title`} label={t("action.title")} value={title()} onValue={setTitle} error={issues().title} limit={LINE_MAX} />
      <SelectField
        id={`${prefix()}-owner`}
        label={t("action.owner")}
        value={owner()}
        onValue={setOwner}
        choices={ownerChoices(props.members, { id: me.id(), name: session.session()?.user.name ?? t("action.me") }, t("action.noOwner"))}
      />
      <DateField id={`${prefix()}-due`} label={t("action.due")} value={due()} onValue={setDue} />
      <RadioChips
        name={`${prefix()}-priority`}
        legend={t("action.priority")}
        value={priority()}
        onValue={setPriority}
        choices={ACTION_PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
      />
      <FormMessage message={message()} />
      <div class="button-row">
        <SubmitButton busy={false} label={props.action ? t("common.save") : t("action.add")} />
        <Show when={props.onCancel}>
          {(cancel) => (
            <button type="button" class="button button-secondary" onClick={() => cancel()()}>
              {t("common.cancel")}
            </button>
          )}
        </Show>
        <Show when={props.action && me.mayDelete("action", factsOf(props.action))}>
          <button
            type="button"
            class="button button-quiet"
            onClick={async () => {
              await store.remove("action", props.action!.id);
              props.onDone(t("action.removed"));
            }}
          >
            {t("action.remove")}
          </button>
        </Show>
      </div>
    </form>
  );
}

/** The follow-up actions of one finding, with a form to add one. */
export function FindingActions(props: { findingId: string }) {
  const { i18n, toaster } = useApp();
  const { t } = i18n;
  const actions = useList("action");
  const members = useMembers();
  const [editing, setEditing] = createSignal<string | null>(null);
  const [adding, setAdding] = createSignal(false);
  const mine = createMemo(() =>
    actions
      .all()
      .filter((a) => a.findingId === props.findingId)
      .sort(compareActions(localDate(new Date()))),
  );

  return (
    <section class="card" aria-labelledby="finding-actions-heading">
      <h2 id="finding-actions-heading">{t("action.heading")}</h2>
      <Show when={mine().length > 0} fallback={<p class="muted">{t("action.none")}</p>}>
        <ul class="items">
          <For each={mine()}>
            {(action) => (
              <Show
                when={editing() === action.id}
                fallback={<ActionItem action={action} members={members()} onEdit={() => setEditing(action.id)} />}
              >
                <li class="item">
                  <ActionForm
                    findingId={props.findingId}
                    action={action}
                    members={members()}
                    onCancel={() => setEditing(null)}
                    onDone={(message) => {
                      setEditing(null);
                      toaster.show(message);
                    }}
                  />
                </li>
              </Show>
            )}
          </For>
        </ul>
      </Show>
      <Show
        when={adding()}
        fallback={
          <button type="button" class="button button-secondary" onClick={() => setAdding(true)}>
            <Icon name="plus" />
            {t("action.addHeading")}
          </button>
        }
      >
        <h3>{t("action.addHeading")}</h3>
        <ActionForm findingId={props.findingId} members={members()} onCancel={() => setAdding(false)} onDone={(message) => toaster.show(message)} />
      </Show>
    </section>
  );
}
