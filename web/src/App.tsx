import { Navigate, Route, Router } from "@solidjs/router";
import { lazy, type Component } from "solid-js";
import { Frame } from "./components/Frame";
import { AppProvider, type AppState } from "./context";
import { afterFirstPaint } from "./first-screen";
import { withTexts } from "./i18n";
import Home from "./routes/Home";
import Login from "./routes/Login";
import NotFound from "./routes/NotFound";
import OrgLayout from "./routes/OrgLayout";
import Start from "./routes/Start";

/**
 * A screen's code, loaded when first needed but never before the page's first frame: the router
 * asks for the code of the screen a link opens while drawing that first frame, and on a slow
 * phone those requests and that work held the frame back.
 */
const screen = <T extends Component<any>>(load: () => Promise<{ default: T }>) => lazy(() => afterFirstPaint().then(load));

// Screens each person opens rarely (once, or to change a setting): loaded when opened, not with the shell.
const Setup = screen(() => import("./routes/Setup"));
const InviteAccept = screen(() => import("./routes/InviteAccept"));
const ResetPassword = screen(withTexts(["account"], () => import("./routes/account/ResetPassword")));
const Me = screen(withTexts(["account"], () => import("./routes/Me")));
// Admin screens are for one role only: they load on demand and stay out of the shell's budget.
const AdminLayout = screen(() => import("./routes/admin/AdminLayout"));
const People = screen(withTexts(["account"], () => import("./routes/admin/People")));
const Locations = screen(() => import("./routes/admin/Locations"));
const JourneyStages = screen(() => import("./routes/admin/JourneyStages"));
const Segments = screen(() => import("./routes/admin/Segments"));
const Themes = screen(() => import("./routes/admin/Themes"));
const Organisation = screen(withTexts(["trust"], () => import("./routes/admin/Organisation")));
const Archive = screen(withTexts(["trust"], () => import("./routes/admin/Archive")));
const ApiKeys = screen(withTexts(["trust"], () => import("./routes/admin/ApiKeys")));
// Capture screens read the device's store; they load on first use and are precached for offline.
const VisitList = screen(() => import("./routes/visits/VisitList"));
const VisitStart = screen(() => import("./routes/visits/VisitStart"));
const VisitBriefing = screen(withTexts(["briefing"], () => import("./routes/visits/VisitBriefing")));
const VisitScreen = screen(withTexts(["briefing", "trust"], () => import("./routes/visits/VisitScreen")));
const FindingList = screen(withTexts(["briefing"], () => import("./routes/findings/FindingList")));
const FindingScreen = screen(withTexts(["briefing", "trust"], () => import("./routes/findings/FindingScreen")));
const MyActions = screen(() => import("./routes/actions/MyActions"));
// Experiments and KPIs: loaded when first opened, precached for offline drafts.
const ExperimentList = screen(() => import("./routes/experiments/ExperimentList"));
const ExperimentScreen = screen(withTexts(["results", "trust"], () => import("./routes/experiments/ExperimentScreen")));
const KpiList = screen(withTexts(["kpi"], () => import("./routes/kpis/KpiList")));
const KpiScreen = screen(withTexts(["kpi", "trust"], () => import("./routes/kpis/KpiScreen")));
// Business cases, board packs (printable) and the board view: loaded when first opened.
const CaseList = screen(withTexts(["cases"], () => import("./routes/cases/CaseList")));
const CaseScreen = screen(withTexts(["cases", "results", "trust", "benefits", "decide"], () => import("./routes/cases/CaseScreen")));
const CasePack = screen(withTexts(["cases", "results", "trust", "decide"], () => import("./routes/cases/CasePack")));
const MeetingPack = screen(withTexts(["cases", "results", "trust", "decide"], () => import("./routes/cases/MeetingPack")));
const BoardView = screen(withTexts(["benefits", "decide"], () => import("./routes/board/BoardView")));
const BoardDelivered = screen(withTexts(["benefits"], () => import("./routes/board/Delivered")));
// Mystery shopping: loaded when first opened (then precached by the service worker for offline use).
const MysteryLayout = screen(withTexts(["mystery"], () => import("./routes/mystery/MysteryLayout")));
const MysteryShops = screen(withTexts(["mystery"], () => import("./routes/mystery/Shops")));
const MysteryRunShop = screen(withTexts(["mystery", "trust"], () => import("./routes/mystery/RunShop")));
const MysteryTemplates = screen(withTexts(["mystery"], () => import("./routes/mystery/Templates")));
const MysteryTemplateEditor = screen(withTexts(["mystery", "trust"], () => import("./routes/mystery/TemplateEditor")));
const MysteryResults = screen(withTexts(["mystery"], () => import("./routes/mystery/Results")));
const MysteryLocationResults = screen(withTexts(["mystery"], () => import("./routes/mystery/LocationResults")));

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
