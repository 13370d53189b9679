import { createSignal } from "solid-js";
import type { PushEntity } from "./types";

/** How long a delete can be undone before it is written. */
export const UNDO_MS = 5_000;

interface Waiting {
  entity: PushEntity;
  id: string;
  timer: ReturnType<typeof setTimeout>;
  resolve: (outcome: "deleted" | "undone") => void;
}

/**
 * Deletes with a moment to undo them. A delete is written to the device's store (and so its
 * outbox) only when the moment has passed without "Undo": an undone delete is never written,
 * never sent, and needs no restore (which only an admin may make). Meanwhile the record is
 * hidden from this device's lists. If the app is closed within the moment the delete is not
 * made — the record stays, so nothing is lost. One delete waits at a time: a second one writes
 * the first at once, keeping the order they were made in (a visit after its last finding).
 */
export function createDeleteQueue(remove: (entity: PushEntity, id: string) => Promise<unknown>, options: { delayMs?: number } = {}) {
  const delayMs = options.delayMs ?? UNDO_MS;
  const [waiting, setWaiting] = createSignal<readonly Waiting[]>([]);
  const key = (entity: string, id: string) => `${entity}:${id}`;

  function take(entity: string, id: string): Waiting | undefined {
    const found = waiting().find((w) => key(w.entity, w.id) === key(entity, id));
    if (found) {
      clearTimeout(found.timer);
      setWaiting((list) => list.filter((w) => w !== found));
    }
    return found;
  }

  async function commit(entity: PushEntity, id: string) {
    const found = take(entity, id);
    if (!found) return;
    try {
      await remove(entity, id);
      found.resolve("deleted");
    } catch (error) {
      found.resolve("undone");
      throw error;
    }
  }

  return {
    /**
     * Deletes after the undo moment; resolves "deleted" once written, "undone" when undone. The
     * promise rejects when the store could not write the delete.
     */
    async schedule(entity: PushEntity, id: string): Promise<"deleted" | "undone"> {
      await Promise.all(waiting().map((w) => commit(w.entity, w.id)));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => void commit(entity, id).catch(reject), delayMs);
        setWaiting((list) => [...list, { entity, id, timer, resolve }]);
      });
    },
    /** Undoes a waiting delete; false when it was written already. */
    undo(entity: PushEntity, id: string): boolean {
      const found = take(entity, id);
      found?.resolve("undone");
      return Boolean(found);
    },
    /** Whether a delete of the record is waiting (the record is then hidden). */
    isWaiting: (entity: string, id: string) => waiting().some((w) => key(w.entity, w.id) === key(entity, id)),
    /** Writes every waiting delete now (leaving the organisation, logging out). */
    flush: () => Promise.all(waiting().map((w) => commit(w.entity, w.id))).then(() => undefined),
  };
}

export type DeleteQueue = ReturnType<typeof createDeleteQueue>;
