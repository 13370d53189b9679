import { canDo } from "../../../../shared/permissions";
import { A, useNavigate } from "@solidjs/router";
import { createMemo, createSignal, For, Show } from "solid-js";
import { useList, useMe } from "../../data/records";
import { openAtLocation, pickable, type VisitKind } from "../../capture/model";
import { RadioChips } from "../../fields/RadioChips";
import { FormMessage } from "../../fields/Fields";
import { Page } from "../../components/Page";
import { useApp, useOrg } from "../../context";
import { useLocal } from "../../data/local/context";
import { orgHref } from "../../nav";
import { browserStore } from "../../data/storage";
import { VISIT_KINDS } from "../../../../shared/enums";
import { shopForVisit } from "../mystery/start-shop";

const LAST_KIND = "chefsache.visit.kind";
const LAST_LOCATION = "chefsache.visit.location";

/**
 * Starting a visit in two taps: the kind (remembered from last time), then the place, which
 * starts it now. Each place says what is still open there; the last one used comes first, and
 * the visit screen then lists those open findings and actions to follow up.
 */
export default function VisitStart() {
  const { i18n } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const me = useMe();
  const { store } = useLocal();
  const navigate = useNavigate();
  const storage = browserStore();
  const locations = useList("location");
  const choices = createMemo(() => pickable(locations.all()));
  const findings = useList("finding");
  const actions = useList("action");
  // What is still open per place, shown on each choice: the reason to pick one visit over another.
  const openCounts = createMemo(() => {
    const counts = new Map<string, number>();
    for (const place of choices()) {
      const open = openAtLocation(findings.all(), actions.all(), place.id);
      counts.set(place.id, open.findings.length + open.actions.length);
    }
    return counts;
  });

  const rememberedKind = storage.get(LAST_KIND);
  const [kind, setKind] = createSignal<VisitKind>(VISIT_KINDS.find((k) => k === rememberedKind) ?? "floor_walk");
  const lastPlace = storage.get(`${LAST_LOCATION}.${org().orgId}`);
  // The last place first: a director often returns to the same shop. (An archived one is simply not offered.)
  const ordered = createMemo(() => [...choices()].sort((a, b) => Number(b.id === lastPlace) - Number(a.id === lastPlace)));
  const [message, setMessage] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  async function start(place: string) {
    if (busy()) return;
    setBusy(true);
    setMessage(null);
    const id = crypto.randomUUID();
    try {
      await store.change("visit", id, { kind: kind(), locationId: place, startedAt: new Date().toISOString(), endedAt: null, peopleMet: "", notes: "" });
      storage.set(LAST_KIND, kind());
      storage.set(`${LAST_LOCATION}.${org().orgId}`, place);
      // A mystery shop is scored: it starts the shop, connected to this visit.
      const shop = kind() === "mystery_shop" ? await shopForVisit(store, id, place) : null;
      navigate(orgHref(org().orgId, shop ?? `visits/${id}`), { replace: true });
    } catch {
      setMessage(t("capture.saveFailed"));
      setBusy(false);
    }
  }

  return (
    <Page title={t("visitStart.title")}>
      <div class="stack">
        <RadioChips
          name="visit-kind"
          legend={t("visitStart.kind")}
          value={kind()}
          onValue={setKind}
          choices={VISIT_KINDS.map((k) => ({ value: k, label: t(`visitKind.${k}`) }))}
        />
        <Show
          when={choices().length > 0}
          fallback={
            <Show when={locations.loaded()}>
              <div class="notice">
                <p>{t("visitStart.noLocations")}</p>
                <Show when={canDo(me.person(), "manage_settings")}>
                  <p>
                    <A href={orgHref(org().orgId, "admin/locations")}>{t("admin.locations")}</A>
                  </p>
                </Show>
              </div>
            </Show>
          }
        >
          <fieldset class="place-group">
            <legend>{t("visitStart.location")}</legend>
            <div class="place-options">
              <For each={ordered()}>
                {(place) => (
                  <button type="button" class="place-option" aria-disabled={busy() ? "true" : undefined} onClick={() => void start(place.id)}>
                    <span class="place-name">{place.name}</span>
                    <span class="place-kind">
                      {place.kind ? t(`kind.${place.kind}`) : ""}
                      <Show when={place.id === lastPlace}>
                        {" · "}
                        {t("visitStart.lastTime")}
                      </Show>
                      <Show when={(openCounts().get(place.id) ?? 0) > 0}>
                        {" · "}
                        <strong>{t("visitStart.openHere", { count: openCounts().get(place.id) ?? 0 })}</strong>
                      </Show>
                    </span>
                  </button>
                )}
              </For>
            </div>
          </fieldset>
        </Show>
        <p class="hint">{t("visitStart.now")}</p>
        <FormMessage message={message()} />
      </div>
    </Page>
  );
}
