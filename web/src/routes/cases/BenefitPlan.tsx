import { createSignal, Show } from "solid-js";
import type { CaseBenefits } from "../../../../shared/business-cases/benefits";
import { MAX_RAMP_UP_MONTHS } from "../../../../shared/limits";
import { ApiError } from "../../data/api";
import { useApp, useOrg } from "../../context";
import { memberName, type Member } from "../../data/members";
import { useLocal } from "../../data/local/context";
import type { Entity } from "../../data/local/types";
import { useList } from "../../data/records";
import { CheckboxGroup } from "../../fields/CheckboxGroup";
import { DateField, FormMessage, SelectField, SubmitButton, TextField } from "../../fields/Fields";
import { createSubmission } from "../../fields/form";
import { RadioChips } from "../../fields/RadioChips";
import { focusSoon } from "../../focus";
import { formatDay } from "../../format";
import type { MessageKey } from "../../i18n";
import { planDraftOf, rampUpText, readPlanDraft, todayUtc, type PlanDraft } from "./benefit-tracking";

type BusinessCase = Entity<"business_case">;

/**
 * An approved case's go-live, ramp-up and how its actuals are found, as facts; for its owner (and
 * admins) a form that sets them — the server checks them against the approval and the
 * organisation's locations, and they reach every device by sync.
 */
export function BenefitPlan(props: { record: BusinessCase; kpi: Entity<"kpi"> | undefined; result: CaseBenefits | undefined; members: readonly Member[]; mayTrack: boolean }) {
  const { i18n, session } = useApp();
  const { t } = i18n;
  const locations = useList("location");
  const segments = useList("segment");
  const day = (iso: string | null | undefined) => formatDay(iso?.slice(0, 10), i18n.language());
  const [editing, setEditing] = createSignal(false);
  const nameOf = (list: readonly { id: string; name?: string | undefined }[], id: string) => list.find((x) => x.id === id)?.name ?? "…";

  const goLive = () => {
    const r = props.result;
    if (!props.record.goLive) return t("benefits.goLiveUnset", { date: day(props.record.approvedAt) });
    return r?.start && r.start > todayUtc() ? t("benefits.goLiveFuture", { date: day(r.start) }) : day(props.record.goLive);
  };
  const rampUp = () => rampUpText(t, props.record.rampUpMonths);
  const measuredBy = () => {
    const scope = props.record.benefitScope;
    if (!scope) return t("benefits.byOwnerText");
    return t("benefits.byScopeText", {
      kpi: props.kpi?.name ?? "",
      where: scope.locationIds.length ? scope.locationIds.map((id) => nameOf(locations.all(), id)).join(", ") : t("benefits.orgWide"),
      segment: scope.segmentId ? nameOf(segments.all(), scope.segmentId) : t("benefits.allCustomers"),
      from: day(scope.baselineFrom),
      to: day(scope.baselineTo),
    });
  };
  const owner = () => memberName(props.members, props.record.ownerId ?? props.record.authorId) ?? "…";

  return (
    <>
      <dl class="facts benefit-plan">
        <div>
          <dt>{t("benefits.goLive")}</dt>
          <dd>{goLive()}</dd>
        </div>
        <div>
          <dt>{t("benefits.rampUp")}</dt>
          <dd>{rampUp()}</dd>
        </div>
        <div>
          <dt>{t("benefits.measuredBy")}</dt>
          <dd>{measuredBy()}</dd>
        </div>
        <div>
          <dt>{t("benefits.owner")}</dt>
          <dd>{owner()}</dd>
        </div>
      </dl>
      <Show when={props.mayTrack && session.online()}>
        <Show
          when={editing()}
          fallback={
            <p>
              <button type="button" id="benefit-plan-edit" class="button button-secondary button-small" onClick={() => setEditing(true)}>
                {t("benefits.editPlan")}
              </button>
            </p>
          }
        >
          <PlanForm
            record={props.record}
            kpi={props.kpi}
            locations={locations.all().filter((l) => !l.archived || props.record.benefitScope?.locationIds.includes(l.id))}
            segments={segments.all().filter((s) => !s.archived || props.record.benefitScope?.segmentId === s.id)}
            close={() => {
              setEditing(false);
              focusSoon("benefit-plan-edit");
            }}
          />
        </Show>
      </Show>
    </>
  );
}

function PlanForm(props: {
  record: BusinessCase;
  kpi: Entity<"kpi"> | undefined;
  locations: readonly Entity<"location">[];
  segments: readonly Entity<"segment">[];
  close: () => void;
}) {
  const { i18n, api, toaster } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const local = useLocal();
  const submission = createSubmission();
  const [draft, setDraft] = createSignal<PlanDraft>(planDraftOf(props.record));
  const set = (change: Partial<PlanDraft>) => setDraft((d) => ({ ...d, ...change }));
  let form: HTMLFormElement | undefined;
  // The server's field messages are English; in Dutch the field's own sentence says the same.
  const issue = (path: string, key: MessageKey) => {
    const message = submission.issue(path);
    return message && i18n.language() !== "en" ? t(key, { max: MAX_RAMP_UP_MONTHS }) : message;
  };

  const explain = (error: ApiError) => {
    const known: Record<string, MessageKey> = { actuals_outside_tracking: "benefits.error.actuals_outside_tracking", locked: "benefits.error.locked" };
    return i18n.language() === "en" ? undefined : known[error.code] ? t(known[error.code]!) : undefined;
  };

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const reading = readPlanDraft(draft());
    const local_ = reading.ok ? {} : Object.fromEntries(Object.entries(reading.issues).map(([path, key]) => [path, t(key, { max: MAX_RAMP_UP_MONTHS })]));
    const saved = await submission.run(
      async () => {
        if (!reading.ok) return false;
        await api.call("put", "/orgs/:orgId/business-cases/:id/benefit-plan", { param: { orgId: org().orgId, id: props.record.id }, json: reading.plan });
        return true;
      },
      { local: local_, form, explain },
    );
    if (!saved) return;
    toaster.show(t("benefits.saved"));
    props.close();
    // The server's answer stands; the plan comes to this device (and every other) by sync.
    await local.sync.syncNow();
  }

  return (
    <form class="benefit-plan-form" ref={form} onSubmit={(event) => void submit(event)} noValidate aria-labelledby="benefit-plan-heading">
      <h3 id="benefit-plan-heading">{t("benefits.planHeading")}</h3>
      <DateField id="benefit-go-live" label={t("benefits.goLive")} hint={t("benefits.goLiveHint", { date: formatDay(props.record.approvedAt?.slice(0, 10), i18n.language()) })} value={draft().goLive} min={props.record.approvedAt?.slice(0, 10)} onValue={(goLive) => set({ goLive })} error={issue("goLive", "benefits.issue.goLive")} />
      <TextField id="benefit-ramp-up" label={t("benefits.rampUpLabel")} hint={t("benefits.rampUpHint")} inputmode="numeric" value={draft().rampUpMonths} onValue={(rampUpMonths) => set({ rampUpMonths })} error={issue("rampUpMonths", "benefits.invalidMonths")} />
      <Show when={props.kpi} fallback={<p class="muted">{t("benefits.noKpi")}</p>}>
        <RadioChips
          name="benefit-measure"
          legend={t("benefits.how")}
          value={draft().measure}
          choices={[
            { value: "owner", label: t("benefits.byOwner") },
            { value: "scope", label: `${t("benefits.byScope")}: ${props.kpi?.name ?? ""}` },
          ]}
          onValue={(measure) => set({ measure })}
        />
        <Show when={draft().measure === "scope"}>
          <CheckboxGroup
            name="benefit-locations"
            legend={t("benefits.locations")}
            hint={t("benefits.locationsHint")}
            choices={props.locations.map((l) => ({ value: l.id, label: l.name ?? "" }))}
            chosen={draft().locationIds}
            onToggle={(id, checked) => set({ locationIds: checked ? [...draft().locationIds, id] : draft().locationIds.filter((x) => x !== id) })}
          />
          <SelectField
            id="benefit-segment"
            label={t("benefits.segment")}
            value={draft().segmentId}
            choices={[{ value: "", label: t("benefits.allCustomers") }, ...props.segments.map((s) => ({ value: s.id, label: s.name ?? "" }))]}
            onValue={(segmentId) => set({ segmentId })}
            error={issue("scope.segmentId", "benefits.issue.scope")}
          />
          <DateField id="benefit-baseline-from" label={t("benefits.baselineFrom")} hint={t("benefits.baselineHint")} value={draft().baselineFrom} onValue={(baselineFrom) => set({ baselineFrom })} error={issue("scope.baselineFrom", "benefits.invalidDate")} />
          <DateField id="benefit-baseline-to" label={t("benefits.baselineTo")} value={draft().baselineTo} onValue={(baselineTo) => set({ baselineTo })} error={issue("scope.baselineTo", "benefits.baselineOrder") ?? issue("scope.locationIds", "benefits.issue.scope") ?? issue("scope", "benefits.noKpi")} />
        </Show>
      </Show>
      <FormMessage message={submission.message()} />
      <div class="button-row">
        <SubmitButton busy={submission.busy()} label={t("benefits.save")} busyLabel={t("benefits.saving")} />
        <button type="button" class="button button-secondary" onClick={props.close}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
