import { canDo } from "../../../../shared/permissions";
import { createMemo, createSignal, For, Show } from "solid-js";
import { useList, useMe } from "../../data/records";
import { openAtLocation, pickable, type VisitKind } from "../../capture/model";
import { RadioChips } from "../../fields/RadioChips";
import { Page } from "../../components/Page";
import { useApp, useOrg } from "../../context";
import { orgHref } from "../../nav";
import { browserStore } from "../../data/storage";
import { VISIT_KINDS } from "../../../../shared/enums";
import { lastVisitKind, lastVisitPlace } from "./remembered";

/**
 * Choosing a visit: the kind (remembered from last time), then the place, which opens its
 * briefing (nothing is created until "Start visit" there). Each place says what is still open
 * there; the last one used comes first.
 */
export default function VisitStart() {
  const { i18n } = useApp();
  const { t } = i18n;
  const org = useOrg();
  const me = useMe();
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

  const [kind, setKind] = createSignal<VisitKind>(lastVisitKind(storage));
  const lastPlace = lastVisitPlace(storage, org().orgId);
  // The last place first: a director often returns to the same shop. (An archived one is simply not offered.)
  const ordered = createMemo(() => [...choices()].sort((a, b) => Number(b.id === lastPlace) - Number(a.id === lastPlace)));

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
                    <a href={orgHref(org().orgId, "admin/locations")}>{t("admin.locations")}</a>
                  </p>
                </Show>
              </div>
            </Show>
          }
        >
          <section aria-labelledby="visit-place-heading">
            <h2 id="visit-place-heading" class="place-heading">
              {t("visitStart.location")}
            </h2>
            <p class="hint" id="visit-place-hint">
              {t("visitStart.now")}
            </p>
            <ul class="place-options">
              <For each={ordered()}>
                {(place) => (
                  <li>
                    <a class="place-option" href={`${orgHref(org().orgId, `visits/new/${place.id}`)}?kind=${kind()}`}>
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
                    </a>
                  </li>
                )}
              </For>
            </ul>
          </section>
        </Show>
      </div>
    </Page>
  );
}
