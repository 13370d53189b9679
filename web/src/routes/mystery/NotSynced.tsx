import { Show } from "solid-js";
import { useApp } from "../../context";

/** After a line of text: " Not synced yet" while the record waits to be sent. */
export function NotSynced(props: { pending: boolean | undefined }) {
  const { i18n } = useApp();
  return (
    <Show when={props.pending}>
      {" "}
      <span class="badge badge-pending">{i18n.t("mystery.notSynced")}</span>
    </Show>
  );
}
