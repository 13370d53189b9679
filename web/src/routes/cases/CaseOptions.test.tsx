import { cleanup, fireEvent, render, screen } from "@solidjs/testing-library";
import { createStore } from "solid-js/store";
import { afterEach, describe, expect, it } from "vitest";
import { EMPTY_CASE } from "../../../../shared/defaults";
import type { BusinessCaseFields, CaseOption } from "../../../../shared/schemas/business-case";
import { AppProvider, createAppState } from "../../context";
import { memoryStore } from "../../data/storage";
import { CaseOptions, CaseRisks } from "./CaseOptions";
import type { CaseEditor } from "./editor";

const NOTHING = "00000000-0000-4000-8000-0000000000f1";
const ROLL_OUT = "00000000-0000-4000-8000-0000000000f2";
const options: CaseOption[] = [
  { id: NOTHING, title: "Do nothing", description: "", doNothing: true },
  // Written before options had amounts.
  { id: ROLL_OUT, title: "Roll out", description: "", doNothing: false },
];

/** The case section on its own: an editor over a store, recording every save. */
function renderOptions(language: "en" | "nl", canEdit = true) {
  const risks = [{ id: "00000000-0000-4000-8000-0000000000a1", title: "Stock feed lags", likelihood: 3, impact: 3, mitigation: "" }];
  const [fields, setFields] = createStore<BusinessCaseFields>({ ...EMPTY_CASE, title: "Pickup", horizonYears: 3, discountRate: 0.08, options, risks });
  const saves: Partial<BusinessCaseFields>[] = [];
  const editor: CaseEditor = {
    value: (name) => fields[name],
    save: async (changes) => {
      saves.push(changes);
      setFields(changes);
    },
    canEdit: () => canEdit,
  };
  const state = createAppState({ storage: memoryStore(), browserLanguage: language === "nl" ? "nl-NL" : "en-GB" });
  render(() => (
    <AppProvider state={state}>
      <CaseOptions editor={editor} options={fields.options} />
      <CaseRisks editor={editor} />
    </AppProvider>
  ));
  return { fields, saves };
}

function enter(label: string, text: string) {
  const input = screen.getByLabelText(label) as HTMLInputElement;
  fireEvent.input(input, { target: { value: text } });
  fireEvent.blur(input);
  return input;
}

const cells = (figure: string) => [...document.querySelectorAll(`.option-table td[data-figure="${figure}"]`)].map((td) => (td.textContent ?? "").replace(/\s+/g, " "));

afterEach(cleanup);

describe("a case's options with their costs", () => {
  it("takes each option's one-off investment, running cost and yearly benefit as amounts, and shows its NPV over the case's horizon", () => {
    const { fields } = renderOptions("en");
    // An option without amounts has no NPV yet; doing nothing is the reference at €0.
    expect(cells("npv")).toEqual(["€0", "–"]);
    enter("One-off investment for “Roll out”", "100000");
    enter("Running cost per year for “Roll out”", "10 000");
    enter("Benefit a year for “Roll out”", "60000");
    expect(fields.options.find((o) => o.id === ROLL_OUT)).toMatchObject({ investment: 100_000, runningCostPerYear: 10_000, annualBenefit: 60_000 });
    // −100,000 + 50,000 × (1/1.08 + 1/1.08² + 1/1.08³) = €28,855, paid back in two years.
    expect(cells("npv")).toEqual(["€0", "€28,855"]);
    expect(cells("investment")).toEqual(["€0", "€100,000"]);
    expect(cells("payback")).toEqual(["–", "24 mths"]);
    // Each heading of figures stands right-aligned over its column.
    const headers = [...document.querySelectorAll(".option-table thead th")];
    expect(headers.map((th) => [th.textContent, th.classList.contains("number")])).toEqual([
      ["Option", false],
      ["One-off investment", true],
      ["Running cost per year", true],
      ["Benefit a year", true],
      ["NPV", true],
      ["Payback", true],
    ]);
  });

  it("keeps the keyboard where it is: leaving one amount for the next saves it without rebuilding the fields", () => {
    const { fields } = renderOptions("en");
    const investment = screen.getByLabelText("One-off investment for “Roll out”") as HTMLInputElement;
    investment.focus();
    fireEvent.input(investment, { target: { value: "100000" } });
    const running = screen.getByLabelText("Running cost per year for “Roll out”") as HTMLInputElement;
    running.focus();
    expect(fields.options.find((o) => o.id === ROLL_OUT)?.investment).toBe(100_000);
    expect(running.isConnected).toBe(true);
    expect(document.activeElement).toBe(running);

    // The same for a risk's scores.
    const likelihood = screen.getByLabelText("Likelihood (1–5)") as HTMLSelectElement;
    const impact = screen.getByLabelText("Impact (1–5)") as HTMLSelectElement;
    fireEvent.change(likelihood, { target: { value: "4" } });
    impact.focus();
    expect(fields.risks[0]!.likelihood).toBe(4);
    expect(impact.isConnected).toBe(true);
  });

  it("refuses a negative amount or text in the field, saving nothing", () => {
    const { saves } = renderOptions("en");
    for (const text of ["-5000", "a lot"]) {
      const input = enter("One-off investment for “Roll out”", text);
      expect(input.getAttribute("aria-invalid")).toBe("true");
      expect(document.getElementById(`${input.id}-error`)!.textContent).toBe("Enter an amount of zero or more, like 12500.");
    }
    expect(saves).toEqual([]);
  });

  it("reads Dutch amounts and shows the NPV the Dutch way", () => {
    renderOptions("nl");
    enter("Eenmalige investering voor ‘Roll out’", "100 000");
    enter("Lopende kosten per jaar voor ‘Roll out’", "10000");
    enter("Opbrengst per jaar voor ‘Roll out’", "60000,00");
    expect(cells("npv")).toEqual(["€ 0", "€ 28.855"]);
  });

  it("shows the table without fields to whoever cannot change the case", () => {
    renderOptions("en", false);
    expect(screen.queryByLabelText("One-off investment for “Roll out”")).toBeNull();
    expect(cells("annualBenefit")).toEqual(["€0", "–"]);
  });
});
