import { useNavigate } from "@solidjs/router";
import { useApp } from "../context";
import { useLocal } from "../data/local/context";
import type { PushEntity } from "../../../shared/sync/constants";

/** The records people delete from their own screen (actions and measurements have their own buttons in their lists). */
export type DeletableEntity = Extract<PushEntity, "finding" | "visit" | "experiment" | "kpi" | "mystery_shop" | "business_case">;

/**
 * Deletes a record on this device (synced like every change). Deleting archives: an admin can
 * restore it for 90 days, so one confirmation is enough. Shown only when the rule book allows it.
 */
export function DeleteRecord(props: { entity: DeletableEntity; id: string; afterHref: string }) {
  const { i18n, toaster } = useApp();
  const { t } = i18n;
  const { store } = useLocal();
  const navigate = useNavigate();
  async function remove() {
    if (!window.confirm(t("delete.confirm", { what: t(`delete.what.${props.entity}`) }))) return;
    try {
      await store.remove(props.entity, props.id);
      toaster.show(t("delete.done"));
      navigate(props.afterHref, { replace: true });
    } catch {
      toaster.show(t("delete.failed"), { tone: "error" });
    }
  }
  return (
    <button type="button" class="button button-danger" onClick={() => void remove()}>
      {t("delete.button")}
    </button>
  );
}
