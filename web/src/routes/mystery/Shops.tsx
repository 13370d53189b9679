import { useNavigate, useSearchParams } from "@solidjs/router";
import { createEffect, createMemo, createSignal, For, on, Show } from "solid-js";
import { templateFits } from "../../../../shared/mystery/fit";
import { scoreShop } from "../../../../shared/mystery/score";
import { FormMessage, SelectField, SubmitButton } from "../../fields/Fields";
import { Page } from "../../components/Page";
import { EmptyState, Loading } from "../../components/Status";
import { useApp, useOrg } from "../../context";
import { useLocal } from "../../data/local/context";
import type { Entity } from "../../data/local/types";
import { orgHref } from "../../nav";
import { useFormat, useRecordList, useShopRecords } from "./records";
import { shopSections } from "./results-model";
import { canEditTemplates, canRunShops } from "./template";
import { startableTemplates, startShop } from "./start-shop";
import { NotSynced } from "./NotSynced";

const SHOWN_COMPLETED = 10;

/** `/o/:orgId/mystery`: start a shop, continue one, or look back at completed ones. */
export default function Shops() {
  const { i18n } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const format = useFormat();
  const { templates, locations, shops } = useShopRecords();
  const [showAll, setShowAll] = createSignal(false);

  const templateById = createMemo(() => new Map(templates.items().map((tpl) => [tpl.id, tpl])));
  const locationName = (id: string | undefined) => locations.items().find((l) => l.id === id)?.name ?? t("mystery.unknownLocation");
  const inProgress = () => shops.items().filter((shop) => !shop.completedAt).sort((a, b) => ((a.startedAt ?? "") < (b.startedAt ?? "") ? 1 : -1));
  const completed = () => shops.items().filter((shop) => shop.completedAt).sort((a, b) => ((a.completedAt ?? "") < (b.completedAt ?? "") ? 1 : -1));

  function ShopRow(props: { shop: Entity<"mystery_shop"> }) {
    const template = () => (props.shop.templateId ? templateById().get(props.shop.templateId) : undefined);
    const score = () => {
      const sections = shopSections(props.shop, template());
      return sections ? scoreShop(sections, props.shop.answers ?? {}) : null;
    };
    return (
      <li>
        <a class="choice" href={orgHref(org().orgId, `mystery/shops/${props.shop.id}`)}>
          <span class="choice-title">
            {locationName(props.shop.locationId)} · {template()?.name ?? t("mystery.unknownTemplate")}
          </span>
          <span class="choice-meta">
            {props.shop.completedAt
              ? t("mystery.shops.completedOn", { date: format.dateTime(props.shop.completedAt) })
              : t("mystery.shops.startedOn", { date: format.dateTime(props.shop.startedAt) })}
            <Show when={score()}>
              {(s) => (
                <>
                  {" · "}
                  {t("mystery.score.short", { score: format.percent(s().percent) })}
                  <Show when={s().failed}>
                    {" "}
                    <span class="badge badge-danger">{t("mystery.score.failedBadge")}</span>
                  </Show>
                </>
              )}
            </Show>
            <NotSynced pending={props.shop.pending} />
          </span>
        </a>
      </li>
    );
  }

  return (
    <Page title={t("mystery.title")}>
      <p class="muted">{t("mystery.intro")}</p>
      <Show when={canRunShops(org().role)}>
        <section class="card" aria-labelledby="mystery-start-heading">
          <h2 id="mystery-start-heading">{t("mystery.start.heading")}</h2>
          <StartShop />
        </section>
      </Show>

      <Show when={!shops.loading()} fallback={<Loading />}>
        <section aria-labelledby="mystery-open-heading">
          <h2 id="mystery-open-heading">{t("mystery.shops.inProgress")}</h2>
          <Show when={inProgress().length > 0} fallback={<EmptyState text={t("mystery.shops.noneInProgress")} />}>
            <ul class="choice-list">
              <For each={inProgress()}>{(shop) => <ShopRow shop={shop} />}</For>
            </ul>
          </Show>
        </section>
        <section aria-labelledby="mystery-done-heading">
          <h2 id="mystery-done-heading">{t("mystery.shops.completed")}</h2>
          <Show when={completed().length > 0} fallback={<EmptyState text={t("mystery.shops.noneCompleted")} />}>
            <ul class="choice-list">
              <For each={showAll() ? completed() : completed().slice(0, SHOWN_COMPLETED)}>{(shop) => <ShopRow shop={shop} />}</For>
            </ul>
            <Show when={!showAll() && completed().length > SHOWN_COMPLETED}>
              <p class="list-more">
                <button type="button" class="button button-secondary" onClick={() => setShowAll(true)}>
                  {t("mystery.shops.showAll", { count: completed().length })}
                </button>
              </p>
            </Show>
            <p class="list-more">
              <a href={orgHref(org().orgId, "mystery/results")}>{t("mystery.shops.toResults")}</a>
            </p>
          </Show>
        </section>
      </Show>
    </Page>
  );
}

/**
 * Picks a template and a location (and optionally a visit) and opens a new shop; works offline.
 * Each narrows the other: a template is offered only at the kinds of location it is made for.
 * Opened from a "Mystery shop" visit (`?visit=`), the visit's place and the visit are chosen.
 */
function StartShop() {
  const { i18n, toaster } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const format = useFormat();
  const local = useLocal();
  const navigate = useNavigate();
  const [search] = useSearchParams<{ visit?: string }>();
  const templates = useRecordList("mystery_template");
  const locations = useRecordList("location");
  const visits = useRecordList("visit");
  const [templateId, setTemplateId] = createSignal("");
  const [locationId, setLocationId] = createSignal("");
  const [visitId, setVisitId] = createSignal("");
  const [issues, setIssues] = createSignal<Record<string, string>>({});
  const [message, setMessage] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  let form: HTMLFormElement | undefined;

  // The visit this shop is part of, once it is on the screen's list: its place comes with it (once:
  // a place chosen after that is the director's).
  let fromVisit = search.visit;
  createEffect(
    on(visits.items, (list) => {
      const visit = fromVisit ? list.find((v) => v.id === fromVisit) : undefined;
      if (!visit?.locationId) return;
      fromVisit = undefined;
      setLocationId(visit.locationId);
      setVisitId(visit.id);
    }),
  );

  const kindOf = (id: string) => locations.items().find((l) => l.id === id)?.kind;
  const startable = () => startableTemplates(templates.items()).sort(format.byName);
  const usable = () => startableTemplates(templates.items(), locationId() ? kindOf(locationId()) : undefined).sort(format.byName);
  const chosenTemplate = () => startable().find((tpl) => tpl.id === templateId());
  const places = () =>
    locations
      .items()
      .filter((l) => !l.archived && (!chosenTemplate() || templateFits(chosenTemplate()!.locationKinds, l.kind)))
      .sort(format.byName);
  const visitsHere = () =>
    visits
      .items()
      .filter((v) => v.locationId === locationId())
      .sort((a, b) => ((a.startedAt ?? "") < (b.startedAt ?? "") ? 1 : -1))
      .slice(0, 20);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (busy()) return;
    setMessage(null);
    const found: Record<string, string> = {};
    // Looked up from the usable ones, so a template archived meanwhile, or not made for the place, is not started.
    const template = usable().find((tpl) => tpl.id === templateId());
    if (!template) found.template = t("mystery.start.chooseTemplate");
    if (!locationId()) found.location = t("mystery.start.chooseLocation");
    setIssues(found);
    if (!template || Object.keys(found).length > 0) {
      queueMicrotask(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setBusy(true);
    try {
      const id = await startShop(local.store, template, { locationId: locationId(), visitId: visitId() || null });
      navigate(orgHref(org().orgId, `mystery/shops/${id}`));
    } catch {
      setMessage(t("mystery.saveFailed"));
      toaster.show(t("mystery.saveFailed"), { tone: "error" });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Show when={!templates.loading() && !locations.loading()} fallback={<Loading />}>
      <Show
        when={startable().length > 0}
        fallback={
          <div class="stack-tight">
            <EmptyState text={t("mystery.start.noTemplates")} />
            <Show when={canEditTemplates(org().role)} fallback={<p class="muted">{t("mystery.start.askForTemplate")}</p>}>
              <p>
                <a class="button button-secondary" href={orgHref(org().orgId, "mystery/templates/new")}>
                  {t("mystery.templates.new")}
                </a>
              </p>
            </Show>
          </div>
        }
      >
        <Show when={locations.items().some((l) => !l.archived)} fallback={<EmptyState text={t("mystery.start.noLocations")} />}>
          <form ref={form} class="stack" novalidate onSubmit={submit}>
            <SelectField
              id="shop-template"
              label={t("mystery.start.template")}
              value={templateId()}
              onValue={setTemplateId}
              error={issues().template}
              hint={locationId() ? t("mystery.start.templateHint") : undefined}
              choices={[{ value: "", label: t("mystery.start.choose") }, ...usable().map((tpl) => ({ value: tpl.id, label: `${tpl.name ?? ""} (${t(`mystery.channel.${tpl.channel ?? "store"}`)})` }))]}
            />
            <SelectField
              id="shop-location"
              label={t("mystery.start.location")}
              value={locationId()}
              onValue={(value) => {
                setLocationId(value);
                setVisitId("");
              }}
              error={issues().location}
              choices={[{ value: "", label: t("mystery.start.choose") }, ...places().map((l) => ({ value: l.id, label: l.name ?? "" }))]}
            />
            <Show when={visitsHere().length > 0}>
              <SelectField
                id="shop-visit"
                label={t("mystery.start.visit")}
                hint={t("mystery.start.visitHint")}
                value={visitId()}
                onValue={setVisitId}
                choices={[{ value: "", label: t("mystery.start.noVisit") }, ...visitsHere().map((v) => ({ value: v.id, label: t("mystery.start.visitOn", { date: format.dateTime(v.startedAt) }) }))]}
              />
            </Show>
            <FormMessage message={message()} />
            <SubmitButton busy={busy()} label={t("mystery.start.submit")} busyLabel={t("common.saving")} />
          </form>
        </Show>
      </Show>
    </Show>
  );
}
