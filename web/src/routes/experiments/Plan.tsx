import { createEffect, createSignal, For, on, Show } from "solid-js";
import { ITEM_TITLE_MAX } from "../../../../shared/limits";
import { useMe } from "../../data/records";
import { memberName, type Member } from "../../data/members";
import { formatDay } from "../../format";
import { localDate } from "../../capture/model";
import { SelectField, TextField, DateField } from "../../fields/Fields";
import { Icon } from "../../components/Icon";
import { tooLong } from "../../components/TextLimit";
import { useApp } from "../../context";
import { isBlockOverdue, moveBlock, planProgress, removeBlock, updateBlock, type PlanBlock } from "./model";
import { ownerChoices } from "../../data/members";
import { Later } from "../../components/stages";

/**
 * The tactical midfield: the building blocks that have to be ready before the experiment runs,
 * each with an owner and a due date. Overdue blocks say so in words and with an icon.
 */
export function Plan(props: { plan: readonly PlanBlock[]; canEdit: boolean; members: readonly Member[]; onChange: (plan: PlanBlock[]) => Promise<unknown> }) {
  const { i18n, toaster } = useApp();
  const { t } = i18n;
  const [editing, setEditing] = createSignal<string | null>(null);
  const today = () => localDate(new Date());
  const progress = () => planProgress(props.plan, today());

  // Two quick edits (a double press on ↑) must each build on the one before, even while the
  // first is still on its way to the device store and back into `props.plan`.
  let latest: PlanBlock[] | null = null;
  let writing = 0;
  const current = () => latest ?? props.plan;
  createEffect(
    on(
      () => props.plan,
      (plan) => {
        if (latest && (writing === 0 || JSON.stringify(plan) === JSON.stringify(latest))) latest = null;
      },
    ),
  );
  function change(next: PlanBlock[]) {
    latest = next;
    writing += 1;
    void props.onChange(next).finally(() => (writing -= 1));
  }

  function remove(block: PlanBlock) {
    const before = [...current()];
    change(removeBlock(current(), block.id));
    toaster.show(t("plan.removed", { title: block.title }), { action: { label: t("common.undo"), run: () => change(before) } });
    document.getElementById("block-new-title")?.focus();
  }

  function move(block: PlanBlock, delta: -1 | 1, event: MouseEvent) {
    change(moveBlock(current(), block.id, delta));
    // The block moves under the pointer: keep focus on the same button of the moved block.
    const name = (event.currentTarget as HTMLElement).dataset.move;
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-block="${block.id}"] [data-move="${name}"]:not(:disabled)`)?.focus());
  }

  return (
    <section class="card" aria-labelledby="plan-heading">
      <h2 id="plan-heading">{t("plan.heading")}</h2>
      <p class="muted">{t("plan.intro")}</p>
      <Show when={props.plan.length > 0}>
        <p class="plan-progress">
          {t("plan.progress", { done: progress().done, total: progress().total })}
          <Show when={progress().overdue > 0}>
            {" "}
            <span class="overdue">
              <Icon name="warning" class="icon icon-small" />
              {t("plan.overdueCount", { count: progress().overdue })}
            </span>
          </Show>
        </p>
      </Show>
      <Show when={props.plan.length > 0} fallback={<p class="empty">{t("plan.empty")}</p>}>
        <ol class="items plan-blocks">
          <For each={props.plan}>
            {(block, index) => {
              const overdue = () => isBlockOverdue(block, today());
              const checkId = () => `block-${block.id}-done`;
              return (
                <li class="item plan-block" data-block={block.id} classList={{ "action-overdue": overdue(), "action-done": block.done }}>
                  <Show
                    when={editing() === block.id}
                    fallback={
                      <>
                        <div class="action-check">
                          <input
                            id={checkId()}
                            type="checkbox"
                            checked={block.done}
                            disabled={!props.canEdit}
                            onChange={(event) => change(updateBlock(current(), block.id, { done: event.currentTarget.checked }))}
                          />
                          <label for={checkId()}>
                            <span class="visually-hidden">{t("plan.markDone")}: </span>
                            <span class="item-title">{block.title}</span>
                          </label>
                        </div>
                        <p class="item-meta">
                          <Show when={overdue()}>
                            <span class="overdue">
                              <Icon name="warning" class="icon icon-small" />
                              {t("plan.overdueSince", { date: formatDay(block.dueDate, i18n.language()) })}
                            </span>
                          </Show>
                          <Show when={!overdue() && block.dueDate}>
                            <span>{t("plan.dueOn", { date: formatDay(block.dueDate, i18n.language()) })}</span>
                          </Show>
                          <span classList={{ "no-owner": !block.ownerId }}>
                            {block.ownerId ? t("plan.ownedBy", { name: memberName(props.members, block.ownerId) ?? t("plan.someone") }) : t("plan.noOwner")}
                          </span>
                          <Show when={block.done}>
                            <span class="badge">{t("plan.doneBadge")}</span>
                          </Show>
                        </p>
                        <Show when={props.canEdit}>
                          <div class="button-row block-buttons">
                            <button type="button" class="button button-small button-quiet" onClick={() => setEditing(block.id)}>
                              {t("common.edit")}
                              <span class="visually-hidden"> {block.title}</span>
                            </button>
                            <button type="button" class="button button-small button-quiet" data-move="up" disabled={index() === 0} onClick={(event) => move(block, -1, event)}>
                              <span aria-hidden="true">↑</span>
                              <span class="visually-hidden">{t("plan.moveUp", { title: block.title })}</span>
                            </button>
                            <button
                              type="button"
                              class="button button-small button-quiet"
                              data-move="down"
                              disabled={index() === props.plan.length - 1}
                              onClick={(event) => move(block, 1, event)}
                            >
                              <span aria-hidden="true">↓</span>
                              <span class="visually-hidden">{t("plan.moveDown", { title: block.title })}</span>
                            </button>
                            <button type="button" class="button button-small button-quiet" onClick={() => remove(block)}>
                              {t("plan.remove")}
                              <span class="visually-hidden"> {block.title}</span>
                            </button>
                          </div>
                        </Show>
                      </>
                    }
                  >
                    <BlockForm
                      block={block}
                      members={props.members}
                      onCancel={() => setEditing(null)}
                      onSave={(fields) => {
                        setEditing(null);
                        change(updateBlock(current(), block.id, fields));
                      }}
                    />
                  </Show>
                </li>
              );
            }}
          </For>
        </ol>
      </Show>
      {/* The form to add a block is a part of its own, after the blocks (see Later). */}
      <Show when={props.canEdit}>
        <Later>
          <h3 id="plan-add-heading">{t("plan.addHeading")}</h3>
          <BlockForm
            members={props.members}
            onSave={(fields) => {
              change([...current(), { id: crypto.randomUUID(), done: false, ...fields }]);
              toaster.show(t("plan.added", { title: fields.title }));
            }}
          />
        </Later>
      </Show>
    </section>
  );
}

/** Adds a building block, or edits one: what, who and by when. */
function BlockForm(props: {
  block?: PlanBlock;
  members: readonly Member[];
  onSave: (fields: { title: string; ownerId: string | null; dueDate: string | null }) => void;
  onCancel?: () => void;
}) {
  const { i18n, session } = useApp();
  const { t } = i18n;
  const me = useMe();
  const prefix = () => `block-${props.block?.id ?? "new"}`;
  const [title, setTitle] = createSignal(props.block?.title ?? "");
  const [owner, setOwner] = createSignal(props.block ? (props.block.ownerId ?? "") : me.id());
  const [due, setDue] = createSignal(props.block?.dueDate ?? "");
  const [error, setError] = createSignal<string | undefined>();
  let form: HTMLFormElement | undefined;

  function submit(event: SubmitEvent) {
    event.preventDefault();
    if (!title().trim() || tooLong(title(), ITEM_TITLE_MAX)) {
      // A title too long says so beside the field already (its limit note); nothing is cut.
      if (!title().trim()) setError(t("issue.required"));
      queueMicrotask(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setError(undefined);
    props.onSave({ title: title().trim(), ownerId: owner() || null, dueDate: due() || null });
    if (!props.block) {
      setTitle("");
      setDue("");
      form?.querySelector<HTMLInputElement>("input")?.focus();
    }
  }

  return (
    <form
      ref={form}
      class="stack block-form"
      novalidate
      onSubmit={submit}
      aria-label={props.block ? t("plan.editLabel", { title: props.block.title }) : undefined}
      aria-labelledby={props.block ? undefined : "plan-add-heading"}
    >
      <TextField id={`${prefix()}-title`} label={t("plan.blockTitle")} hint={props.block ? undefined : t("plan.blockTitleHint")} value={title()} onValue={setTitle} error={error()} limit={ITEM_TITLE_MAX} />
      <SelectField
        id={`${prefix()}-owner`}
        label={t("plan.owner")}
        value={owner()}
        onValue={setOwner}
        choices={ownerChoices(props.members, { id: me.id(), name: session.session()?.user.name ?? t("plan.me") }, t("plan.noOwner"))}
      />
      <DateField id={`${prefix()}-due`} label={t("plan.due")} value={due()} onValue={setDue} />
      <div class="button-row">
        <button type="submit" class="button button-primary">
          {props.block ? t("common.save") : t("plan.add")}
        </button>
        <Show when={props.onCancel}>
          {(cancel) => (
            <button type="button" class="button button-secondary" onClick={() => cancel()()}>
              {t("common.cancel")}
            </button>
          )}
        </Show>
      </div>
    </form>
  );
}
