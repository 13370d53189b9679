import { For, Show } from "solid-js";
import { useApp } from "../context";
import { useLocal } from "../data/local/context";
import type { DeviceConflict } from "../data/local/types";
import type { PushEntity } from "../../../shared/sync/constants";

/**
 * "Changed on another device": a text this device wrote lost to a newer edit made elsewhere.
 * Both texts are shown; "use mine" makes mine the newest edit (an ordinary change that syncs),
 * "keep theirs" lets it go. Nothing anyone typed disappears without a word.
 */
export function ConflictNotice(props: {
  entity: PushEntity;
  id: string;
  conflicts: readonly DeviceConflict[] | undefined;
  labels: Record<string, string>;
  /** Whether this person may still set the field (a record may have been locked since): else no "use mine". */
  mayEdit: (field: string) => boolean;
}) {
  const { i18n } = useApp();
  const { t } = i18n;
  const { store } = useLocal();
  const text = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));
  // A live region, so a conflict that arrives with a sync is announced, not only shown.
  return (
    <div aria-live="polite">
      <For each={props.conflicts ?? []}>
        {(conflict) => (
          <section class="notice notice-warning conflict" role="region" aria-label={t("conflict.title")} data-testid="conflict">
            <h2 class="conflict-title">{t("conflict.title")}</h2>
            <p>{t("conflict.intro", { field: props.labels[conflict.field] ?? conflict.field })}</p>
            <dl class="conflict-texts">
              <dt>{t("conflict.theirs")}</dt>
              <dd data-testid="conflict-kept">{text(conflict.kept)}</dd>
              <dt>{t("conflict.mine")}</dt>
              <dd data-testid="conflict-lost">{text(conflict.lost)}</dd>
            </dl>
            <p class="button-row">
              <Show when={props.mayEdit(conflict.field)}>
                <button type="button" class="button" onClick={() => void store.change(props.entity, props.id, { [conflict.field]: conflict.lost })}>
                  {t("conflict.useMine")}
                </button>
              </Show>
              <button type="button" class="button button-secondary" onClick={() => void store.dismissConflicts(props.entity, props.id, [conflict.field])}>
                {t("conflict.keepTheirs")}
              </button>
            </p>
          </section>
        )}
      </For>
    </div>
  );
}
