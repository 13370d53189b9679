import { and, eq, inArray, isNull } from "drizzle-orm";
import { CREATE_DEFAULTS } from "../../shared/defaults";
import type { FieldConflict } from "../../shared/history";
import { approvedCaseDependencies, canDelete, canEdit, canEditSomething, type RecordFacts } from "../../shared/permissions";
import type { Role } from "../../shared/roles";
import { MAX_CLOCK_AHEAD_MS, parseHlc } from "../../shared/sync/hlc";
import { applyChange, emptyRecord, type RecordState } from "../../shared/sync/merge";
import { formatCursor, mutationSchema, type Mutation, type MutationResult, type PushResponse } from "../../shared/sync/protocol";
import type { Db } from "../db/client";
import { businessCases, findings, kpis, locations, memberships, syncMutations } from "../db/schema";
import { outOfRange, RANGE_PROBLEM_TEXT, rangeProblem, type KpiRangeFacts } from "../../shared/kpi/range";
import { zodIssues } from "../http/errors";
import type { Tx } from "../orgs/create";
import { partialFields, refIds, refTarget, SYNC_ENTITIES, type RefTarget, type SyncTable } from "./entities";
import { currentSeq } from "./sequence";
import { loadShopPlaces, misplacedShop, type ShopPlaces } from "./shop-places";
import type { LocationKind } from "../../shared/enums";
import { SETTING_TABLES, storedState, writeRecords, type StoredState } from "./write";
import type { PushEntity } from "../../shared/sync/constants";

export interface PushContext {
  orgId: string;
  userId: string;
  role: Role;
  clientId: string;
  now: Date;
}

/** A record as the batch sees it: what is stored (null for a new one) and its merged state so far. */
interface Working {
  entity: PushEntity;
  id: string;
  before: StoredState | null;
  state: RecordState;
  dirty: boolean;
  conflicts: FieldConflict[];
}

class Rejection extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const CHUNK = 400;
function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}


/** Ids (of one reference kind) that exist in the organisation, looked up in bulk. */
async function existingRefs(tx: Tx, orgId: string, target: RefTarget, ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks(ids)) {
    let rows: { id: string }[];
    if (target === "member") {
      rows = await tx
        .select({ id: memberships.userId })
        .from(memberships)
        .where(and(eq(memberships.orgId, orgId), inArray(memberships.userId, part)));
    } else {
      const table = (target in SETTING_TABLES ? SETTING_TABLES[target as keyof typeof SETTING_TABLES] : SYNC_ENTITIES[target as PushEntity].table) as typeof locations;
      rows = await tx.select({ id: table.id }).from(table).where(and(eq(table.orgId, orgId), inArray(table.id, part)));
    }
    for (const row of rows) found.add(row.id);
  }
  return found;
}

/**
 * Applies a batch of mutations in one transaction. Reads are done in bulk up front, the
 * mutations are merged in memory in order (so later ones in the batch see earlier ones),
 * and every changed record is written once at the end: a batch costs a handful of
 * statements, not a handful per mutation.
 */
export async function pushMutations(db: Db, ctx: PushContext, raw: unknown[]): Promise<PushResponse> {
  return db.transaction(
    async (tx) => {
      const results: MutationResult[] = [];
      const parsed: (Mutation | null)[] = raw.map((item) => {
        const result = mutationSchema.safeParse(item);
        return result.success ? result.data : null;
      });
      const valid = parsed.filter((m): m is Mutation => m !== null);

      const seen = new Set<string>();
      for (const part of chunks(valid.map((m) => m.id))) {
        const rows = await tx
          .select({ id: syncMutations.id })
          .from(syncMutations)
          .where(and(eq(syncMutations.orgId, ctx.orgId), inArray(syncMutations.id, part)));
        for (const row of rows) seen.add(row.id);
      }

      // Current state of every record the batch touches, from any organisation: an id that
      // belongs to another organisation must be refused, not overwritten.
      const working = new Map<string, Working>();
      const foreign = new Set<string>();
      for (const entityName of Object.keys(SYNC_ENTITIES) as PushEntity[]) {
        const entity = SYNC_ENTITIES[entityName];
        const table = entity.table as SyncTable & typeof import("../db/schema").visits;
        const ids = [...new Set(valid.filter((m) => m.entity === entityName).map((m) => m.entityId))];
        for (const part of chunks(ids)) {
          const rows = await tx.select().from(table).where(inArray(table.id, part));
          for (const row of rows) {
            if (row.orgId !== ctx.orgId) foreign.add(row.id);
            else {
              const before = storedState(entity, row as Record<string, unknown>);
              working.set(`${entityName}:${row.id}`, { entity: entityName, id: row.id, before, state: before.state, dirty: false, conflicts: [] });
            }
          }
        }
      }
      // Records an approved business case rests on cannot be deleted: look them up when the batch deletes any.
      const protectedIds = valid.some((m) => m.op === "delete") ? await approvedCaseRecords(tx, ctx.orgId) : { experiments: new Set<string>(), kpis: new Set<string>() };
      // A visit with findings cannot be deleted: the stored findings of visits the batch deletes.
      const visitFindings = await findingsOfVisits(
        tx,
        ctx.orgId,
        valid.filter((m) => m.op === "delete" && m.entity === "visit").map((m) => m.entityId),
      );

      const refsWanted = new Map<RefTarget, Set<string>>();
      for (const m of valid) {
        const entity = SYNC_ENTITIES[m.entity];
        for (const [field, spec] of Object.entries(entity.refs)) {
          const target = refTarget(spec);
          for (const id of refIds(m.fields[field], spec)) {
            if (!refsWanted.has(target)) refsWanted.set(target, new Set());
            refsWanted.get(target)!.add(id);
          }
        }
      }
      const refsKnown = new Map<RefTarget, Set<string>>();
      for (const [target, ids] of refsWanted) refsKnown.set(target, await existingRefs(tx, ctx.orgId, target, [...ids]));
      const kpiRanges = await kpiRangesOf(tx, ctx.orgId, valid, working);

      // What shops name: a template is run only at the kinds of location it is made for.
      const shopPlaces = await loadShopPlaces(tx, ctx.orgId, valid, (id) => working.get(`mystery_shop:${id}`)?.state.fields);

      const now = ctx.now.toISOString();
      const applied: Mutation[] = [];
      for (const [index, m] of parsed.entries()) {
        const itemId = m?.id ?? idOf(raw[index]);
        if (!m) {
          const issues = zodIssues(mutationSchema.safeParse(raw[index]).error!);
          results.push({ id: itemId, status: "rejected", error: { code: "validation_failed", message: describe(issues) } });
          continue;
        }
        if (seen.has(m.id)) {
          results.push({ id: m.id, status: "duplicate" });
          continue;
        }
        try {
          const conflicts = applyOne(m, ctx, working, foreign, refsKnown, protectedIds, visitFindings, shopPlaces, kpiRanges);
          seen.add(m.id);
          applied.push(m);
          results.push(conflicts.length > 0 ? { id: m.id, status: "applied", conflicts } : { id: m.id, status: "applied" });
        } catch (err) {
          if (!(err instanceof Rejection)) throw err;
          results.push({ id: m.id, status: "rejected", error: { code: err.code, message: err.message } });
        }
      }

      // A record whose only news is a lost conflict is written too: the history keeps the losing text.
      const writes = [...working.values()].filter((w) => w.dirty || w.conflicts.length > 0);
      await writeRecords(
        tx,
        { orgId: ctx.orgId, userId: ctx.userId, now: ctx.now },
        writes.map((w) => ({ entity: w.entity, id: w.id, before: w.before, state: w.state, conflicts: w.conflicts })),
      );
      for (const part of chunks(applied)) {
        await tx.insert(syncMutations).values(
          part.map((m) => ({ orgId: ctx.orgId, id: m.id, entity: m.entity, entityId: m.entityId, clientId: ctx.clientId, userId: ctx.userId, receivedAt: now })),
        );
      }
      return { results, cursor: formatCursor(await currentSeq(tx)) };
    },
    { behavior: "immediate" },
  );
}

function idOf(item: unknown): string {
  const id = item && typeof item === "object" ? (item as { id?: unknown }).id : undefined;
  return typeof id === "string" ? id.slice(0, 100) : "";
}

function describe(issues: { path: string; message: string }[]) {
  return issues.map((i) => `${i.path}: ${i.message}`).join("; ");
}

/**
 * The valid range of every stored KPI a batch's measurements may be written to (the KPI each
 * names, or the one it already belongs to); a KPI the batch itself changes is read from `working`.
 */
async function kpiRangesOf(tx: Tx, orgId: string, mutations: Mutation[], working: Map<string, Working>): Promise<Map<string, KpiRangeFacts>> {
  const ids = new Set<string>();
  for (const m of mutations) {
    if (m.entity !== "kpi_measurement" || m.op !== "upsert") continue;
    if (typeof m.fields.kpiId === "string") ids.add(m.fields.kpiId);
    const stored = working.get(`kpi_measurement:${m.entityId}`)?.state.fields.kpiId;
    if (typeof stored === "string") ids.add(stored);
  }
  const ranges = new Map<string, KpiRangeFacts>();
  for (const part of chunks([...ids])) {
    const rows = await tx
      .select({ id: kpis.id, unit: kpis.unit, minValue: kpis.minValue, maxValue: kpis.maxValue })
      .from(kpis)
      .where(and(eq(kpis.orgId, orgId), inArray(kpis.id, part)));
    for (const { id, ...facts } of rows) ranges.set(id, facts as KpiRangeFacts);
  }
  return ranges;
}

/**
 * Refuses a change that leaves a value outside its KPI's valid range (a percentage above 100),
 * or a KPI with a range that cannot hold (its minimum above its maximum). Only a change that
 * touches the value, its KPI or the range is checked: an older measurement outside a range set
 * later still takes a new note.
 */
function checkRange(m: Mutation, state: RecordState, working: Map<string, Working>, kpiRanges: Map<string, KpiRangeFacts>) {
  if (m.op !== "upsert") return;
  if (m.entity === "kpi" && ["unit", "minValue", "maxValue"].some((field) => field in m.fields)) {
    const problem = rangeProblem(state.fields as KpiRangeFacts);
    if (problem) throw new Rejection("validation_failed", RANGE_PROBLEM_TEXT[problem]);
  }
  if (m.entity === "kpi_measurement" && ("value" in m.fields || "kpiId" in m.fields)) {
    const { value, kpiId } = state.fields;
    if (typeof value !== "number" || typeof kpiId !== "string") return;
    const kpi = (working.get(`kpi:${kpiId}`)?.state.fields as KpiRangeFacts | undefined) ?? kpiRanges.get(kpiId);
    const outside = kpi ? outOfRange(value, kpi) : null;
    if (outside) throw new Rejection("out_of_range", `value: ${value} is ${outside.side === "above" ? "more" : "less"} than ${outside.bound}, the ${outside.side === "above" ? "most" : "least"} this KPI can be`);
  }
}

/** The experiments and KPIs the organisation's submitted and approved business cases rest on. */
async function approvedCaseRecords(tx: Tx, orgId: string) {
  const rows = await tx
    .select({ status: businessCases.status, experimentIds: businessCases.experimentIds, kpiId: businessCases.kpiId })
    .from(businessCases)
    .where(and(eq(businessCases.orgId, orgId), inArray(businessCases.status, ["submitted", "approved"]), isNull(businessCases.deletedAt)));
  return approvedCaseDependencies(rows);
}

/** The live findings stored for each of these visits (visit id → finding ids). */
async function findingsOfVisits(tx: Tx, orgId: string, visitIds: string[]): Promise<Map<string, Set<string>>> {
  const byVisit = new Map<string, Set<string>>();
  for (const part of chunks([...new Set(visitIds)])) {
    const rows = await tx
      .select({ id: findings.id, visitId: findings.visitId })
      .from(findings)
      .where(and(eq(findings.orgId, orgId), inArray(findings.visitId, part), isNull(findings.deletedAt)));
    for (const row of rows) {
      if (!row.visitId) continue;
      if (!byVisit.has(row.visitId)) byVisit.set(row.visitId, new Set());
      byVisit.get(row.visitId)!.add(row.id);
    }
  }
  return byVisit;
}

/** Whether a visit still has findings, as the batch has left them so far (a finding deleted or moved earlier in it counts no more). */
function visitHasFindings(visitId: string, working: Map<string, Working>, stored: Map<string, Set<string>>): boolean {
  const onVisit = (w: Working) => w.state.deletedAt === null && w.state.fields.visitId === visitId;
  for (const id of stored.get(visitId) ?? []) {
    const w = working.get(`finding:${id}`);
    if (!w || onVisit(w)) return true;
  }
  for (const w of working.values()) if (w.entity === "finding" && onVisit(w)) return true;
  return false;
}

/** What the rule book needs to know about a stored record. */
function factsOf(w: Working, userId: string, protectedIds: { experiments: Set<string>; kpis: Set<string> }): RecordFacts {
  const status = (w.before?.server.status ?? w.state.fields.status ?? null) as string | null;
  const backsApprovedCase = (w.entity === "experiment" && protectedIds.experiments.has(w.id)) || (w.entity === "kpi" && protectedIds.kpis.has(w.id));
  // A record created earlier in this batch is the pusher's own.
  return { authorId: w.before?.authorId ?? userId, status, backsApprovedCase };
}

/** A new record's push with the fields it left out that have an obvious start (shared/defaults.ts), stamped with its clock. */
function withCreateDefaults(m: Mutation): Mutation {
  const defaults = CREATE_DEFAULTS[m.entity];
  if (!defaults) return m;
  const missing = Object.entries(defaults).filter(([name]) => m.fields[name] === undefined || m.fields[name] === null);
  return missing.length === 0 ? m : { ...m, fields: { ...m.fields, ...Object.fromEntries(missing) } };
}

const CONFLICT_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Text fields this change loses to another device's newer edit made in the last 24 hours: the
 * merge keeps the newer text, and the device that lost hears of it with both texts.
 */
function lostTexts(current: Working, m: Mutation, now: Date): FieldConflict[] {
  const conflicts: FieldConflict[] = [];
  const mine = parseHlc(m.hlc)!;
  const texts = SYNC_ENTITIES[m.entity].texts;
  for (const [field, value] of Object.entries(m.fields)) {
    if (!texts.includes(field)) continue;
    const kept = current.state.fields[field];
    const clock = current.state.clocks[field];
    if (typeof value !== "string" || typeof kept !== "string" || value === kept || !clock || clock <= m.hlc) continue;
    const theirs = parseHlc(clock);
    if (!theirs || theirs.node === mine.node || theirs.millis < now.getTime() - CONFLICT_WINDOW_MS) continue;
    conflicts.push({ field, kept, lost: value });
  }
  return conflicts;
}

/**
 * A shop that starts, or moves to another template or location, must be at a kind of location its
 * template is made for. A shop that keeps both (answers, completing) is left alone, so one started
 * before templates named their kinds can still be finished.
 */
function checkShopPlace(fields: Record<string, unknown>, current: Working | undefined, working: Map<string, Working>, places: ShopPlaces) {
  const stored = current?.state.fields ?? {};
  const moves = (name: "templateId" | "locationId") => fields[name] !== undefined && fields[name] !== stored[name];
  if (current && !moves("templateId") && !moves("locationId")) return;
  const templateId = fields.templateId ?? stored.templateId;
  const locationId = fields.locationId ?? stored.locationId;
  if (typeof templateId !== "string" || typeof locationId !== "string") return;
  // A template written earlier in the same batch counts as the batch leaves it.
  const inBatch = working.get(`mystery_template:${templateId}`);
  const kinds = inBatch ? (inBatch.state.fields.locationKinds as LocationKind[] | null | undefined) : places.templateKinds.get(templateId);
  const problem = misplacedShop(kinds, places.locationKinds.get(locationId));
  if (problem) throw new Rejection("wrong_location_kind", problem);
}

function applyOne(
  m: Mutation,
  ctx: PushContext,
  working: Map<string, Working>,
  foreign: Set<string>,
  refsKnown: Map<RefTarget, Set<string>>,
  protectedIds: { experiments: Set<string>; kpis: Set<string> },
  visitFindings: Map<string, Set<string>>,
  shopPlaces: ShopPlaces,
  kpiRanges: Map<string, KpiRangeFacts>,
): FieldConflict[] {
  const entity = SYNC_ENTITIES[m.entity];
  const hlc = parseHlc(m.hlc)!;
  if (hlc.millis > ctx.now.getTime() + MAX_CLOCK_AHEAD_MS) {
    throw new Rejection("clock_ahead", "The device clock is more than 10 minutes ahead of the server; correct the device's time");
  }
  if (foreign.has(m.entityId)) throw new Rejection("not_found", "No such record in this organisation");

  const key = `${m.entity}:${m.entityId}`;
  const current = working.get(key);
  if (current?.before?.purgedOn) throw new Rejection("not_found", "This record was purged from the archive");
  const person = { id: ctx.userId, role: ctx.role };
  const facts = current ? factsOf(current, ctx.userId, protectedIds) : null;
  if (m.op === "delete") {
    // A record that never reached the server (made and deleted on a device) is already gone:
    // the delete is done, and writes nothing — no empty tombstone for the archive.
    if (!facts) return [];
    const hasFindings = m.entity === "visit" && visitHasFindings(m.entityId, working, visitFindings);
    const verdict = canDelete(person, m.entity, { ...facts, hasFindings });
    if (!verdict.ok) throw new Rejection(verdict.code, verdict.message);
  } else {
    const checked = partialFields(entity).safeParse(m.fields);
    if (!checked.success) throw new Rejection("validation_failed", describe(zodIssues(checked.error)));
    let fields = checked.data as Record<string, unknown>;
    if (!canEdit(person, m.entity, facts, fields).ok) {
      // A device may send a whole record back, locked fields included, with the values they
      // already hold: those change nothing, so they are not refused — but not applied either,
      // or they would move the fields' clocks and win over someone's real edit.
      const changes = Object.fromEntries(Object.entries(fields).filter(([name, value]) => JSON.stringify(value) !== JSON.stringify(current?.state.fields[name] ?? null)));
      const verdict = canEdit(person, m.entity, facts, changes);
      if (!verdict.ok) throw new Rejection(verdict.code, verdict.message);
      fields = changes;
    }
    if (facts && Object.keys(fields).length === 0 && !canEditSomething(person, m.entity, facts)) {
      throw new Rejection("forbidden", `Your role may not change this ${m.entity.replace("_", " ")}`);
    }
    for (const [field, spec] of Object.entries(entity.refs)) {
      const target = refTarget(spec);
      for (const value of refIds(fields[field], spec)) {
        const inBatch = target !== "member" && target in SYNC_ENTITIES && working.has(`${target}:${value}`);
        if (!inBatch && !refsKnown.get(target)?.has(value)) {
          throw new Rejection("invalid_reference", `${field} does not name a ${target.replace("_", " ")} of this organisation`);
        }
      }
    }
    m = { ...m, fields };
    if (m.entity === "mystery_shop") checkShopPlace(fields, current, working, shopPlaces);
  }
  if (!current && m.op === "upsert") m = withCreateDefaults(m);
  const conflicts = current && m.op === "upsert" ? lostTexts(current, m, ctx.now) : [];
  const { state, changed } = applyChange(current?.state ?? emptyRecord(), m);
  if (!current && m.op === "upsert") {
    const missing = entity.required.filter((name) => state.fields[name] === undefined || state.fields[name] === null);
    if (missing.length > 0) throw new Rejection("missing_fields", `A new ${m.entity.replace("_", " ")} needs: ${missing.join(", ")}`);
  }
  checkRange(m, state, working, kpiRanges);
  working.set(key, {
    entity: m.entity,
    id: m.entityId,
    before: current?.before ?? null,
    state,
    dirty: (current?.dirty ?? false) || changed || !current,
    conflicts: [...(current?.conflicts ?? []), ...conflicts],
  });
  return conflicts;
}
