import { Show, type JSX } from "solid-js";
import { useApp } from "../context";
import type { AnySettingCollection } from "../data/settings";
import { CheckboxField } from "../fields/Fields";
import { EmptyState, RemoteState } from "./Status";

/** The list section of a settings screen: heading, "show archived", loading/error/empty states. */
export function SettingList(props: {
  collection: AnySettingCollection;
  headingId: string;
  heading: string;
  empty: string;
  /** Rows this list shows, when it shows only part of the collection (themes split in two). */
  count?: number;
  /** Whether this list carries the "show archived" switch (default yes). */
  archivedToggle?: boolean;
  children: JSX.Element;
}) {
  const { i18n } = useApp();
  const remote = () => props.collection.remote;
  return (
    <section class="setting-list">
      <div class="list-head">
        <h2 id={props.headingId} tabindex="-1">
          {props.heading}
        </h2>
        <Show when={props.archivedToggle !== false}>
          <CheckboxField
            id={`${props.headingId}-archived`}
            label={i18n.t("settings.showArchived")}
            checked={props.collection.showArchived()}
            onValue={props.collection.setShowArchived}
          />
        </Show>
      </div>
      <RemoteState loading={remote().loading()} error={remote().error()} hasValue={remote().value() !== undefined} retry={() => void remote().reload()} />
      <Show when={remote().value() !== undefined}>
        <Show when={(props.count ?? props.collection.visible().length) > 0} fallback={<EmptyState text={props.empty} />}>
          <ul class="rows" aria-busy={remote().loading() ? "true" : undefined}>
            {props.children}
          </ul>
        </Show>
      </Show>
    </section>
  );
}
