import { Navigate, Route, Router } from "@solidjs/router";
import { lazy } from "solid-js";
import { Frame } from "./components/Frame";
import { AppProvider, type AppState } from "./context";
import { withTexts } from "./i18n";
import Home from "./routes/Home";
import Login from "./routes/Login";
import NotFound from "./routes/NotFound";
import OrgLayout from "./routes/OrgLayout";
import Start from "./routes/Start";

// Screens each person opens rarely (once, or to change a setting): loaded when opened, not with the shell.
const Setup = lazy(() => import("./routes/Setup"));
const InviteAccept = lazy(() => import("./routes/InviteAccept"));
const ResetPassword = lazy(withTexts(["account"], () => import("./routes/account/ResetPassword")));
const Me = lazy(withTexts(["account"], () => import("./routes/Me")));
// Admin screens are for one role only: they load on demand and stay out of the shell's budget.
const AdminLayout = lazy(() => import("./routes/admin/AdminLayout"));
const People = lazy(withTexts(["account"], () => import("./routes/admin/People")));
const Locations = lazy(() => import("./routes/admin/Locations"));
const JourneyStages = lazy(() => import("./routes/admin/JourneyStages"));
const Segments = lazy(() => import("./routes/admin/Segments"));
const Themes = lazy(() => import("./routes/admin/Themes"));
const Organisation = lazy(withTexts(["trust"], () => import("./routes/admin/Organisation")));
const Archive = lazy(withTexts(["trust"], () => import("./routes/admin/Archive")));
const ApiKeys = lazy(withTexts(["trust"], () => import("./routes/admin/ApiKeys")));
// Capture screens read the device's store; they load on first use and are precached for offline.
const VisitList = lazy(() => import("./routes/visits/VisitList"));
const VisitStart = lazy(() => import("./routes/visits/VisitStart"));
const VisitBriefing = lazy(withTexts(["briefing"], () => import("./routes/visits/VisitBriefing")));
const VisitScreen = lazy(withTexts(["briefing", "trust"], () => import("./routes/visits/VisitScreen")));
const FindingList = lazy(withTexts(["briefing"], () => import("./routes/findings/FindingList")));
const FindingScreen = lazy(withTexts(["briefing", "trust"], () => import("./routes/findings/FindingScreen")));
const MyActions = lazy(() => import("./routes/actions/MyActions"));
// Experiments and KPIs: loaded when first opened, precached for offline drafts.
const ExperimentList = lazy(() => import("./routes/experiments/ExperimentList"));
const ExperimentScreen = lazy(withTexts(["results", "trust"], () => import("./routes/experiments/ExperimentScreen")));
const KpiList = lazy(withTexts(["kpi"], () => import("./routes/kpis/KpiList")));
const KpiScreen = lazy(withTexts(["kpi", "trust"], () => import("./routes/kpis/KpiScreen")));
// Business cases, board packs (printable) and the board view: loaded when first opened.
const CaseList = lazy(withTexts(["cases"], () => import("./routes/cases/CaseList")));
const CaseScreen = lazy(withTexts(["cases", "results", "trust", "benefits", "decide"], () => import("./routes/cases/CaseScreen")));
const CasePack = lazy(withTexts(["cases", "results", "trust", "decide"], () => import("./routes/cases/CasePack")));
const MeetingPack = lazy(withTexts(["cases", "results", "trust", "decide"], () => import("./routes/cases/MeetingPack")));
const BoardView = lazy(withTexts(["benefits", "decide"], () => import("./routes/board/BoardView")));
const BoardDelivered = lazy(withTexts(["benefits"], () => import("./routes/board/Delivered")));
// Mystery shopping: loaded when first opened (then precached by the service worker for offline use).
const MysteryLayout = lazy(withTexts(["mystery"], () => import("./routes/mystery/MysteryLayout")));
const MysteryShops = lazy(withTexts(["mystery"], () => import("./routes/mystery/Shops")));
const MysteryRunShop = lazy(withTexts(["mystery", "trust"], () => import("./routes/mystery/RunShop")));
const MysteryTemplates = lazy(withTexts(["mystery"], () => import("./routes/mystery/Templates")));
const MysteryTemplateEditor = lazy(withTexts(["mystery", "trust"], () => import("./routes/mystery/TemplateEditor")));
const MysteryResults = lazy(withTexts(["mystery"], () => import("./routes/mystery/Results")));
const MysteryLocationResults = lazy(withTexts(["mystery"], () => import("./routes/mystery/LocationResults")));

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
