/** The text packs: texts that only some screens use, loaded with those screens (web/src/i18n/packs.ts). */
export type TextPack = "account" | "benefits" | "briefing" | "cases" | "decide" | "kpi" | "mystery" | "photo" | "results" | "trust";

/** A screen whose code loads when it is opened: the module of its code and the text packs it loads with it. */
export interface ScreenCode {
  /** The addresses that open it (as web/src/App.tsx routes them); none for a layout, which only wraps screens. */
  paths: readonly string[];
  /** Its source module, as Vite's manifest names it ("src/routes/…"). */
  module: string;
  texts: readonly TextPack[];
  /** The layout it is drawn in, whose code loads with it. */
  within?: ScreenCode;
}

const screen = (paths: readonly string[], module: string, texts: readonly TextPack[] = [], within?: ScreenCode): ScreenCode => ({ paths, module, texts, ...(within ? { within } : {}) });

const adminLayout = screen([], "src/routes/admin/AdminLayout.tsx");
const mysteryLayout = screen([], "src/routes/mystery/MysteryLayout.tsx", ["mystery"]);
const admin = (path: string, module: string, texts: readonly TextPack[] = []) => screen([`/o/:orgId/admin${path}`], `src/routes/admin/${module}.tsx`, texts, adminLayout);
const mystery = (paths: readonly string[], module: string, texts: readonly TextPack[] = ["mystery"]) => screen(paths.map((path) => `/o/:orgId/mystery${path}`), `src/routes/mystery/${module}.tsx`, texts, mysteryLayout);

/**
 * Every screen web/src/App.tsx loads on demand. The app loads each one's texts from here; the
 * server names the code and texts of the screen a link opens in that page (server/http/
 * shell-page.ts), so a phone fetches them beside the shell instead of after it. That App.tsx
 * routes each address to the module given here is checked by web/src/screens.test.ts.
 */
export const SCREENS = {
  setup: screen(["/setup"], "src/routes/Setup.tsx"),
  inviteAccept: screen(["/invite/:token"], "src/routes/InviteAccept.tsx"),
  resetPassword: screen(["/reset/:token"], "src/routes/account/ResetPassword.tsx", ["account"]),
  me: screen(["/o/:orgId/me"], "src/routes/Me.tsx", ["account"]),
  adminLayout,
  people: admin("/people", "People", ["account"]),
  locations: admin("/locations", "Locations"),
  journeyStages: admin("/journey-stages", "JourneyStages"),
  segments: admin("/segments", "Segments"),
  themes: admin("/themes", "Themes"),
  organisation: admin("/organisation", "Organisation", ["trust"]),
  archive: admin("/archive", "Archive", ["trust"]),
  apiKeys: admin("/api-keys", "ApiKeys", ["trust"]),
  visitList: screen(["/o/:orgId/visits"], "src/routes/visits/VisitList.tsx"),
  visitStart: screen(["/o/:orgId/visits/new"], "src/routes/visits/VisitStart.tsx"),
  visitBriefing: screen(["/o/:orgId/visits/new/:locationId"], "src/routes/visits/VisitBriefing.tsx", ["briefing"]),
  visit: screen(["/o/:orgId/visits/:id"], "src/routes/visits/VisitScreen.tsx", ["briefing", "trust"]),
  findingList: screen(["/o/:orgId/findings"], "src/routes/findings/FindingList.tsx", ["briefing"]),
  finding: screen(["/o/:orgId/findings/:id"], "src/routes/findings/FindingScreen.tsx", ["briefing", "trust"]),
  myActions: screen(["/o/:orgId/actions"], "src/routes/actions/MyActions.tsx"),
  experimentList: screen(["/o/:orgId/experiments"], "src/routes/experiments/ExperimentList.tsx"),
  experiment: screen(["/o/:orgId/experiments/:id"], "src/routes/experiments/ExperimentScreen.tsx", ["results", "trust"]),
  kpiList: screen(["/o/:orgId/kpis"], "src/routes/kpis/KpiList.tsx", ["kpi"]),
  kpi: screen(["/o/:orgId/kpis/:id"], "src/routes/kpis/KpiScreen.tsx", ["kpi", "trust"]),
  caseList: screen(["/o/:orgId/cases"], "src/routes/cases/CaseList.tsx", ["cases"]),
  case: screen(["/o/:orgId/cases/:id"], "src/routes/cases/CaseScreen.tsx", ["cases", "results", "trust", "benefits", "decide"]),
  casePack: screen(["/o/:orgId/cases/:id/pack"], "src/routes/cases/CasePack.tsx", ["cases", "results", "trust", "decide"]),
  meetingPack: screen(["/o/:orgId/board/pack"], "src/routes/cases/MeetingPack.tsx", ["cases", "results", "trust", "decide"]),
  board: screen(["/o/:orgId/board"], "src/routes/board/BoardView.tsx", ["benefits", "decide"]),
  boardDelivered: screen(["/o/:orgId/board/delivered"], "src/routes/board/Delivered.tsx", ["benefits"]),
  mysteryLayout,
  mysteryShops: mystery([""], "Shops"),
  mysteryRunShop: mystery(["/shops/:shopId"], "RunShop", ["mystery", "trust"]),
  mysteryTemplates: mystery(["/templates"], "Templates"),
  mysteryTemplateEditor: mystery(["/templates/new", "/templates/:templateId"], "TemplateEditor", ["mystery", "trust"]),
  mysteryResults: mystery(["/results"], "Results"),
  mysteryLocationResults: mystery(["/results/:locationId"], "LocationResults"),
} as const satisfies Record<string, ScreenCode>;

/**
 * The screen an address opens, as the router would choose it: of the screens whose pattern fits,
 * the one with the most fixed segments ("/visits/new" before "/visits/:id"). Undefined for an
 * address of a screen in the shell (the organisation's home, the login) or of none.
 */
export function screenAt(pathname: string): ScreenCode | undefined {
  const segments = pathname.replace(/\/+$/, "").split("/");
  let best: { screen: ScreenCode; fixed: number } | undefined;
  for (const screen of Object.values(SCREENS) as ScreenCode[]) {
    for (const path of screen.paths) {
      const pattern = path.split("/");
      if (pattern.length !== segments.length) continue;
      const fits = pattern.every((part, i) => (part.startsWith(":") ? segments[i] !== "" : part === segments[i]));
      const fixed = pattern.filter((part) => !part.startsWith(":")).length;
      if (fits && (!best || fixed > best.fixed)) best = { screen, fixed };
    }
  }
  return best?.screen;
}
