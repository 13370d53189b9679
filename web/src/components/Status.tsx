import { Show } from "solid-js";
import { useApp } from "../context";
import { describeError } from "../fields/form";

export function Loading() {
  const { i18n } = useApp();
  return (
    <p class="loading" role="status">
      <span class="spinner" aria-hidden="true" />
      {i18n.t("common.loading")}
    </p>
  );
}

/** A failed load, with a way to try again. */
export function LoadError(props: { error: unknown; retry: () => void }) {
  const { i18n } = useApp();
  return (
    <div class="notice notice-error" role="alert">
      <p>{describeError(i18n, props.error)}</p>
      <button type="button" class="button button-secondary" onClick={() => props.retry()}>
        {i18n.t("common.retry")}
      </button>
    </div>
  );
}

export function EmptyState(props: { text: string }) {
  return <p class="empty">{props.text}</p>;
}

/** Shows nothing, a spinner, or the error of a remote value, around the content once it is there. */
export function RemoteState(props: { loading: boolean; error: unknown; hasValue: boolean; retry: () => void }) {
  return (
    <>
      <Show when={props.error}>
        <LoadError error={props.error} retry={props.retry} />
      </Show>
      <Show when={!props.error && props.loading && !props.hasValue}>
        <Loading />
      </Show>
    </>
  );
}
