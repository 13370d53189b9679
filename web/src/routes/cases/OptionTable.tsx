import { For, Show } from "solid-js";
import { optionFigures } from "../../../../shared/business-cases/options";
import type { BusinessCaseFields, CaseOption } from "../../../../shared/schemas/business-case";
import { useApp } from "../../context";
import type { Language } from "../experiments/results";
import { formatMoney, formatMonths } from "./model";

/**
 * The options side by side, as the board weighs them: what each costs once and each year, what
 * it brings in each year and its NPV against doing nothing (the reference at €0), over the
 * case's horizon at its discount rate. A missing amount is a dash, never a 0. In the pack each
 * option's description goes under its name (`described`); on the case screen it is in the form.
 */
export function OptionTable(props: { fields: Pick<BusinessCaseFields, "options" | "horizonYears" | "discountRate">; described?: boolean }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const language = () => i18n.language() as Language;
  const amount = (option: CaseOption, value: number | null | undefined) => (option.doNothing ? formatMoney(0, language()) : value == null ? "–" : formatMoney(value, language()));
  return (
    <>
      <div class="table-scroll">
        <table class="scenario-table option-table">
          <caption class="visually-hidden">{t("case.optionsCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("case.optionTitle")}</th>
              {/* Right-aligned like the figures below them, so each heading stands over its own column. */}
              <th scope="col" class="number">
                {t("case.investment")}
              </th>
              <th scope="col" class="number">
                {t("case.runningCost")}
              </th>
              <th scope="col" class="number">
                {t("case.annualBenefit")}
              </th>
              <th scope="col" class="number">
                {t("case.npv")}
              </th>
              <th scope="col" class="number">
                {t("case.payback")}
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={props.fields.options}>
              {(option) => {
                const figures = () => optionFigures(option, props.fields);
                const payback = () => {
                  const f = figures();
                  if (!f || option.doNothing) return "–";
                  return f.paybackMonths === null ? t("case.noPayback") : formatMonths(f.paybackMonths, language(), "short");
                };
                return (
                  <tr>
                    <th scope="row">
                      {option.title}
                      <Show when={props.described && option.description}>
                        {" "}
                        <span class="option-description">{option.description}</span>
                      </Show>
                    </th>
                    <td class="number" data-figure="investment">
                      {amount(option, option.investment)}
                    </td>
                    <td class="number" data-figure="runningCostPerYear">
                      {amount(option, option.runningCostPerYear)}
                    </td>
                    <td class="number" data-figure="annualBenefit">
                      {amount(option, option.annualBenefit)}
                    </td>
                    <td class="number" classList={{ "loses-money": (figures()?.npv ?? 0) < 0 }} data-figure="npv">
                      {figures() ? formatMoney(figures()!.npv, language()) : "–"}
                    </td>
                    <td class="number" data-figure="payback">
                      {payback()}
                    </td>
                  </tr>
                );
              }}
            </For>
          </tbody>
        </table>
      </div>
      <p class="hint option-basis">{t("case.optionsBasis")}</p>
    </>
  );
}
