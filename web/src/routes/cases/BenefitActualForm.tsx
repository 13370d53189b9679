import { createSignal, onMount } from "solid-js";
import type { CaseQuarter } from "../../../../shared/business-cases/benefits";
import { DESCRIPTION_MAX } from "../../../../shared/limits";
import { tooLong } from "../../components/TextLimit";
import { useApp, useOrg } from "../../context";
import { useLocal } from "../../data/local/context";
import { FormMessage, SubmitButton, TextField } from "../../fields/Fields";
import { createSubmission } from "../../fields/form";
import { focusSoon } from "../../focus";
import { parseNumber } from "../experiments/result-draft";
import type { Language } from "../experiments/results";
import { quarterLabel } from "./benefit-tracking";

/**
 * A quarter's actual as the case's owner records it: the amount in euros and, required, how it
 * was measured — a figure the board can follow back to its source. It overrides the measured
 * figure of the quarter; the server checks it and every device gets it by sync.
 */
export function BenefitActualForm(props: { caseId: string; quarter: CaseQuarter; onDone: () => void }) {
  const { i18n, api, toaster } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const local = useLocal();
  const submission = createSubmission();
  const recorded = props.quarter.recorded;
  const [amount, setAmount] = createSignal(recorded ? String(recorded.amount).replace(".", i18n.language() === "nl" ? "," : ".") : "");
  const [method, setMethod] = createSignal(recorded?.method ?? "");
  const id = (name: string) => `benefit-${name}-${props.quarter.quarter}`;
  let form: HTMLFormElement | undefined;
  onMount(() => focusSoon(id("amount")));

  const close = () => {
    props.onDone();
    focusSoon(`benefit-record-${props.quarter.quarter}`);
  };

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const value = parseNumber(amount(), i18n.language() as Language);
    const issues: Record<string, string> = {};
    if (value === undefined) issues.amount = t("benefits.notAnAmount");
    if (!method().trim()) issues.method = t("benefits.methodRequired");
    else if (tooLong(method(), DESCRIPTION_MAX)) issues.method = t("limit.tooLong", { max: DESCRIPTION_MAX });
    const saved = await submission.run(
      async () => {
        await api.call("put", "/orgs/:orgId/business-cases/:id/benefit-actuals/:quarter", {
          param: { orgId: org().orgId, id: props.caseId, quarter: props.quarter.quarter },
          json: { amount: value!, method: method().trim() },
        });
        return true;
      },
      { local: issues, form },
    );
    if (!saved) return;
    toaster.show(t("benefits.saved"));
    close();
    // The server's answer stands; the figures come to this device (and every other) by sync.
    await local.sync.syncNow();
  }

  return (
    <form class="benefit-actual-form" ref={form} onSubmit={(event) => void submit(event)} noValidate aria-labelledby={id("heading")}>
      <h3 id={id("heading")}>{t("benefits.actualHeading", { quarter: quarterLabel(t, props.quarter.quarter, props.quarter.toDate) })}</h3>
      <TextField id={id("amount")} label={t("benefits.amount")} hint={t("benefits.amountHint")} inputmode="decimal" autocomplete="off" value={amount()} onValue={setAmount} error={submission.issue("amount")} />
      <TextField id={id("method")} label={t("benefits.method")} hint={t("benefits.methodHint")} multiline limit={DESCRIPTION_MAX} value={method()} onValue={setMethod} error={submission.issue("method")} />
      <FormMessage message={submission.message()} />
      <div class="button-row">
        <SubmitButton busy={submission.busy()} label={t("benefits.save")} busyLabel={t("benefits.saving")} />
        <button type="button" class="button button-secondary" onClick={close}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
