import { useNavigate } from "@solidjs/router";
import { useApp } from "../context";
import { useLocal } from "../data/local/context";
import { UNDO_MS } from "../data/local/deletes";
import type { PushEntity } from "../../../shared/sync/constants";

/** The records people delete from their own screen (actions and measurements have their own buttons in their lists). */
export type DeletableEntity = Extract<PushEntity, "finding" | "visit" | "experiment" | "kpi" | "mystery_shop" | "business_case">;

/**
 * Deletes a record, with five seconds to undo it: the screen goes back to `afterHref` at once
 * (the record already gone from the lists), a toast offers "Undo" (announced, and focused so the
 * keyboard reaches it), and only when the moment passes is the delete written to this device
 * and synced. Deleting archives: an admin can restore it for 90 days. Shown only when the rule
 * book allows it.
 */
export function DeleteRecord(props: { entity: DeletableEntity; id: string; afterHref: string }) {
  const { i18n, toaster } = useApp();
  const { t } = i18n;
  const { deletes } = useLocal();
  const navigate = useNavigate();
  function remove() {
    const { entity, id } = props;
    deletes.schedule(entity, id).then(
      (outcome) => {
        if (outcome === "undone") toaster.show(() => t("delete.undone"), { tone: "info" });
      },
      () => toaster.show(() => t("delete.failed"), { tone: "error" }),
    );
    toaster.show(() => t(`delete.deleted.${entity}`), { ms: UNDO_MS, focus: true, action: { label: () => t("common.undo"), run: () => deletes.undo(entity, id) } });
    navigate(props.afterHref, { replace: true });
  }
  return (
    <button type="button" class="button button-danger" onClick={remove}>
      {t("delete.button")}
    </button>
  );
}
