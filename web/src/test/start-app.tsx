import { render } from "@solidjs/testing-library";
import { App } from "../App";
import { createAppState } from "../context";
import { memoryStore } from "../data/storage";
import type { FakeServer } from "./fake-server";

/** The whole app at `path`, talking to `server`, its session starting as on a page load. */
export function startApp(path: string, server: Pick<FakeServer, "fetch">, browserLanguage = "en-GB") {
  window.history.replaceState(null, "", path);
  const state = createAppState({ storage: memoryStore(), browserLanguage, fetch: server.fetch });
  render(() => <App state={state} />);
  void state.session.start();
  return state;
}
