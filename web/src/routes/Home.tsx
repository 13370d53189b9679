import { For, lazy, Show, Suspense, type JSX } from "solid-js";
import type { Role } from "../../../shared/roles";
import { Icon } from "../components/Icon";
import { Page } from "../components/Page";
import { Loading } from "../components/Status";
import { useApp, useOrg } from "../context";
import { withTexts, type MessageKey } from "../i18n";
import { orgHref } from "../nav";
import { BoardSkeleton } from "./board/BoardSkeleton";

// Your open actions, from the device's store: loaded with the capture screens, not with the shell.
const HomeCapture = lazy(() => import("./actions/HomeCapture"));
// The board's home is the board view itself; it loads on first use, not with the shell.
const BoardView = lazy(withTexts(["benefits", "decide"], () => import("./board/BoardView")));

interface NextStep {
  title: MessageKey;
  text: MessageKey;
  /** Path inside the organisation; a step without one is a feature that has not arrived yet. */
  path?: string;
}

/**
 * What each role does first. Steps without a path are announced honestly as coming soon. The
 * board has no list of steps: its home is the board view, which links to everything it decides on.
 */
const START: Record<Exclude<Role, "board">, { intro: MessageKey; steps: NextStep[] }> = {
  admin: {
    intro: "home.admin.intro",
    steps: [
      { title: "home.admin.people", text: "home.admin.peopleText", path: "admin/people" },
      { title: "home.admin.locations", text: "home.admin.locationsText", path: "admin/locations" },
      { title: "home.admin.stages", text: "home.admin.stagesText", path: "admin/journey-stages" },
      { title: "home.admin.segments", text: "home.admin.segmentsText", path: "admin/segments" },
      { title: "home.admin.themes", text: "home.admin.themesText", path: "admin/themes" },
      // Not tabs for admins (five at most): their templates and the experiments are one tap from here.
      { title: "home.admin.mystery", text: "home.admin.mysteryText", path: "mystery/templates" },
      { title: "home.admin.experiments", text: "home.admin.experimentsText", path: "experiments" },
      { title: "home.admin.cases", text: "home.admin.casesText", path: "cases" },
      { title: "board.title", text: "board.homeText", path: "board" },
    ],
  },
  executive: {
    intro: "home.executive.intro",
    steps: [
      { title: "home.executive.visits", text: "home.executive.visitsText", path: "visits" },
      { title: "home.executive.mystery", text: "home.executive.mysteryText", path: "mystery" },
      { title: "home.executive.findings", text: "home.executive.findingsText", path: "findings" },
    ],
  },
  cx_ops: {
    intro: "home.cx.intro",
    steps: [
      { title: "home.cx.triage", text: "home.cx.triageText", path: "findings?status=new" },
      { title: "home.cx.experiments", text: "home.cx.experimentsText", path: "experiments" },
      { title: "home.cx.results", text: "home.cx.resultsText", path: "experiments?status=running" },
      { title: "home.cx.cases", text: "home.cx.casesText", path: "cases" },
      // Visits are not a tab for CX operations: "Start a visit" is above, the list is here.
      { title: "home.cx.visits", text: "home.cx.visitsText", path: "visits" },
    ],
  },
};

const notBoard = (role: Role): Exclude<Role, "board"> | false => (role === "board" ? false : role);

export default function Home() {
  const org = useOrg();
  return (
    <Show when={notBoard(org().role)} fallback={<BoardHome />}>
      {(role) => (
        <RoleHome role={role()}>
          <Suspense fallback={<Loading />}>
            <HomeCapture />
          </Suspense>
        </RoleHome>
      )}
    </Show>
  );
}

/** The home screen without the device's records, while they load (see RouteSkeleton). */
export function HomeSkeleton() {
  const org = useOrg();
  return (
    <Show when={notBoard(org().role)} fallback={<BoardSkeleton />}>
      {(role) => (
        <RoleHome role={role()}>
          <Loading />
        </RoleHome>
      )}
    </Show>
  );
}

/** The board view, with the board member's own open actions below it. */
function BoardHome() {
  return (
    <Suspense fallback={<Loading />}>
      <BoardView>
        <HomeCapture />
      </BoardView>
    </Suspense>
  );
}

/** A role's home; `children` is the list of open actions from the device's store, last on the page. */
function RoleHome(props: { role: Exclude<Role, "board">; children: JSX.Element }) {
  const { session, i18n } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const firstName = () => {
    const name = session.session()?.user.name.trim() ?? "";
    return name.split(/\s+/)[0] || name;
  };
  const start = () => START[props.role];
  const hasSoon = () => start().steps.some((step) => !step.path);

  return (
    <Page title={t("home.title")} heading={t("home.greeting", { name: firstName() })}>
      <p class="lead">{t("home.context", { org: org().orgName, role: t(`role.${org().role}`) })}</p>
      <p>{t(start().intro)}</p>
      <p>
        <a class="button button-wide start-shortcut" href={orgHref(org().orgId, "visits/new")}>
          <Icon name="visits" />
          {t("visits.start")}
        </a>
      </p>
      <section>
        <h2 id="next-steps-heading">{t("home.nextSteps")}</h2>
        <ul class="steps">
          <For each={start().steps}>
            {(step) => (
              <li class="step">
                <Show
                  when={step.path}
                  fallback={
                    <div class="step-body">
                      <p class="step-title">
                        {t(step.title)} <span class="badge">{t("home.soon")}</span>
                      </p>
                      <p class="step-text">{t(step.text)}</p>
                    </div>
                  }
                >
                  {(path) => (
                    <a class="step-body step-link" href={orgHref(org().orgId, path())}>
                      <span class="step-title">{t(step.title)}</span>
                      <span class="step-text">{t(step.text)}</span>
                    </a>
                  )}
                </Show>
              </li>
            )}
          </For>
        </ul>
        <Show when={hasSoon()}>
          <p class="muted">{t("home.soonNote")}</p>
        </Show>
      </section>
      {/* Last on the page: the list arrives with the device's records and grows without moving what is above it. */}
      {props.children}
    </Page>
  );
}
