import { Navigate, Route, Router } from "@solidjs/router";
import { lazy } from "solid-js";
import { Frame } from "./components/Frame";
import { AppProvider, type AppState } from "./context";
import Home from "./routes/Home";
import InviteAccept from "./routes/InviteAccept";
import Login from "./routes/Login";
import Me from "./routes/Me";
import NotFound from "./routes/NotFound";
import OrgLayout from "./routes/OrgLayout";
import Setup from "./routes/Setup";
import Start from "./routes/Start";

// Admin screens are for one role only: they load on demand and stay out of the shell's budget.
const AdminLayout = lazy(() => import("./routes/admin/AdminLayout"));
const People = lazy(() => import("./routes/admin/People"));
const Locations = lazy(() => import("./routes/admin/Locations"));
const JourneyStages = lazy(() => import("./routes/admin/JourneyStages"));
const Segments = lazy(() => import("./routes/admin/Segments"));
const Themes = lazy(() => import("./routes/admin/Themes"));

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
        <Route path="/o/:orgId" component={OrgLayout}>
          <Route path="/" component={Home} />
          <Route path="/me" component={Me} />
          <Route path="/admin" component={AdminLayout}>
            <Route path="/" component={() => <Navigate href="people" />} />
            <Route path="/people" component={People} />
            <Route path="/locations" component={Locations} />
            <Route path="/journey-stages" component={JourneyStages} />
            <Route path="/segments" component={Segments} />
            <Route path="/themes" component={Themes} />
          </Route>
        </Route>
        <Route path="*" component={NotFound} />
      </Router>
    </AppProvider>
  );
}
