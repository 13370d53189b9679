import { createUniqueId, For, Show, type JSX } from "solid-js";
import { APPROVALS, checkSeparation } from "../../../shared/permissions";
import { useApp } from "../context";
import { useMe } from "../data/records";
import { formatDateTime } from "../format";
import { useSeparationOfDuties } from "../separation";
import { createMoveWithReason, type MoveView } from "./move-with-reason";
import { ReasonForm } from "./ReasonForm";

/** A record that moves through a lifecycle, as the card needs it. */
interface Movable<S extends string> {
  id: string;
  status?: S | null;
  authorId?: string | null;
}

/**
 * Where a record (an experiment, a business case) stands and what may happen next. Every move
 * needs a reason and the server's word (it checks role, order and readiness, and logs the
 * decision), so it needs a connection; the fields are sent first, so the server judges what this
 * screen shows. The screen adds what is its own (an experiment's steps and checklist) as children.
 */
export function MoveWithReason<S extends string>(props: {
  view: MoveView<S>;
  record: Movable<S> | undefined;
  /** The status of a record not saved yet. */
  initial: S;
  /** Who made the latest move into the status an approval answers (separation of duties). */
  proposedBy: string | null;
  /** What the record still lacks before it may enter `view.readyFor`. */
  gaps: () => readonly unknown[];
  /** Says what is missing, with the id `view.ids.blocked` (the blocked button points at it). */
  blockedNotice: () => JSX.Element;
  children?: (status: () => S) => JSX.Element;
  /** What stands in the way of a move and needs a reason of its own (an experiment's win past its gates). */
  warnings?: (to: S) => readonly string[];
}) {
  const { i18n, session } = useApp();
  const { t } = i18n;
  const me = useMe();
  const view = props.view;
  const move = createMoveWithReason(view, { id: () => props.record?.id, storedStatus: () => props.record?.status ?? props.initial }, (to) => props.warnings?.(to) ?? []);
  const { status, choosing, busy, open, close } = move;

  const separation = useSeparationOfDuties();
  // As the server judges it: nobody approves what they proposed or submitted (separation of duties).
  const separated = (to: S) => checkSeparation(view.entity, status(), to, me.person(), { enforced: separation(), proposedBy: props.proposedBy, authorId: props.record?.authorId ?? null }).ok;
  const moves = () => (props.record ? view.lifecycle.movesFrom(status(), me.role()).filter(separated) : []);
  const blocked = (to: S) => to === view.readyFor && props.gaps().length > 0;

  return (
    <section class={view.classes.card} aria-labelledby={view.ids.heading}>
      <h2 id={view.ids.heading}>{t(view.text.heading)}</h2>
      <p id={view.ids.status} class="lifecycle-status" tabindex="-1">
        <span class="muted">{t("lifecycle.now")}</span> <StatusBadge view={view} status={status()} />
      </p>
      {props.children?.(status)}
      <Show when={props.record} fallback={<p class="muted">{t(view.text.saveFirst)}</p>}>
        <Show when={moves().length > 0} fallback={<p class="muted">{t(view.text.noMoves(status()))}</p>}>
          <Show when={!session.online()}>
            <p class="notice">{t("lifecycle.needsConnection")}</p>
          </Show>
          <div class={view.classes.moves}>
            <For each={moves()}>
              {(to) => (
                <button
                  type="button"
                  class={`button button-${view.buttonStyle(to)}`}
                  {...{ [view.moveAttribute]: to }}
                  disabled={!session.online() || blocked(to) || busy()}
                  aria-expanded={choosing() === to}
                  aria-describedby={blocked(to) ? view.ids.blocked : undefined}
                  onClick={() => (choosing() === to ? close() : open(to))}
                >
                  {t(view.moveKey(status(), to))}
                </button>
              )}
            </For>
          </div>
          <Show when={moves().some(blocked)}>{props.blockedNotice()}</Show>
        </Show>
        <Show when={props.record && !separated(APPROVALS[view.entity].approval as S)}>
          <p class="hint">{t("separation.ownProposal")}</p>
        </Show>
        <ReasonForm move={move} idPrefix={view.ids.reason} hint={t(view.text.reasonHint)} label={(to) => t(view.moveKey(status(), to))} />
      </Show>
    </section>
  );
}

export function StatusBadge<S extends string>(props: { view: MoveView<S>; status: S }) {
  const { i18n } = useApp();
  return (
    <span class={props.view.classes.badge} data-status={props.status}>
      {i18n.t(props.view.statusKey(props.status))}
    </span>
  );
}

interface LoggedMove<S extends string> {
  from?: S | null;
  to?: S | null;
  reason?: string | null;
  userName?: string | null;
  at?: string;
  dutiesSeparated?: boolean | null;
}

/** Every logged move of a record with who, when and why, in the order given; `detail` adds a line to a move (a case's version). */
export function DecisionHistory<S extends string, D extends LoggedMove<S>>(props: { view: MoveView<S>; decisions: readonly D[]; headingLevel?: 2 | 3; detail?: (decision: D) => string | undefined }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const view = props.view;
  // A meeting pack holds many records: each history needs its own heading id.
  const headingId = `${view.ids.history}-${createUniqueId()}`;
  const statusText = (status: S | null | undefined) => (status ? t(view.statusKey(status)) : "?");
  return (
    <section class={view.classes.history} aria-labelledby={headingId}>
      <Show when={props.headingLevel === 3} fallback={<h2 id={headingId}>{t(view.text.historyHeading)}</h2>}>
        <h3 id={headingId}>{t(view.text.historyHeading)}</h3>
      </Show>
      <Show when={props.decisions.length > 0} fallback={<p class="empty">{t(view.text.historyEmpty)}</p>}>
        <ol class="decision-log">
          <For each={props.decisions}>
            {(decision) => (
              <li class="decision">
                <p class="decision-move">{t(view.text.historyMove, { from: statusText(decision.from), to: statusText(decision.to) })}</p>
                <Show when={props.detail?.(decision)}>{(detail) => <p class="item-meta decision-detail">{detail()}</p>}</Show>
                <Show when={decision.dutiesSeparated === false}>
                  <p class="item-meta">({t("separation.offNote")})</p>
                </Show>
                <p class="item-meta">
                  <span>{decision.userName ?? t("plan.someone")}</span>{" "}
                  <span>
                    <time datetime={decision.at}>{formatDateTime(decision.at, i18n.language())}</time>
                  </span>
                </p>
                <Show when={decision.reason}>
                  <blockquote class="decision-reason">{decision.reason}</blockquote>
                </Show>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </section>
  );
}
