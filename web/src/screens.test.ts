/**
 * The server names the code of the screen a link opens from shared/screens.ts: each address there
 * must be one App.tsx routes to that screen, and each screen's module the one App.tsx loads for it.
 * A wrong entry would have phones fetch one screen's code for another.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { SCREENS, screenAt, type ScreenCode } from "../../shared/screens";

const app = readFileSync(new URL("./App.tsx", import.meta.url), "utf8");

/** Each component App.tsx loads on demand: the SCREENS entry it names and the module it imports. */
const loaded = [...app.matchAll(/const (\w+) = screen\(SCREENS\.(\w+), \(\) => import\("\.\/([^"]+)"\)\)/g)].map(([, component, key, module]) => ({ component: component!, key: key!, module: `src/${module}.tsx` }));

const codeOf = (key: string): ScreenCode => SCREENS[key as keyof typeof SCREENS];

/** Each routed component's full addresses, from App.tsx's nested <Route> elements. */
function routedPaths(): Map<string, string[]> {
  const paths = new Map<string, string[]>();
  const stack: string[] = [];
  for (const [tag, path, component, selfClosing] of app.matchAll(/<Route path="([^"]*)" component=\{(\w+)\}[^>]*?(\/)?>|<\/Route>/g)) {
    if (tag === "</Route>") {
      stack.pop();
      continue;
    }
    const full = (stack.at(-1) ?? "") + (path === "/" ? "" : path!);
    paths.set(component!, [...(paths.get(component!) ?? []), full || "/"]);
    if (!selfClosing) stack.push(full);
  }
  return paths;
}

describe("the screens the server names for a link", () => {
  const routed = routedPaths();

  test("every screen App.tsx loads on demand takes its code and texts from SCREENS, and the module named there is the one it imports", () => {
    expect(loaded.length).toBe([...app.matchAll(/= screen\(/g)].length);
    expect(loaded.map((entry) => entry.key).sort()).toEqual(Object.keys(SCREENS).sort());
    for (const { key, module } of loaded) expect(codeOf(key).module, key).toBe(module);
  });

  test("each screen's addresses are those App.tsx routes to it; a layout's screens are routed inside it", () => {
    for (const { component, key } of loaded) {
      const code = codeOf(key);
      const at = routed.get(component) ?? [];
      if (code.paths.length === 0) {
        // A layout: its screens name it, and their addresses lie under its own.
        const screens = loaded.filter((other) => codeOf(other.key).within === code);
        expect(screens.length, key).toBeGreaterThan(0);
        for (const inside of screens) for (const path of routed.get(inside.component) ?? []) expect(path.startsWith(at[0]!), `${inside.key} ${path}`).toBe(true);
      } else {
        expect([...code.paths].sort(), key).toEqual([...at].sort());
      }
    }
  });

  test("an address opens the screen the router would choose: fixed segments before parameters", () => {
    expect(screenAt("/o/abc/experiments/e1")).toBe(SCREENS.experiment);
    expect(screenAt("/o/abc/visits/new")).toBe(SCREENS.visitStart);
    expect(screenAt("/o/abc/visits/v1")).toBe(SCREENS.visit);
    expect(screenAt("/o/abc/board/pack")).toBe(SCREENS.meetingPack);
    expect(screenAt("/o/abc/mystery/templates/new")).toBe(SCREENS.mysteryTemplateEditor);
    expect(screenAt("/o/abc/board/")).toBe(SCREENS.board);
    // The organisation's home and the login are in the shell; an unknown address is no screen.
    expect(screenAt("/o/abc")).toBeUndefined();
    expect(screenAt("/login")).toBeUndefined();
    expect(screenAt("/o/abc/nothing/here")).toBeUndefined();
  });
});
