import { onCleanup, Show, Suspense, type JSX } from "solid-js";
import { Portal } from "solid-js/web";
import { useHeaderSlot } from "../components/Frame";
import { SyncIndicator } from "../components/SyncIndicator";
import { LocalProvider } from "../data/local/context";
import { RouteSkeleton } from "./RouteSkeleton";

/**
 * The organisation's screens with the device's store open and syncing, and the sync indicator
 * in the header. Loaded on demand by OrgLayout, so the sync engine stays out of the shell's
 * first download (login and setup never need it); the service worker precaches it for offline.
 */
export default function OrgLocal(props: { userId: string; orgId: string; children: JSX.Element }) {
  const headerSlot = useHeaderSlot();
  return (
    <LocalProvider userId={props.userId} orgId={props.orgId} fallback={<RouteSkeleton />}>
      <Show when={headerSlot.element()}>
        {(slot) => {
          onCleanup(headerSlot.claim());
          return (
            <Portal mount={slot()}>
              <SyncIndicator />
            </Portal>
          );
        }}
      </Show>
      <Suspense fallback={<RouteSkeleton />}>{props.children}</Suspense>
    </LocalProvider>
  );
}
