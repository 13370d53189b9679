import { For, Show } from "solid-js";
import { useApp } from "../../context";
import { formatDateTime } from "../../format";
import type { Language } from "../experiments/results";
import { askFigures } from "./PackBody";
import type { BusinessCaseStatus, CaseDecision } from "./model";
import type { PackView } from "./pack-view";

const DECISIONS = ["approved", "rejected", "deferred"] as const satisfies readonly BusinessCaseStatus[];

/**
 * The resolution: for a case before the board, what it is asked to resolve and a place to record
 * the decision on paper; for a decided case, the decision as logged, with the version it was
 * taken on. A draft has none yet.
 */
export function PackResolution(props: { view: PackView; status: BusinessCaseStatus; decision: CaseDecision | undefined; version: number | undefined }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const language = () => i18n.language() as Language;
  return (
    <section class="pack-section pack-resolution">
      <h3>{t("resolution.heading")}</h3>
      <Show when={props.status === "submitted"}>
        <p class="pack-text">{t("resolution.proposed", { title: props.view.fields.title, figures: askFigures(props.view, i18n, language()) })}</p>
        <div class="resolution-record">
          <p class="resolution-label">{t("resolution.record")}</p>
          <ul class="resolution-choices">
            <For each={DECISIONS}>
              {(status) => (
                <li>
                  <span class="resolution-box" aria-hidden="true" /> {t(`caseStatus.${status}`)}
                </li>
              )}
            </For>
          </ul>
          <p class="resolution-line">{t("resolution.reason")}</p>
          <p class="resolution-line">{t("resolution.signed")}</p>
        </div>
      </Show>
      <Show when={(DECISIONS as readonly string[]).includes(props.status) && props.decision}>
        {(decision) => (
          <>
            <p class="pack-text">
              <strong>
                {t("resolution.decided", {
                  status: t(`caseStatus.${props.status}`),
                  when: formatDateTime(decision().at, language()),
                  name: decision().userName ?? "",
                  version: props.version ?? 1,
                })}
              </strong>
            </p>
            <blockquote class="decision-reason">{decision().reason}</blockquote>
          </>
        )}
      </Show>
      <Show when={props.status === "draft"}>
        <p class="muted">{t("resolution.draft")}</p>
      </Show>
    </section>
  );
}
