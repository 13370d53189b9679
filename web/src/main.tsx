import { render } from "solid-js/web";
import { App } from "./App";
import { createAppState } from "./context";
import "./styles/app.css";
import { registerServiceWorker } from "./update";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

const state = createAppState();
render(() => <App state={state} />, root);
void state.session.start();

// The service worker only exists in a production build; in dev it would cache stale modules.
if (import.meta.env.PROD) {
  registerServiceWorker(state.update).catch((error: unknown) => console.warn("Service worker registration failed", error));
}
