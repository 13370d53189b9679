import { Navigate, Route, Router } from "@solidjs/router";
import { lazy, type Component } from "solid-js";
import { Frame } from "./components/Frame";
import { AppProvider, type AppState } from "./context";
import { SCREENS, type ScreenCode } from "../../shared/screens";
import { afterFirstPaint } from "./first-screen";
import { withTexts } from "./i18n";
import Home from "./routes/Home";
import Login from "./routes/Login";
import NotFound from "./routes/NotFound";
import OrgLayout from "./routes/OrgLayout";
import Start from "./routes/Start";

/**
 * A screen's code and texts (shared/screens.ts), loaded when first needed but never before the
 * page's first frame: the router asks for the code of the screen a link opens while drawing that
 * first frame, and on a slow phone those requests and that work held the frame back.
 */
const screen = <T extends Component<any>>(code: ScreenCode, load: () => Promise<{ default: T }>) => lazy(() => afterFirstPaint().then(withTexts(code.texts, load)));

// Screens each person opens rarely (once, or to change a setting): loaded when opened, not with the shell.
const Setup = screen(SCREENS.setup, () => import("./routes/Setup"));
const InviteAccept = screen(SCREENS.inviteAccept, () => import("./routes/InviteAccept"));
const ResetPassword = screen(SCREENS.resetPassword, () => import("./routes/account/ResetPassword"));
const Me = screen(SCREENS.me, () => import("./routes/Me"));
// Admin screens are for one role only: they load on demand and stay out of the shell's budget.
const AdminLayout = screen(SCREENS.adminLayout, () => import("./routes/admin/AdminLayout"));
const People = screen(SCREENS.people, () => import("./routes/admin/People"));
const Locations = screen(SCREENS.locations, () => import("./routes/admin/Locations"));
const JourneyStages = screen(SCREENS.journeyStages, () => import("./routes/admin/JourneyStages"));
const Segments = screen(SCREENS.segments, () => import("./routes/admin/Segments"));
const Themes = screen(SCREENS.themes, () => import("./routes/admin/Themes"));
const Organisation = screen(SCREENS.organisation, () => import("./routes/admin/Organisation"));
const Archive = screen(SCREENS.archive, () => import("./routes/admin/Archive"));
const ApiKeys = screen(SCREENS.apiKeys, () => import("./routes/admin/ApiKeys"));
// Capture screens read the device's store; they load on first use and are precached for offline.
const VisitList = screen(SCREENS.visitList, () => import("./routes/visits/VisitList"));
const VisitStart = screen(SCREENS.visitStart, () => import("./routes/visits/VisitStart"));
const VisitBriefing = screen(SCREENS.visitBriefing, () => import("./routes/visits/VisitBriefing"));
const VisitScreen = screen(SCREENS.visit, () => import("./routes/visits/VisitScreen"));
const FindingList = screen(SCREENS.findingList, () => import("./routes/findings/FindingList"));
const FindingScreen = screen(SCREENS.finding, () => import("./routes/findings/FindingScreen"));
const MyActions = screen(SCREENS.myActions, () => import("./routes/actions/MyActions"));
// Experiments and KPIs: loaded when first opened, precached for offline drafts.
const ExperimentList = screen(SCREENS.experimentList, () => import("./routes/experiments/ExperimentList"));
const ExperimentScreen = screen(SCREENS.experiment, () => import("./routes/experiments/ExperimentScreen"));
const KpiList = screen(SCREENS.kpiList, () => import("./routes/kpis/KpiList"));
const KpiScreen = screen(SCREENS.kpi, () => import("./routes/kpis/KpiScreen"));
// Business cases, board packs (printable) and the board view: loaded when first opened.
const CaseList = screen(SCREENS.caseList, () => import("./routes/cases/CaseList"));
const CaseScreen = screen(SCREENS.case, () => import("./routes/cases/CaseScreen"));
const CasePack = screen(SCREENS.casePack, () => import("./routes/cases/CasePack"));
const MeetingPack = screen(SCREENS.meetingPack, () => import("./routes/cases/MeetingPack"));
const BoardView = screen(SCREENS.board, () => import("./routes/board/BoardView"));
const BoardDelivered = screen(SCREENS.boardDelivered, () => import("./routes/board/Delivered"));
// Mystery shopping: loaded when first opened (then precached by the service worker for offline use).
const MysteryLayout = screen(SCREENS.mysteryLayout, () => import("./routes/mystery/MysteryLayout"));
const MysteryShops = screen(SCREENS.mysteryShops, () => import("./routes/mystery/Shops"));
const MysteryRunShop = screen(SCREENS.mysteryRunShop, () => import("./routes/mystery/RunShop"));
const MysteryTemplates = screen(SCREENS.mysteryTemplates, () => import("./routes/mystery/Templates"));
const MysteryTemplateEditor = screen(SCREENS.mysteryTemplateEditor, () => import("./routes/mystery/TemplateEditor"));
const MysteryResults = screen(SCREENS.mysteryResults, () => import("./routes/mystery/Results"));
const MysteryLocationResults = screen(SCREENS.mysteryLocationResults, () => import("./routes/mystery/LocationResults"));

/**
 * Routes. The organisation is part of every in-app URL (`/o/:orgId/…`), so a link always
 * opens the same organisation, and switching organisation is following a link.
 */
export function App(props: { state: AppState; url?: string }) {
  return (
    <AppProvider state={props.state}>
      <Router root={Frame} {...(props.url ? { url: props.url } : {})}>
        <Route path="/" component={Start} />
        <Route path="/setup" component={Setup} />
        <Route path="/login" component={Login} />
        <Route path="/invite/:token" component={InviteAccept} />
        <Route path="/reset/:token" component={ResetPassword} />
        <Route path="/o/:orgId" component={OrgLayout}>
          <Route path="/" component={Home} />
          <Route path="/me" component={Me} />
          <Route path="/visits" component={VisitList} />
          <Route path="/visits/new" component={VisitStart} />
          <Route path="/visits/new/:locationId" component={VisitBriefing} />
          <Route path="/visits/:id" component={VisitScreen} />
          <Route path="/findings" component={FindingList} />
          {/* One route for new and existing: a new finding (":id" = "new") renames itself without remounting. */}
          <Route path="/findings/:id" component={FindingScreen} />
          <Route path="/actions" component={MyActions} />
          <Route path="/experiments" component={ExperimentList} />
          {/* ":id" = "new" for a new one (optionally ?findings=id,id); it renames itself once created. */}
          <Route path="/experiments/:id" component={ExperimentScreen} />
          <Route path="/kpis" component={KpiList} />
          <Route path="/kpis/:id" component={KpiScreen} />
          <Route path="/cases" component={CaseList} />
          {/* ":id" = "new" for a new one (optionally ?experiments=id,id); it renames itself once created. */}
          <Route path="/cases/:id" component={CaseScreen} />
          <Route path="/cases/:id/pack" component={CasePack} />
          <Route path="/board/pack" component={MeetingPack} />
          <Route path="/board/delivered" component={BoardDelivered} />
          <Route path="/board" component={BoardView} />
          <Route path="/mystery" component={MysteryLayout}>
            <Route path="/" component={MysteryShops} />
            <Route path="/shops/:shopId" component={MysteryRunShop} />
            <Route path="/templates" component={MysteryTemplates} />
            <Route path="/templates/new" component={MysteryTemplateEditor} />
            <Route path="/templates/:templateId" component={MysteryTemplateEditor} />
            <Route path="/results" component={MysteryResults} />
            <Route path="/results/:locationId" component={MysteryLocationResults} />
          </Route>
          <Route path="/admin" component={AdminLayout}>
            <Route path="/" component={() => <Navigate href="people" />} />
            <Route path="/people" component={People} />
            <Route path="/locations" component={Locations} />
            <Route path="/journey-stages" component={JourneyStages} />
            <Route path="/segments" component={Segments} />
            <Route path="/themes" component={Themes} />
            <Route path="/organisation" component={Organisation} />
            <Route path="/archive" component={Archive} />
            <Route path="/api-keys" component={ApiKeys} />
          </Route>
        </Route>
        <Route path="*" component={NotFound} />
      </Router>
    </AppProvider>
  );
}
