import { useNavigate, useParams } from "@solidjs/router";
import { createMemo, createSignal, type Accessor } from "solid-js";
import { useOrg } from "../context";
import { orgHref } from "../nav";
import { useLocal } from "./local/context";
import type { Entity, EntityFields, PullEntity, PushEntity } from "./local/types";

type Fields<E extends PushEntity> = Partial<EntityFields[E]>;

export interface DraftRecordOptions<E extends PullEntity & PushEntity> {
  entity: E;
  /** The screen's list of these records, where the new one shows up once it is saved. */
  list: Accessor<Entity<E>[]>;
  /** Where the records live in the organisation: `cases` for `cases/new` and `cases/<id>`. */
  path: string;
  /**
   * The whole record the first save creates, from the changes made so far — every field in one
   * change, so the server never sees half a record. `null` while it cannot exist yet (a KPI
   * without a name, a finding with nothing described): the changes are held, and the record is
   * created by a later save, with them.
   */
  first: (changes: Fields<E>) => Fields<E> | null;
  /** What follows the creation on this device (an experiment links its findings). */
  created?: (first: Fields<E>) => Promise<void>;
  /** The id the new record will have (a fresh one when not given). */
  draftId?: string;
}

/** What a screen needs to edit a record that may not exist yet. */
export interface DraftRecord<E extends PullEntity & PushEntity> {
  /** The record's id: the one generated for `…/new`, or the one in the address. */
  id: Accessor<string>;
  /** Whether the screen was opened as `…/new` (it stays so once the new record is saved). */
  isDraft: Accessor<boolean>;
  /** The saved record, once there is one on this device. */
  record: Accessor<Entity<E> | undefined>;
  /** Whether the last save could not be written to this device. */
  failed: Accessor<boolean>;
  /** Writes changes to this device: the first one creates the record, later ones wait for it. */
  save(changes: Fields<E>): Promise<void>;
  /** Changes made while the record cannot exist yet (`first` said null): shown, not stored, until it can. */
  held: Accessor<Fields<E>>;
  /** Resolves once every save asked so far has finished. */
  settled(): Promise<void>;
}

/** What the draft needs from around it: the address's id, the device's store and the address bar. */
export interface DraftWiring<E extends PushEntity> {
  routeId: Accessor<string>;
  change: (id: string, fields: Fields<E>) => Promise<unknown>;
  /** Shows the saved record's own address in place of `…/new`. */
  showSaved: (id: string) => void;
}

/**
 * "A new record becomes a saved record", for the screens that create as they edit (`cases/new`,
 * `experiments/new`, …). Nothing typed is lost: every save goes to this device (so it works
 * offline), the first creates the record, and the address then becomes the record's own without
 * a new history entry and without moving focus from the field being typed in.
 */
export function createDraftRecord<E extends PullEntity & PushEntity>(options: DraftRecordOptions<E>): DraftRecord<E> {
  const { store } = useLocal();
  const navigate = useNavigate();
  const params = useParams<{ id: string }>();
  const org = useOrg();
  return draftRecord(options, {
    routeId: () => params.id,
    change: (id, fields) => store.change(options.entity, id, fields),
    showSaved: (id) => navigate(orgHref(org().orgId, `${options.path}/${id}`), { replace: true, scroll: false, state: { keepFocus: true } }),
  });
}

/** The draft without the screen around it (`createDraftRecord` wires it to the router and the store). */
export function draftRecord<E extends PullEntity & PushEntity>(options: DraftRecordOptions<E>, wiring: DraftWiring<E>): DraftRecord<E> {
  const draftId = options.draftId ?? crypto.randomUUID();
  const isDraft = () => wiring.routeId() === "new" || wiring.routeId() === draftId;
  const id = () => (wiring.routeId() === "new" ? draftId : wiring.routeId());
  const record = createMemo(() => options.list().find((r) => r.id === id()));
  const [failed, setFailed] = createSignal(false);

  const [held, setHeld] = createSignal<Fields<E>>({});
  let last: Promise<unknown> = Promise.resolve();

  // Edits made while the record is being created wait for it, so none arrives before it exists.
  let creation: Promise<unknown> | undefined;
  function save(changes: Fields<E>): Promise<void> {
    const saving = write(changes);
    last = Promise.all([last, saving]);
    return saving;
  }
  async function write(changes: Fields<E>) {
    setFailed(false);
    try {
      if (!record() && !creation) {
        const soFar = { ...held(), ...changes };
        const first = options.first(soFar);
        if (!first) {
          setHeld(() => soFar);
          return;
        }
        setHeld(() => ({}));
        creation = wiring.change(id(), first);
        await creation;
        if (wiring.routeId() === "new") wiring.showSaved(id());
        await options.created?.(first);
        return;
      }
      await creation;
      await wiring.change(id(), changes);
    } catch {
      setFailed(true);
    }
  }

  return { id, isDraft, record, failed, save, held, settled: () => last.then(() => undefined) };
}
