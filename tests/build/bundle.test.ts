/**
 * The built PWA (dist/, written by `npm run build` before the tests run) stays small where a
 * phone on weak 4G feels it: the JS the shell loads, and each main screen's own chunk, measured
 * as the gzip copies the server sends; and no main screen pulls in the validation library.
 */
import { describe, expect, test } from "vitest";
import { readBundle } from "../../scripts/bundle";

const SHELL_LIMIT = 50 * 1024;
const SCREEN_LIMIT = 30 * 1024;
/**
 * Files fetched, not bytes, cost a phone on slow 4G most: six at a time over HTTP/1.1, a round
 * trip each round. A screen's limit counts the shared "common" chunk, which holds the
 * organisation layout's code every screen loads anyway (vite.config.ts).
 */
const SHELL_FILES = 3;
/** The case screen loads 10: its evidence photos come with the capture screens' chunk. */
const SCREEN_FILES = 10;

/** The screens people open every day, by source module (web/src/routes/…). */
const MAIN_SCREENS = [
  "src/routes/visits/VisitList.tsx",
  "src/routes/visits/VisitScreen.tsx",
  "src/routes/findings/FindingList.tsx",
  "src/routes/findings/FindingScreen.tsx",
  "src/routes/actions/MyActions.tsx",
  "src/routes/experiments/ExperimentList.tsx",
  "src/routes/experiments/ExperimentScreen.tsx",
  "src/routes/cases/CaseList.tsx",
  "src/routes/cases/CaseScreen.tsx",
  "src/routes/board/BoardView.tsx",
  "src/routes/mystery/Shops.tsx",
  "src/routes/mystery/Results.tsx",
];

const bundle = readBundle();

describe("the built PWA", () => {
  test("the JS the shell loads is at most 50 KB gzipped in at most 3 files, and carries no validation library", () => {
    expect(bundle.shell.files.length).toBeGreaterThan(0);
    expect(bundle.shell.gzipBytes, `shell JS: ${bundle.shell.files.join(", ")}`).toBeLessThanOrEqual(SHELL_LIMIT);
    expect(bundle.shell.files.filter(bundle.carriesValidationLibrary)).toEqual([]);
    expect(bundle.shell.files.length, `shell JS: ${bundle.shell.files.join(", ")}`).toBeLessThanOrEqual(SHELL_FILES);
  });

  test.each(MAIN_SCREENS)("%s: its chunk is at most 30 KB gzipped, it loads at most 9 files beyond the shell, and none carries the validation library", (src) => {
    const screen = bundle.screen(src);
    expect(screen, `${src} has its own chunk`).toBeDefined();
    expect(screen!.gzipBytes).toBeLessThanOrEqual(SCREEN_LIMIT);
    expect(screen!.loads.filter(bundle.carriesValidationLibrary)).toEqual([]);
    // Two rounds of requests beyond the shell at most, not four or five.
    const beyondShell = screen!.loads.filter((file) => !bundle.shell.files.includes(file));
    expect(beyondShell.length, beyondShell.join(", ")).toBeLessThanOrEqual(SCREEN_FILES);
  });

  test("the board view loads its figures' code and the data layer beyond the shell, not the code other screens share (at most 30 KB gzipped)", () => {
    const board = bundle.screen("src/routes/board/BoardView.tsx")!;
    const beyondShell = board.loads.filter((file) => !bundle.shell.files.includes(file));
    expect(beyondShell.some((file) => file.includes("/screens-")), beyondShell.join(", ")).toBe(false);
    expect(bundle.gzipBytesOf(beyondShell), beyondShell.join(", ")).toBeLessThanOrEqual(SCREEN_LIMIT);
  });

  test("every chunk the shell and the main screens load asks V8 to compile it as it downloads, in its first line", () => {
    const files = new Set([...bundle.shell.files, ...MAIN_SCREENS.flatMap((src) => bundle.screen(src)?.loads ?? [])]);
    expect(files.size).toBeGreaterThan(MAIN_SCREENS.length);
    for (const file of files) expect(bundle.firstLine(file), file).toBe("//# allFunctionsCalledOnLoad");
  });

  test("the check finds the validation library where a screen does validate (the KPI screen's CSV import)", () => {
    expect(bundle.screen("src/routes/kpis/KpiScreen.tsx")!.loads.some(bundle.carriesValidationLibrary)).toBe(true);
  });
});
