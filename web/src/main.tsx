import { render } from "solid-js/web";
import { App } from "./App";
import { createAppState } from "./context";
import { loadLanguage, pickLanguage } from "./i18n";
import { browserStore, STORAGE_KEYS } from "./data/storage";
import "./styles/app.css";
import { registerServiceWorker } from "./update";
import { warmUpIntl } from "./intl-warmup";
import { afterFirstPaint, whenFirstScreenSettled } from "./first-screen";
import { readSessionInPage } from "./session";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

const language = pickLanguage(browserStore().get(STORAGE_KEYS.language), navigator.language);
// The language's texts before the first render, so a Dutch user never sees the English ones flash by.
await loadLanguage(language).catch(() => undefined);
const state = createAppState();
// Who is logged in: written into the page by the server, else asked before the first render,
// so the answer is on its way while the shell draws.
void state.session.start({ onLoginScreen: location.pathname === "/login", inPage: readSessionInPage(document) });
render(() => <App state={state} />, root);
// The formatters' language data loads beside the screen's code, after the first frame: the skeleton formats nothing.
void afterFirstPaint().then(() => warmUpIntl(language));

// The service worker only exists in a production build; in dev it would cache stale modules.
// Offline copies of every screen are fetched once this one has its data, not in competition with it.
if (import.meta.env.PROD) {
  void whenFirstScreenSettled()
    .then(() => registerServiceWorker(state.update))
    .catch((error: unknown) => console.warn("Service worker registration failed", error));
}
