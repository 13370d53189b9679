import { createMemo, createSignal, onCleanup, type Accessor } from "solid-js";
import { approvedCaseDependencies, canCreate, canDelete, canEditField, CX, type RecordFacts } from "../../../shared/permissions";
import type { PushEntity } from "../../../shared/sync/constants";
import { useApp, useOrg } from "../context";
import { useLocal, useRecords } from "./local/context";
import type { Entity, PullEntity } from "./local/types";

/**
 * The records of an entity for a screen: `all()` never suspends (it keeps the previous list
 * while a newer one loads, so a field being typed in is not torn down by a sync), and
 * `loaded()` tells the first load apart from an empty list. Before the device's first sync
 * has finished nothing is loaded: half the organisation's records would tell wrong facts
 * ("no open actions").
 */
export function useList<E extends PullEntity>(entity: E, wanted: () => boolean = () => true) {
  const firstSync = useFirstSync();
  // `wanted`: a list a screen needs only sometimes is not read from the device until it does.
  const records = useRecords(entity, () => !firstSync() && wanted());
  const { deletes } = useLocal();
  const loaded = () => !firstSync() && (records.state === "ready" || records.state === "refreshing");
  return {
    // A record whose delete waits out its undo moment is already gone from the screens.
    all: (): Entity<E>[] => ((loaded() ? records.latest : undefined) ?? []).filter((r) => !deletes.isWaiting(entity, r.id)),
    loaded,
    error: () => (records.state === "errored" ? (records.error as unknown) : null),
  };
}

/**
 * Whether this device is still waiting for its first sync with the server to finish. A memo: the
 * sync status changes on every count and run, and a list should redraw only when this flips.
 */
export function useFirstSync(): Accessor<boolean> {
  const { sync } = useLocal();
  return createMemo(() => sync.status().lastSyncAt === null);
}

/** One record by id, from a list the screen already has. */
export function byId<T extends { id: string }>(list: Accessor<T[]>) {
  const map = createMemo(() => new Map(list().map((item) => [item.id, item])));
  return (id: string | null | undefined) => (id ? map().get(id) : undefined);
}

/** What the rule book needs to know about a record on the device. */
export function factsOf(record: { authorId: string; status?: string | null | undefined }, backsApprovedCase = false): RecordFacts {
  return { authorId: record.authorId, status: record.status ?? null, backsApprovedCase };
}

/**
 * The logged-in person's id and role in this organisation, and what they may do, asked of the
 * one rule book the server enforces (shared/permissions.ts): a screen offers exactly what the
 * server would accept.
 */
export function useMe() {
  const { session } = useApp();
  const org = useOrg();
  const { store } = useLocal();
  const person = () => ({ id: session.session()?.user.id ?? store.userId, role: org().role });
  return {
    id: () => person().id,
    role: () => org().role,
    person,
    /** CX operations and admins triage findings (new → triaged → linked → closed). */
    canTriage: () => CX.includes(org().role),
    mayCreate: (entity: PushEntity) => canCreate(person(), entity).ok,
    /** Whether a field of a record (undefined: one not created yet) may be set, to `value` when given. */
    mayEdit: (entity: PushEntity, record: RecordFacts | undefined | null, field: string, value?: unknown) => canEditField(person(), entity, record ?? null, field, value).ok,
    mayDelete: (entity: PushEntity, record: RecordFacts) => canDelete(person(), entity, record).ok,
  };
}

/** A value that changes every `ms` milliseconds, for "2 min ago" texts. */
export function useNow(ms = 30_000): Accessor<Date> {
  const [now, setNow] = createSignal(new Date());
  const timer = setInterval(() => setNow(new Date()), ms);
  onCleanup(() => clearInterval(timer));
  return now;
}

/**
 * The experiments and KPIs an approved business case rests on (nobody deletes those), from the
 * cases on this device, as the server judges it from its own.
 */
export function useApprovedCaseDependencies() {
  const cases = useList("business_case");
  return createMemo(() => approvedCaseDependencies(cases.all()));
}
