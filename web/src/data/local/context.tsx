import { createContext, createResource, createSignal, onCleanup, Show, useContext, type JSX, type Resource } from "solid-js";
import { useApp } from "../../context";
import { apiPath } from "../api";
import { createDeleteQueue, type DeleteQueue } from "./deletes";
import { createPhotosAhead, type PhotosAhead } from "./photos-ahead";
import { LocalStore } from "./store";
import { createSyncEngine, type SyncEngine } from "./sync";
import type { Entity, PullEntity } from "./types";
import { firstScreenSettled } from "../../first-screen";

export interface Local {
  store: LocalStore;
  sync: SyncEngine;
  /** Deletes waiting out their moment to be undone. */
  deletes: DeleteQueue;
  /** Colleagues' photos fetched into the device's store ahead of a visit, for offline. */
  photosAhead: PhotosAhead;
  /** Bumps whenever records of the entity change on this device (edits, pulls, other tabs). */
  revision(entity: string): number;
}

const LocalContext = createContext<Local>();

/**
 * Opens the device's store for one person in one organisation and runs its sync engine,
 * for the screens inside the organisation layout. While it opens, the nearest Suspense above
 * shows its fallback.
 */
export function LocalProvider(props: { userId: string; orgId: string; children: JSX.Element }) {
  const { api } = useApp();
  let release: (() => void) | undefined;
  let disposed = false;
  onCleanup(() => {
    disposed = true;
    release?.();
  });
  const [local] = createResource(
    () => [props.userId, props.orgId] as const,
    async ([userId, orgId]) => {
      release?.();
      const store = await LocalStore.open(userId, orgId);
      // Left (logged out, switched organisation) while the database was opening: start nothing.
      if (disposed) {
        store.close();
        return undefined;
      }
      const revisions = new Map<string, ReturnType<typeof createSignal<number>>>();
      const signalFor = (entity: string) => {
        let signal = revisions.get(entity);
        if (!signal) revisions.set(entity, (signal = createSignal(0)));
        return signal;
      };
      store.subscribe((entities) => {
        for (const entity of entities) signalFor(entity)[1]((n) => n + 1);
      });
      const sync = createSyncEngine(store, api, orgId);
      const photosAhead = createPhotosAhead(store, (sha256) => apiPath("/orgs/:orgId/attachments/:sha256", { orgId, sha256 }));
      // The photos the next visit will want to show offline: after the first sync of the session,
      // and whenever findings arrive from the server.
      let ahead = false;
      store.subscribe((entities, origin) => {
        if (origin === "sync" && entities.has("sync")) firstScreenSettled();
        if (origin !== "sync" || !(entities.has("finding") || (!ahead && entities.has("sync")))) return;
        ahead = true;
        photosAhead.forMyPlacesSoon();
      });
      // The screen draws first; the sync engine (its worker, the live stream, the first pull)
      // starts in the next task, so a phone does not do both in one long stretch.
      let stop: (() => void) | undefined;
      const starting = setTimeout(() => {
        stop = sync.start();
      }, 0);
      const deletes = createDeleteQueue((entity, id) => store.remove(entity, id));
      release = () => {
        clearTimeout(starting);
        stop?.();
        photosAhead.stop();
        // A delete still waiting for its undo moment is written before the store closes.
        void deletes
          .flush()
          .catch(() => undefined)
          .finally(() => store.close());
      };
      return { store, sync, deletes, photosAhead, revision: (entity: string) => signalFor(entity)[0]() } satisfies Local;
    },
  );
  return (
    <Show when={local()}>
      {(value) => <LocalContext.Provider value={value()}>{props.children}</LocalContext.Provider>}
    </Show>
  );
}

export function useLocal(): Local {
  const local = useContext(LocalContext);
  if (!local) throw new Error("useLocal() needs a <LocalProvider> above it");
  return local;
}

/**
 * The records of an entity on this device, kept current as they change; read only once `ready`
 * says so (a list waiting for the first sync would otherwise be read again for every page).
 */
export function useRecords<E extends PullEntity>(entity: E, ready: () => boolean = () => true): Resource<Entity<E>[]> {
  const local = useLocal();
  const [records] = createResource(
    () => ready() && local.revision(entity) + 1,
    () => local.store.list(entity),
  );
  return records;
}
