import { createSignal, Show } from "solid-js";
import { ApiError } from "../../data/api";
import { CheckboxField, FormMessage, SubmitButton, TextField } from "../../fields/Fields";
import { createSubmission, describeError, localIssues } from "../../fields/form";
import { Page } from "../../components/Page";
import { RemoteState } from "../../components/Status";
import { useApp, useOrg } from "../../context";
import { createRemote, type Remote } from "../../data/remote";
import { browserStore } from "../../data/storage";
import { rememberDefaultDiscountRate } from "../cases/org-defaults";
import {
  discountRateFromInput,
  discountRateToInput,
  organisationPatch,
  visitTargetFromInput,
  type OrganisationSettings,
} from "./organisation-model";
import { MAX_VISIT_TARGET } from "../../../../shared/limits";

/**
 * The organisation's own settings: how often each director is expected on the floor (the
 * board view measures against it) and the discount rate new business cases start with. They
 * live on the server only, so the screen needs a connection.
 */
export default function Organisation() {
  const { api, i18n } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const settings = createRemote(
    () => org().orgId,
    (orgId) => api.call("get", "/orgs/:orgId", { param: { orgId } }),
  );

  return (
    <Page title={t("admin.organisation")}>
      <p class="muted">{t("organisation.intro")}</p>
      <RemoteState loading={settings.loading()} error={settings.error()} hasValue={settings.value() !== undefined} retry={() => void settings.reload()} />
      <Show when={settings.value()}>
        {(current) => (
          <section class="card" aria-labelledby="organisation-heading">
            <h2 id="organisation-heading">{current().name}</h2>
            <OrganisationForm current={current()} settings={settings} />
          </section>
        )}
      </Show>
      <Show when={settings.value()}>
        {(current) => <SeparationOfDuties current={current()} settings={settings} />}
      </Show>
    </Page>
  );
}

function OrganisationForm(props: { current: OrganisationSettings; settings: Remote<OrganisationSettings> }) {
  const { api, i18n, toaster } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const submission = createSubmission();
  const [visitTarget, setVisitTarget] = createSignal(String(props.current.visitTargetPerMonth));
  const [discountRate, setDiscountRate] = createSignal(discountRateToInput(props.current.defaultDiscountRate, i18n.language()));
  let form: HTMLFormElement | undefined;

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const orgId = org().orgId;
    const visitTargetPerMonth = visitTargetFromInput(visitTarget());
    const defaultDiscountRate = discountRateFromInput(discountRate());
    const local = localIssues(i18n, {
      visitTargetPerMonth: visitTargetPerMonth === undefined && "issue.visitTarget",
      defaultDiscountRate: defaultDiscountRate === undefined && "issue.discountRate",
    });
    const saved = await submission.run(
      async () => {
        const patch = organisationPatch(props.current, { visitTargetPerMonth: visitTargetPerMonth!, defaultDiscountRate: defaultDiscountRate! });
        // Nothing changed: nothing to send (the server refuses an empty change), but say it is saved.
        if (Object.keys(patch).length === 0) return props.current;
        return api.call("patch", "/orgs/:orgId", { param: { orgId }, json: patch });
      },
      { form, local },
    );
    if (!saved) return;
    props.settings.update(() => saved);
    rememberDefaultDiscountRate(browserStore(), orgId, saved.defaultDiscountRate);
    setVisitTarget(String(saved.visitTargetPerMonth));
    setDiscountRate(discountRateToInput(saved.defaultDiscountRate, i18n.language()));
    toaster.show(t("organisation.saved"));
  }

  return (
    <form ref={form} class="stack" novalidate onSubmit={submit}>
      <TextField
        id="organisation-visit-target"
        label={t("organisation.visitTarget")}
        hint={t("organisation.visitTargetHint", { max: MAX_VISIT_TARGET })}
        inputmode="numeric"
        autocomplete="off"
        required
        value={visitTarget()}
        onValue={setVisitTarget}
        error={submission.issue("visitTargetPerMonth")}
      />
      <TextField
        id="organisation-discount-rate"
        label={t("organisation.discountRate")}
        hint={t("organisation.discountRateHint")}
        inputmode="decimal"
        autocomplete="off"
        required
        value={discountRate()}
        onValue={setDiscountRate}
        error={submission.issue("defaultDiscountRate")}
      />
      <FormMessage message={submission.message()} />
      <SubmitButton busy={submission.busy()} label={t("organisation.save")} busyLabel={t("common.saving")} />
    </form>
  );
}

/**
 * Separation of duties: on by default; an organisation with a single admin (nobody else could
 * approve) may switch it off, and every decision made while it is off says so in its log.
 */
function SeparationOfDuties(props: { current: OrganisationSettings; settings: Remote<OrganisationSettings> }) {
  const { api, i18n, toaster } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const [busy, setBusy] = createSignal(false);
  const switchable = () => props.current.adminCount <= 1;
  async function change(on: boolean) {
    setBusy(true);
    try {
      const saved = await api.call("patch", "/orgs/:orgId", { param: { orgId: org().orgId }, json: { separationOfDuties: on } });
      props.settings.update(() => saved);
      toaster.show(t("organisation.saved"));
    } catch (error) {
      toaster.show(error instanceof ApiError && error.code === "several_admins" ? t("separation.refused.several_admins") : describeError(i18n, error), { tone: "error" });
    } finally {
      setBusy(false);
    }
  }
  return (
    <section class="card stack" aria-labelledby="separation-heading">
      <h2 id="separation-heading">{t("separation.title")}</h2>
      <CheckboxField
        id="organisation-separation"
        label={t("separation.on")}
        hint={switchable() ? t("separation.hint") : t("separation.locked")}
        checked={props.current.separationOfDuties || !switchable()}
        disabled={busy() || !switchable()}
        onValue={(on) => void change(on)}
      />
    </section>
  );
}
