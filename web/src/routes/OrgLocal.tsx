import { onCleanup, Show, Suspense, type JSX } from "solid-js";
import { Portal } from "solid-js/web";
import { useHeaderSlot } from "../components/Frame";
import { createStages } from "../components/stages";
import { SyncIndicator } from "../components/SyncIndicator";
import { LocalProvider } from "../data/local/context";

/**
 * The organisation's screens with the device's store open and syncing, and the sync indicator
 * in the header. Loaded on demand by OrgLayout, so the sync engine stays out of the shell's
 * first download (login and setup never need it); the service worker precaches it for offline.
 */
export default function OrgLocal(props: { userId: string; orgId: string; skeleton: JSX.Element; children: JSX.Element }) {
  // While the store opens, the Suspense around this shows OrgLayout's skeleton; while a screen's
  // code loads, the one below shows the same skeleton (the same nodes, not drawn again).
  return (
    <LocalProvider userId={props.userId} orgId={props.orgId}>
      <HeaderSync />
      <Suspense fallback={props.skeleton}>{props.children}</Suspense>
    </LocalProvider>
  );
}

/** The header's sync indicator, drawn a task after the screen, whose words come first. */
function HeaderSync() {
  const headerSlot = useHeaderSlot();
  const stage = createStages(2);
  return (
    <Show when={stage(1) && headerSlot.element()}>
      {(slot) => {
        onCleanup(headerSlot.claim());
        return (
          <Portal mount={slot()}>
            <SyncIndicator />
          </Portal>
        );
      }}
    </Show>
  );
}
