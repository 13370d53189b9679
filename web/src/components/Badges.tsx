// Their styles are capture's (capture.css), shared by every screen that lists records.
import "../capture/capture.css";
import { Show } from "solid-js";
import { useApp } from "../context";

/** Marks a record whose changes have not reached the server yet. */
export function PendingBadge(props: { pending: boolean }) {
  const { i18n } = useApp();
  return (
    <Show when={props.pending}>
      <span class="badge badge-pending">{i18n.t("capture.notSent")}</span>
    </Show>
  );
}

/** Severity as text and a bar of five, never by colour alone. */
export function SeverityBadge(props: { severity: number | null | undefined }) {
  const { i18n } = useApp();
  return (
    <Show when={props.severity}>
      {(severity) => (
        <span class="severity" data-severity={severity()}>
          {i18n.t("finding.severityBadge", { n: severity() })}
        </span>
      )}
    </Show>
  );
}
