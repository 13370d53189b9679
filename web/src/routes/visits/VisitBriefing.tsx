import { useNavigate, useParams, useSearchParams } from "@solidjs/router";
import { createEffect, createMemo, createSignal, on, Show } from "solid-js";
import { openAtLocation } from "../../capture/model";
import { FormMessage } from "../../fields/Fields";
import { Icon } from "../../components/Icon";
import { Page } from "../../components/Page";
import { useApp, useOrg } from "../../context";
import { useLocal } from "../../data/local/context";
import { photosOfOpenFindings } from "../../data/local/photos-ahead";
import { useList } from "../../data/records";
import { browserStore } from "../../data/storage";
import { formatNumber, formatPercent } from "../../format";
import { orgHref } from "../../nav";
import { mysterySummary } from "./briefing";
import { EarlierFindings } from "./EarlierFindings";
import { rememberVisit, visitKindOr } from "./remembered";
import { shopForVisit } from "../mystery/start-shop";

/**
 * `visits/new/:locationId?kind=…`: before a visit, what the place holds — the last mystery-shop
 * score and its trend, the open findings (newest first, with their photos) and open actions —
 * and "Start visit", which is the first thing that creates anything. All from the device, so it
 * reads the same offline; the findings' photos are fetched ahead as it opens, for the shop floor.
 */
export default function VisitBriefing() {
  const { i18n } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const params = useParams<{ locationId: string }>();
  const [search] = useSearchParams<{ kind?: string }>();
  const navigate = useNavigate();
  const { store, photosAhead } = useLocal();
  const storage = browserStore();
  const locations = useList("location");
  const findings = useList("finding");
  const actions = useList("action");
  const shops = useList("mystery_shop");
  const templates = useList("mystery_template");
  const kind = () => visitKindOr(typeof search.kind === "string" ? search.kind : undefined);
  const place = createMemo(() => locations.all().find((l) => l.id === params.locationId));
  const placeName = () => place()?.name ?? t("visit.unknownLocation");
  const mystery = createMemo(() => mysterySummary(shops.all(), templates.all(), params.locationId));
  // Asked for again only when the list of photos changes, not on every sync of some other record.
  const photos = createMemo(() => photosOfOpenFindings(openAtLocation(findings.all(), actions.all(), params.locationId).findings), [], { equals: (a, b) => a.join() === b.join() });
  createEffect(
    on(photos, (shas) => {
      if (shas.length > 0) void photosAhead.fetch(shas);
    }),
  );

  const [message, setMessage] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  async function start() {
    if (busy()) return;
    setBusy(true);
    setMessage(null);
    const id = crypto.randomUUID();
    try {
      await store.change("visit", id, { kind: kind(), locationId: params.locationId, startedAt: new Date().toISOString(), endedAt: null, peopleMet: "", notes: "" });
      rememberVisit(storage, org().orgId, kind(), params.locationId);
      // A mystery shop is scored: it starts the shop, connected to this visit.
      const shop = kind() === "mystery_shop" ? await shopForVisit(store, id, params.locationId) : null;
      navigate(orgHref(org().orgId, shop ?? `visits/${id}`), { replace: true });
    } catch {
      setMessage(t("capture.saveFailed"));
      setBusy(false);
    }
  }

  const points = (change: number) => formatNumber(Math.abs(change), i18n.language(), { maximumFractionDigits: 1 });

  return (
    <Page title={t("briefing.title", { location: placeName() })}>
      <p class="item-meta">
        <span>{t(`visitKind.${kind()}`)}</span>
        <a href={orgHref(org().orgId, "visits/new")}>{t("briefing.otherPlace")}</a>
      </p>
      <Show when={!locations.loaded() || place()} fallback={<p class="notice">{t("briefing.unknownPlace")}</p>}>
        <section class="card" aria-labelledby="briefing-mystery-heading">
          <h2 id="briefing-mystery-heading">{t("briefing.mystery")}</h2>
          <Show when={mystery()} fallback={<p class="muted">{t("briefing.mysteryNone")}</p>}>
            {(last) => (
              <>
                <p class="mystery-line">
                  <span class="mystery-score">{last().percent === null ? "–" : formatPercent(last().percent! / 100, i18n.language(), { maximumFractionDigits: 0 })}</span>
                  <span>{t("briefing.mysteryOn", { date: i18n.formatDate(last().at) })}</span>
                </p>
                <Show when={last().failed}>
                  <p class="briefing-failed">
                    <Icon name="warning" class="icon icon-small" />
                    {t("briefing.mysteryFailed")}
                  </p>
                </Show>
                <Show when={last().change !== null}>
                  <p>{last().change! > 0 ? t("briefing.mysteryUp", { points: points(last().change!) }) : last().change! < 0 ? t("briefing.mysteryDown", { points: points(last().change!) }) : t("briefing.mysterySame")}</p>
                </Show>
                <p>
                  <a href={orgHref(org().orgId, `mystery/results/${params.locationId}`)}>{t("briefing.mysteryTrend")}</a>
                </p>
              </>
            )}
          </Show>
        </section>

        <div class="card">
          <EarlierFindings locationId={params.locationId} locationName={placeName()} />
        </div>

        <FormMessage message={message()} />
        <button type="button" class="button button-wide start-button briefing-start" aria-disabled={busy() ? "true" : undefined} aria-describedby="briefing-start-hint" onClick={() => void start()}>
          {t("briefing.start")}
        </button>
        <p class="hint" id="briefing-start-hint">
          {t("briefing.startHint")}
        </p>
      </Show>
    </Page>
  );
}
