import { render } from "solid-js/web";
import { App } from "./App";
import { createAppState } from "./context";
import { loadLanguage, pickLanguage } from "./i18n";
import { browserStore, STORAGE_KEYS } from "./data/storage";
import "./styles/app.css";
import { registerServiceWorker } from "./update";
import { warmUpIntl } from "./intl-warmup";
import { afterFirstPaint, whenFirstScreenDone } from "./first-screen";
import { readSessionInPage } from "./session";
import { databaseName } from "./data/local/database";
import { pullAhead } from "./data/local/pull-worker";
import { askAhead } from "./data/ahead";
import { memberOrgOf } from "../../shared/ahead";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

const language = pickLanguage(browserStore().get(STORAGE_KEYS.language), navigator.language);
// Who is logged in, as the server wrote it into the page (none when the page came from the
// service worker's cache): the device's pull for the organisation the page is for starts at once,
// beside the screen's code and store rather than after them.
const inPage = readSessionInPage(document);
const orgId = inPage ? memberOrgOf(location.pathname, inPage) : null;
const pulling = inPage !== null && orgId !== null && pullAhead({ name: databaseName(inPage.user.id, orgId), orgId, language });

// The language's texts before the first render, so a Dutch user never sees the English ones flash by.
await loadLanguage(language).catch(() => undefined);
const state = createAppState();
// Without a session in the page, who is logged in is asked before the first render, so the
// answer is on its way while the shell draws.
void state.session.start({ onLoginScreen: location.pathname === "/login", inPage });
render(() => <App state={state} />, root);
// The formatters' language data loads beside the screen's code, after the first frame (the
// skeleton formats nothing); the pull worker, where there is one, loads it itself.
if (!pulling) void afterFirstPaint().then(() => warmUpIntl(language));
// What most screens ask the server for besides the pull, once the first frame is out (ahead.ts).
if (orgId !== null) void afterFirstPaint().then(() => askAhead(state.api, orgId));

// The service worker only exists in a production build; in dev it would cache stale modules.
// Offline copies of every screen are fetched once this one has its data and has drawn it, not in
// competition with it.
if (import.meta.env.PROD) {
  void whenFirstScreenDone()
    .then(() => registerServiceWorker(state.update))
    .catch((error: unknown) => console.warn("Service worker registration failed", error));
}
