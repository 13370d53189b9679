import { createMemo, For, Show } from "solid-js";
import { createProgressive } from "../../components/stages";
import { localeOf } from "../../format";
import { useApp } from "../../context";
import { barFill, boardLinks, cadenceStatus, cadenceTargets, sortPeople, type BoardSummary, type ImmersionPerson } from "./model";
import { OrgLink, Section } from "./Section";

/** Who is on the floor as often as the target asks; each person's cadence follows once `detail` says so (a task later). */
export function Immersion(props: { immersion: BoardSummary["immersion"]; detail: boolean }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const targets = () => cadenceTargets(props.immersion.targetPerMonth);
  const people = createMemo(() => sortPeople(props.immersion.people, localeOf(i18n.language())));
  const notOnFloor = createMemo(() => {
    const ids = new Set(props.immersion.notOnFloor);
    return people().filter((p) => ids.has(p.userId));
  });
  const lastVisit = (p: ImmersionPerson) => (p.lastVisitAt ? t("board.immersion.lastVisit", { date: i18n.formatDate(p.lastVisitAt) }) : t("board.immersion.never"));

  return (
    <Section id="board-immersion" title={t("board.immersion.heading")} wide>
      <p class="muted">{t("board.immersion.target", { perMonth: targets().days30, per90: targets().days90 })}</p>
      <Show when={people().length > 0} fallback={<p class="empty">{t("board.immersion.nobody")}</p>}>
        <div class="not-on-floor" classList={{ "not-on-floor-clear": notOnFloor().length === 0 }}>
          <h3>{t("board.immersion.notOnFloor")}</h3>
          <Show when={notOnFloor().length > 0} fallback={<p>{t("board.immersion.allOnFloor")}</p>}>
            <ul>
              <For each={notOnFloor()}>
                {(p) => (
                  <li>
                    <OrgLink path={boardLinks.visitsOf(p.userId)}>{p.name}</OrgLink> <span class="muted">· {lastVisit(p)}</span>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </div>
        <Show when={props.detail}>
          <h3>{t("board.immersion.people")}</h3>
          <CadenceList people={people()} targetPerMonth={props.immersion.targetPerMonth} lastVisit={lastVisit} />
        </Show>
      </Show>
    </Section>
  );
}

/** Each person's cadence: a person per part of the drawing, each with two bars that link. */
function CadenceList(props: { people: ImmersionPerson[]; targetPerMonth: number; lastVisit: (p: ImmersionPerson) => string }) {
  const { t } = useApp().i18n;
  const targets = () => cadenceTargets(props.targetPerMonth);
  const shown = createProgressive(() => props.people, 1);
  return (
    <ul class="cadence-list">
      <For each={shown()}>
        {(p) => {
          const status = () => cadenceStatus(p, props.targetPerMonth);
          return (
            <li class="cadence-person">
              <p class="cadence-head">
                <span class="cadence-name">{p.name}</span>
                <span class="muted">{p.role ? t(`role.${p.role}`) : t("board.immersion.formerMember")}</span>
                <span class="cadence-badge" data-status={status()}>
                  {t(`board.cadence.${status()}`)}
                </span>
              </p>
              <CadenceBar person={p} days={30} target={targets().days30} />
              <CadenceBar person={p} days={90} target={targets().days90} />
              <p class="cadence-last muted">{props.lastVisit(p)}</p>
            </li>
          );
        }}
      </For>
    </ul>
  );
}

function CadenceBar(props: { person: ImmersionPerson; days: 30 | 90; target: number }) {
  const { t } = useApp().i18n;
  const count = () => (props.days === 30 ? props.person.visits30 : props.person.visits90);
  return (
    <OrgLink
      path={boardLinks.visits(props.person.userId, props.days)}
      class="meter"
      aria-label={t("board.immersion.visitsLabel", { name: props.person.name, count: count(), days: props.days, target: props.target })}
    >
      <span class="meter-label">{props.days === 30 ? t("board.immersion.days30") : t("board.immersion.days90")}</span>
      <span class="meter-track" aria-hidden="true">
        <span class="meter-fill" classList={{ "meter-fill-met": count() >= props.target }} style={{ width: `${barFill(count(), props.target) * 100}%` }} />
      </span>
      <span class="meter-count">{t("board.immersion.ofTarget", { count: count(), target: props.target })}</span>
    </OrgLink>
  );
}
