import { cleanup, fireEvent, render, screen, waitFor, within } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { KpiResult } from "../../../../shared/schemas/experiment";
import { AppProvider, createAppState } from "../../context";
import type { Entity } from "../../data/local/types";
import { memoryStore } from "../../data/storage";
import { describedBy } from "../../test/described-by";
import { ExperimentResults } from "./ExperimentResults";

// The measured pilot result reads the device store (covered by pilot-result.test.ts and the browser test).
vi.mock("./PilotResult", () => ({ default: () => null }));

const CONVERSION = "00000000-0000-4000-8000-0000000000c1";
const WAIT = "00000000-0000-4000-8000-0000000000c2";
const meta = { pending: false, authorId: "u1", createdAt: "2026-03-01T10:00:00.000Z", updatedAt: "2026-03-01T10:00:00.000Z" };

const conversionKpi: Entity<"kpi"> = { ...meta, id: CONVERSION, name: "Online conversion", unit: "percent", direction: "higher", kind: "proportion", hard: true };
const waitKpi: Entity<"kpi"> = { ...meta, id: WAIT, name: "Waiting time", unit: "count", direction: "lower", kind: "mean", hard: true };

function experiment(fields: Partial<Entity<"experiment">>): Entity<"experiment"> {
  return { ...meta, id: "00000000-0000-4000-8000-0000000000e1", title: "Simpler checkout", primaryKpiId: CONVERSION, guardrailKpiIds: [], design: "ab_split", results: [], ...fields };
}

const conversionResult: KpiResult = { kpiId: CONVERSION, control: { users: 4000, conversions: 820 }, treatment: { users: 4000, conversions: 910 } };

/** Renders the results the way the experiment screen does: the caller keeps the experiment and stores each change. */
function show(initial: Entity<"experiment">, options: { canEdit?: boolean; language?: string; kpis?: Entity<"kpi">[]; slowStore?: boolean } = {}) {
  const state = createAppState({ storage: memoryStore(), browserLanguage: options.language ?? "en-GB", fetch: async () => new Response("{}", { status: 404 }) });
  const [current, setCurrent] = createSignal(initial);
  const onChange = vi.fn((results: KpiResult[]) => {
    if (!options.slowStore) setCurrent({ ...current(), results });
  });
  render(() => (
    <AppProvider state={state}>
      <ExperimentResults experiment={current()} kpis={options.kpis ?? [conversionKpi, waitKpi]} canEdit={options.canEdit ?? true} onChange={onChange} canEditWindow={false} onSave={() => undefined} />
    </AppProvider>
  ));
  return { onChange, current, setCurrent, state };
}

/** The term a figure stands under in the reading ("p-value" for the p-value). */
const termOf = (figure: HTMLElement) => figure.closest("dd")?.previousElementSibling?.textContent;

/** A figure's input in the first group named `group`. */
const input = (label: string, group: string) => within(screen.getAllByRole("group", { name: group })[0]!).getByLabelText(label);

function enter(label: string, value: string, group: string) {
  const field = input(label, group);
  fireEvent.input(field, { target: { value } });
  fireEvent.change(field);
}

afterEach(cleanup);

describe("ExperimentResults", () => {
  it("reads a proportion result in plain words, with a lift chart and the sample size", async () => {
    show(experiment({ results: [conversionResult], requiredSampleSize: 3500 }));
    // What the figures mean is drawn a part after the form.
    await screen.findByText("likely better: 99 % chance; the lift is between +0.4 and +4.1 points");
    const charts = screen.getAllByRole("img");
    expect(charts.map((chart) => chart.tagName.toLowerCase())).toEqual(["svg", "svg"]);
    expect(charts[0]!.getAttribute("aria-label")).toBe(
      "Absolute lift: +2.3 points, 95 % interval from +0.4 points to +4.1 points; the whole interval is on the better side of zero.",
    );
    expect(charts[1]!.getAttribute("aria-label")).toBe("Relative lift: +11%, 95 % interval from +2% to +20%; the whole interval is on the better side of zero.");
    expect(termOf(screen.getByText("0.015"))).toBe("p-value");
    screen.getByText("The required 3,500 per group is reached.");
    const bars = screen.getAllByRole("progressbar");
    expect(bars.map((bar) => bar.getAttribute("aria-valuetext"))).toEqual(["Control: 4,000 of 3,500", "Treatment: 4,000 of 3,500"]);
    expect(screen.queryByText(/not what was planned|Sample-ratio mismatch/)).toBeNull();
  });

  it("judges the groups against the sample size the baseline and MDE now give, and says when the one set is stale: no stale 'reached'", async () => {
    // 4,000 a group reach the 3,500 set earlier, but a 20 % baseline and a 10 % MDE need 6,510.
    show(experiment({ results: [conversionResult], baseline: 0.2, mde: 0.1, requiredSampleSize: 3500 }));
    await screen.findByText("The sample size set on this experiment (3,500 per group) is not what its baseline and minimum detectable effect now give (6,510): the groups are judged against 6,510. Recalculate it in the plan.");
    screen.getByText("Not enough yet: 6,510 per group are needed. Until then the result can still change.");
    expect(screen.queryByText(/is reached/)).toBeNull();
    expect(screen.getAllByRole("progressbar").map((bar) => bar.getAttribute("aria-valuetext"))).toEqual(["Control: 4,000 of 6,510", "Treatment: 4,000 of 6,510"]);
  });

  it("saves figures as they are entered, and explains a mistake in plain words", async () => {
    const { onChange, current } = show(experiment({ requiredSampleSize: 10000 }));
    expect(await screen.findAllByText("Enter the figures of both groups to see the result.")).toHaveLength(1);
    enter("Users", "4000", "Control");
    // Leaving a field empty in a half-filled group asks for it, once the field has been visited.
    expect(screen.queryByText("Fill this in.")).toBeNull();
    fireEvent.blur(within(screen.getByRole("group", { name: "Control" })).getByLabelText("Conversions"));
    expect(describedBy(input("Conversions", "Control"))).toBe("Fill this in.");
    enter("Conversions", "820", "Control");
    expect(screen.queryByText("Fill this in.")).toBeNull();
    enter("Users", "4000", "Treatment");
    expect(onChange).not.toHaveBeenCalled();
    enter("Conversions", "4100", "Treatment");
    expect(describedBy(input("Conversions", "Treatment"))).toBe("Cannot be more than the number of users in this group.");
    screen.getByText("Correct the figures marked above to see the result.");
    // What was typed is kept on the device even while it is wrong.
    expect(current().results).toEqual([{ ...conversionResult, treatment: { users: 4000, conversions: 4100 } }]);

    enter("Conversions", "910", "Treatment");
    expect(current().results).toEqual([conversionResult]);
    expect(screen.queryByText("Cannot be more than the number of users in this group.")).toBeNull();
    screen.getByText(/^likely better: 99 % chance/);
    screen.getByText("Not enough yet: 10,000 per group are needed. Until then the result can still change.");
  });

  it("draws each KPI's form and then its reading, a part at a time, in the order they stand: nothing drawn moves down", async () => {
    const wait: KpiResult = { kpiId: WAIT, control: { n: 500, mean: 120, sd: 30 }, treatment: { n: 500, mean: 128, sd: 30 } };
    const drawn: string[] = [];
    const observer = new MutationObserver(() => {
      const now = [...document.querySelectorAll(".result-kpi")].flatMap((block) => {
        const name = block.querySelector("h3")!.textContent!;
        return [`${name} form`, ...(block.querySelector(".result-outcome") ? [`${name} reading`] : [])];
      });
      for (const step of now) if (!drawn.includes(step)) drawn.push(step);
    });
    observer.observe(document.body, { childList: true, subtree: true });
    show(experiment({ guardrailKpiIds: [WAIT], results: [conversionResult, wait] }));
    // The first render holds the first form only.
    expect(document.querySelectorAll(".result-arm").length).toBeGreaterThan(0);
    expect(document.querySelectorAll(".result-outcome")).toHaveLength(0);
    await screen.findByText(/^likely worse/);
    observer.disconnect();
    expect(drawn).toEqual(["Online conversion form", "Online conversion reading", "Waiting time form", "Waiting time reading"]);
  });

  it("keeps an earlier edit when a second KPI is saved before the store has caught up", async () => {
    const { onChange } = show(experiment({ guardrailKpiIds: [WAIT] }), { slowStore: true });
    enter("Users", "4000", "Control");
    enter("Conversions", "820", "Control");
    enter("Users", "4000", "Treatment");
    enter("Conversions", "910", "Treatment");
    // Each KPI's reading follows the one before it a task later.
    await waitFor(() => expect(screen.getAllByRole("group", { name: "Control" })).toHaveLength(2));
    const meanGroups = screen.getAllByRole("group", { name: "Control" })[1]!;
    for (const [label, value] of [["Observations (n)", "500"], ["Mean", "120"], ["Standard deviation", "30"]] as const) {
      const input = within(meanGroups).getByLabelText(label);
      fireEvent.input(input, { target: { value } });
      fireEvent.change(input);
    }
    const treatment = screen.getAllByRole("group", { name: "Treatment" })[1]!;
    for (const [label, value] of [["Observations (n)", "500"], ["Mean", "128"], ["Standard deviation", "30"]] as const) {
      const input = within(treatment).getByLabelText(label);
      fireEvent.input(input, { target: { value } });
      fireEvent.change(input);
    }
    expect(onChange).toHaveBeenCalledTimes(2);
    expect(onChange.mock.lastCall?.[0]).toEqual([conversionResult, { kpiId: WAIT, control: { n: 500, mean: 120, sd: 30 }, treatment: { n: 500, mean: 128, sd: 30 } }]);
  });

  it("judges a guardrail in its own direction, in Dutch", async () => {
    const wait: KpiResult = { kpiId: WAIT, control: { n: 500, mean: 120, sd: 30 }, treatment: { n: 500, mean: 128, sd: 30 } };
    show(experiment({ guardrailKpiIds: [WAIT], results: [conversionResult, wait] }), { language: "nl-NL" });
    await screen.findByText("waarschijnlijk slechter: > 99 % kans; het verschil ligt tussen +4,3 en +11,7");
    screen.getByText("Vangrail geraakt: Waiting time is door de verandering waarschijnlijk slechter.");
    expect(screen.getAllByRole("img")).toHaveLength(4);
    // The required sample size belongs to the primary KPI only.
    expect(screen.getAllByText("Steekproefgrootte")).toHaveLength(1);
  });

  it("withholds the verdict on a broken split: grey, the sample-ratio p-value, no 'likely' and no chance; a guardrail whose control mean is 0 reads from its absolute lift", async () => {
    // 5,000 against 4,000 on an even split: χ² = 111.1, p ≈ 5e-26. Read as it is, 10 % vs 11 % would be "likely better: 92 %".
    const lopsided: KpiResult = { kpiId: CONVERSION, control: { users: 5000, conversions: 500 }, treatment: { users: 4000, conversions: 440 } };
    const fromZero: KpiResult = { kpiId: WAIT, control: { n: 10, mean: 0, sd: 1 }, treatment: { n: 10, mean: 2, sd: 1 } };
    show(experiment({ guardrailKpiIds: [WAIT], results: [lopsided, fromZero] }));
    const verdict = await screen.findByText("No verdict: the groups are not what was planned — fix before reading.");
    expect(verdict.closest("p")!.className).toBe("verdict verdict-withheld");
    screen.getByText("Sample-ratio mismatch (p < 0.001): control has 5,000, treatment 4,000; the design expects about 4,500 and 4,500.");
    const conversion = verdict.closest(".result-read")!;
    expect(conversion.textContent).not.toMatch(/likely|Chance the change is better/);
    // Its lifts are still there to look at, in grey.
    expect([...conversion.querySelectorAll(".lift-chart")].map((chart) => chart.className)).toEqual(["lift-chart lift-unclear", "lift-chart lift-unclear"]);
    // The guardrail's own groups are 10 and 10: its split holds, so it is read.
    await screen.findByText("likely worse: > 99 % chance; the lift is between +1.1 and +2.9");
    screen.getByText("No relative lift: the control mean is 0, so a lift relative to it does not exist.");
    expect(screen.queryByText(/The control group is at 0/)).toBeNull();
    // Two charts for the rate, only the absolute one for the mean.
    expect(screen.getAllByRole("img")).toHaveLength(3);
  });

  it("gives the plain reason when there is nothing to compare", async () => {
    const nothing: KpiResult = { kpiId: CONVERSION, control: { users: 100, conversions: 0 }, treatment: { users: 100, conversions: 0 } };
    show(experiment({ results: [nothing] }));
    await screen.findByText(/There is nothing to compare yet: neither group has a conversion/);
    expect(screen.queryAllByRole("img")).toHaveLength(0);
  });

  it("reads a small pilot whose control has no conversions: absolute lift, p-value, chance and verdict, no relative chart", async () => {
    const pilot: KpiResult = { kpiId: CONVERSION, control: { users: 500, conversions: 0 }, treatment: { users: 500, conversions: 6 } };
    show(experiment({ results: [pilot], requiredSampleSize: 3500 }));
    // 500/0 vs 500/6: chance 0.992, Wald interval +0.25 to +2.15 points, z-test p = 0.0140 (scipy, see compare.test.ts).
    await screen.findByText("likely better: 99 % chance; the lift is between +0.2 and +2.2 points");
    const charts = screen.getAllByRole("img");
    expect(charts).toHaveLength(1);
    expect(charts[0]!.getAttribute("aria-label")).toBe(
      "Absolute lift: +1.2 points, 95 % interval from +0.2 points to +2.2 points; the whole interval is on the better side of zero.",
    );
    expect(screen.queryByText(/^Relative lift/)).toBeNull();
    screen.getByText("No relative lift: the control has no conversions, so a lift relative to it does not exist.");
    expect(termOf(screen.getByText("0.014"))).toBe("p-value");
    expect(termOf(screen.getByText("99 %"))).toBe("Chance the change is better");
    expect(screen.queryByText(/not what was planned|Sample-ratio mismatch/)).toBeNull();
    screen.getByText("Not enough yet: 3,500 per group are needed. Until then the result can still change.");
  });

  it("says in Dutch that a control without conversions has no relative lift", async () => {
    const pilot: KpiResult = { kpiId: CONVERSION, control: { users: 500, conversions: 0 }, treatment: { users: 500, conversions: 6 } };
    show(experiment({ results: [pilot] }), { language: "nl-NL" });
    await screen.findByText("waarschijnlijk beter: 99 % kans; het verschil ligt tussen +0,2 en +2,2 procentpunt");
    screen.getByText(/^Geen relatief verschil: de controlegroep heeft geen conversies/);
  });

  it("keeps a pilot's hand-typed figures readable beside its measured result, without checking group sizes (locations are not assigned at random)", async () => {
    const lopsided: KpiResult = { kpiId: CONVERSION, control: { users: 5000, conversions: 500 }, treatment: { users: 4000, conversions: 440 } };
    show(experiment({ design: "pilot_control", results: [lopsided] }));
    screen.getByText("Group figures typed by hand earlier");
    await screen.findByText(/the groups are not assigned at random, so their sizes are not checked/);
    expect(screen.queryByText(/not what was planned|Sample-ratio mismatch/)).toBeNull();
  });

  it("shows the figures without inputs to someone who may not edit them", async () => {
    show(experiment({ results: [conversionResult] }), { canEdit: false });
    expect(screen.queryAllByRole("textbox")).toHaveLength(0);
    const table = screen.getByRole("table", { name: "Figures entered for Online conversion" });
    expect(within(table).getAllByRole("row").map((row) => row.textContent)).toEqual(["ControlTreatment", "Users4,0004,000", "Conversions820910"]);
    await screen.findByText(/^likely better/);
  });

  it("takes in figures synced from another device, and re-reads numbers after a language switch", async () => {
    const { current, setCurrent, state } = show(experiment({}), { language: "nl-NL" });
    enter("Gebruikers", "4.000", "Controle");
    enter("Conversies", "820", "Controle");
    enter("Gebruikers", "4.000", "Variant");
    enter("Conversies", "910", "Variant");
    expect(current().results).toEqual([conversionResult]);
    // "4.000" is four thousand in Dutch; in English the same text would be four.
    state.i18n.setLanguage("en");
    const users = () => within(screen.getByRole("group", { name: "Treatment" })).getByLabelText("Users") as HTMLInputElement;
    expect(users().value).toBe("4000");
    await screen.findByText(/^likely better: 99 % chance/);

    setCurrent({ ...current(), results: [{ ...conversionResult, treatment: { users: 5000, conversions: 1000 } }] });
    expect(users().value).toBe("5000");
  });

  it("says what is missing before there is anything to show", () => {
    show(experiment({ primaryKpiId: null }));
    screen.getByText(/This experiment has no primary KPI yet/);
    cleanup();
    show(experiment({}), { kpis: [] });
    screen.getByText("This KPI is not on this device yet. It arrives the next time you are online.");
  });
});
