import { For, Show } from "solid-js";
import { useApp } from "../../context";
import { useFormat, useRecordList } from "./records";
import { NotSynced } from "./NotSynced";

/** Findings raised from this shop, newest first. */
export function ShopFindings(props: { shopId: string }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const format = useFormat();
  const findings = useRecordList("finding");
  const mine = () =>
    findings
      .items()
      .filter((f) => f.mysteryShopId === props.shopId)
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  return (
    <Show when={mine().length > 0}>
      <section aria-labelledby="shop-findings-heading">
        <h2 id="shop-findings-heading">{t("mystery.finding.listHeading", { count: mine().length })}</h2>
        <ul class="rows">
          <For each={mine()}>
            {(finding) => (
              <li class="row">
                <div class="row-main">
                  <p class="row-title finding-saw">{finding.saw}</p>
                  <p class="row-meta">
                    {t("mystery.finding.severityIs", { severity: finding.severity ?? 3 })}
                    <Show when={(finding.photos?.length ?? 0) > 0}> · {t("mystery.finding.photoCount", { count: finding.photos?.length ?? 0 })}</Show>
                    {" · "}
                    {format.dateTime(finding.createdAt)}
                    <NotSynced pending={finding.pending} />
                  </p>
                </div>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}
