import { ADMIN, CX, DECIDERS, EVERYONE } from "./abilities";
import type { Role } from "./roles";
import type { BusinessCaseStatus, ExperimentStatus, FindingStatus } from "./enums";
import type { PushEntity } from "./sync/constants";

/**
 * Who may do what: the one rule book. The server enforces it on every write path (sync push,
 * lifecycle moves, imports, restores) and the screens offer exactly what it allows, so a button
 * is shown when, and only when, the server would accept its request. Type imports only: this
 * module ships to the phone and must not pull the validation library with it.
 */

export interface Person {
  id: string;
  role: Role;
}

/** What the rules need to know about a stored record (absent fields are unknown or unset). */
export interface RecordFacts {
  authorId: string;
  /** The record's lifecycle or triage status; a record without one is at the start (new, idea, draft). */
  status?: string | null;
  /** True when a business case before the board or approved rests on the record (its experiments and its KPI). */
  backsApprovedCase?: boolean;
  /** A visit: whether findings made on it are still there (not deleted). */
  hasFindings?: boolean;
}

export type Verdict = { ok: true } | { ok: false; code: "forbidden" | "locked" | "own_proposal"; message: string };

const ALLOW: Verdict = { ok: true };
const forbid = (message: string): Verdict => ({ ok: false, code: "forbidden", message });
const lock = (message: string): Verdict => ({ ok: false, code: "locked", message });

const roleName = (role: Role) => role.replace("_", " ");
const nounOf = (entity: PushEntity) => entity.replace("_", " ");

// ---------------------------------------------------------------------------------------------
// Organisation-wide abilities (screens and routes that are not about one record) live in
// ./abilities.ts, small enough for the app shell's navigation; they are part of this rule book.
export { ADMIN, canDo, CX, DECIDERS, EVERYONE, ORG_ABILITIES, type OrgAbility } from "./abilities";

// ---------------------------------------------------------------------------------------------
// Lifecycle moves: which moves exist and who may make them (shared/*/lifecycle.ts adds what a
// record must hold before a move).

export interface Move<S extends string> {
  from: S;
  to: S;
  roles: readonly Role[];
}

const STOPPERS: readonly Role[] = ["admin", "board", "cx_ops"];

/**
 * `idea → proposed → approved → running → analysing → won | lost | inconclusive → scaled |
 * stopped`, plus sending a proposal back, revising an approved scope, running longer after an
 * analysis, reopening a verdict, and stopping at any point before the end. A move back is how a
 * locked scope or locked results change: it needs a reason and lands in the decision log.
 */
export const EXPERIMENT_MOVES: readonly Move<ExperimentStatus>[] = [
  { from: "idea", to: "proposed", roles: ["admin", "cx_ops", "executive"] },
  { from: "proposed", to: "idea", roles: ["admin", "cx_ops", "board"] },
  { from: "proposed", to: "approved", roles: DECIDERS },
  // Revise: the approved scope opens again, and it needs a new approval.
  { from: "approved", to: "proposed", roles: DECIDERS },
  { from: "approved", to: "running", roles: CX },
  { from: "running", to: "analysing", roles: CX },
  { from: "analysing", to: "running", roles: CX },
  { from: "analysing", to: "won", roles: CX },
  { from: "analysing", to: "lost", roles: CX },
  { from: "analysing", to: "inconclusive", roles: CX },
  // Reopen a verdict: the results open again for correction, and the verdict is made anew.
  ...(["won", "lost", "inconclusive"] as const).map((from) => ({ from, to: "analysing" as const, roles: DECIDERS })),
  // Only a win is scaled up: a lost or inconclusive experiment ends stopped (or, from analysing, runs longer).
  { from: "won", to: "scaled", roles: DECIDERS },
  ...(["idea", "proposed", "approved", "running", "analysing", "won", "lost", "inconclusive"] as const).map((from) => ({ from, to: "stopped" as const, roles: STOPPERS })),
];

/**
 * `draft → submitted → approved | rejected | deferred`; a submitted case can be withdrawn, and
 * a rejected or deferred one revised (back to draft) and submitted again — its history stays.
 */
export const CASE_MOVES: readonly Move<BusinessCaseStatus>[] = [
  { from: "draft", to: "submitted", roles: CX },
  { from: "submitted", to: "draft", roles: CX },
  { from: "submitted", to: "approved", roles: DECIDERS },
  { from: "submitted", to: "rejected", roles: DECIDERS },
  { from: "submitted", to: "deferred", roles: DECIDERS },
  { from: "rejected", to: "draft", roles: CX },
  { from: "deferred", to: "draft", roles: CX },
];

/** The approval of each lifecycle and the move that put the record before the approvers. */
export const APPROVALS = {
  experiment: { proposal: "proposed", approval: "approved" },
  business_case: { proposal: "submitted", approval: "approved" },
} as const;

export interface Separation {
  /** The organisation's setting (on unless an organisation with a single admin switched it off). */
  enforced: boolean;
  /** Who made the move that is being approved (the last move into `proposed` / `submitted`), when known. */
  proposedBy: string | null;
  /** Who wrote the record: what they wrote, they proposed, whoever moved it on. */
  authorId: string | null;
}

/**
 * Separation of duties: nobody approves what they themselves wrote, proposed or submitted. Checked
 * after the move's roles (shared/lifecycle.ts), so a role that may not approve at all hears that.
 */
export function checkSeparation(entity: keyof typeof APPROVALS, from: string, to: string, person: Person, separation: Separation): Verdict {
  const rule = APPROVALS[entity];
  if (!separation.enforced || from !== rule.proposal || to !== rule.approval) return ALLOW;
  if (separation.proposedBy !== person.id && separation.authorId !== person.id) return ALLOW;
  const what = entity === "experiment" ? "an experiment you proposed" : "a business case you submitted";
  return { ok: false, code: "own_proposal", message: `You cannot approve ${what}: another decider must approve it` };
}

/** Separation of duties may be switched off only where nobody else could approve: a single admin. */
export const separationEnforced = (setting: boolean, adminCount: number) => setting || adminCount > 1;

// ---------------------------------------------------------------------------------------------
// Records: create, edit (which fields), delete (archive).

/** An experiment's scope: what the approval was given for. Locked from `approved` on. */
const EXPERIMENT_SCOPE_FIELDS = [
  "findingIds",
  "change",
  "segmentId",
  "journeyStageId",
  "primaryKpiId",
  "expectedLift",
  "guardrailKpiIds",
  "baseline",
  "mde",
  "requiredSampleSize",
  "design",
  "treatmentShare",
  "pilotLocationIds",
  "controlLocationIds",
] as const;
const SCOPE = new Set<string>(EXPERIMENT_SCOPE_FIELDS);
const SCOPE_LOCKED = new Set<string>(["approved", "running", "analysing", "won", "lost", "inconclusive", "scaled", "stopped"]);
/**
 * What the result is read from: the typed figures, and a pilot's window (its measured result is
 * worked out from the KPI's measurements between these dates). The window is set as the pilot
 * starts and ends, after the approval, so it is not scope; it stands with the verdict.
 */
const RESULT_FIELDS = new Set<string>(["results", "pilotStart", "pilotEnd", "preFrom"]);
/** Results stand once a verdict is given: a business case rests on them. */
const RESULTS_LOCKED = new Set<string>(["won", "lost", "inconclusive", "scaled", "stopped"]);

/** What the one who captured a finding describes; the triage fields are the rest. */
const FINDING_TRIAGE_FIELDS = new Set(["status", "themeId", "level", "tags", "journeyStageId", "segmentId"]);
/** Statuses every member may give a finding: recording it, linking a new one to an experiment. */
const OPEN_STATUS_MOVES: readonly [FindingStatus | null, FindingStatus][] = [
  [null, "new"],
  ["new", "new"],
  ["new", "linked"],
  ["linked", "linked"],
];

interface EntityRules {
  create: readonly Role[];
  /** Roles that may edit at all; `editField` narrows it per record and field. */
  edit: readonly Role[];
  delete: readonly Role[];
  /** The author edits their own record even when their role is not among `edit`'s … */
  authorEdits?: boolean;
  /** … and only the author (or a role in `editAny`) edits it at all. */
  editAny?: readonly Role[];
  authorDeletes?: boolean;
  deleteAny?: readonly Role[];
}

const RULES: Record<PushEntity, EntityRules> = {
  // A visit is its director's account of the floor: theirs to write, an admin's to correct.
  visit: { create: EVERYONE, edit: EVERYONE, editAny: ADMIN, authorEdits: true, delete: EVERYONE, deleteAny: ADMIN, authorDeletes: true },
  finding: { create: EVERYONE, edit: EVERYONE, editAny: ADMIN, authorEdits: true, delete: EVERYONE, deleteAny: CX, authorDeletes: true },
  action: { create: EVERYONE, edit: EVERYONE, delete: EVERYONE, deleteAny: CX, authorDeletes: true },
  mystery_template: { create: CX, edit: CX, delete: CX },
  mystery_shop: { create: ["admin", "executive", "cx_ops"], edit: ["admin", "executive", "cx_ops"], editAny: CX, authorEdits: true, delete: ["admin", "executive", "cx_ops"], deleteAny: ADMIN, authorDeletes: true },
  // Executives propose experiments of their own; CX operations and admins run all of them.
  experiment: { create: ["admin", "cx_ops", "executive"], edit: ["admin", "cx_ops", "executive"], editAny: CX, authorEdits: true, delete: ["admin", "cx_ops", "executive"], deleteAny: CX, authorDeletes: true },
  kpi: { create: CX, edit: CX, delete: CX },
  kpi_measurement: { create: CX, edit: CX, delete: CX },
  business_case: { create: CX, edit: CX, delete: CX },
};

/** Whether `person` may create a record of `entity`. */
export function canCreate(person: Person, entity: PushEntity): Verdict {
  return RULES[entity].create.includes(person.role) ? ALLOW : forbid(`Your role (${roleName(person.role)}) may not create ${nounOf(entity)} records`);
}

function mayTouch(person: Person, entity: PushEntity, record: RecordFacts, any: "editAny" | "deleteAny", roles: readonly Role[]): boolean {
  const rules = RULES[entity];
  if (!roles.includes(person.role)) return false;
  const anyRoles = rules[any];
  if (!anyRoles || anyRoles.includes(person.role)) return true;
  const byAuthor = any === "editAny" ? rules.authorEdits : rules.authorDeletes;
  return Boolean(byAuthor) && record.authorId === person.id;
}

/**
 * Whether `person` may set `field` of a stored record to `value` (a new record: `record` null).
 * Returns the first refusal: locks (nobody may) before roles (somebody else may).
 */
export function canEditField(person: Person, entity: PushEntity, record: RecordFacts | null, field: string, value?: unknown): Verdict {
  if (entity === "finding" && field === "recheck") return recheckVerdict(person, record, value);
  if (!record) {
    const created = canCreate(person, entity);
    if (!created.ok) return created;
    if (entity === "finding" && field === "status") return findingStatusMove(person, null, value as FindingStatus);
    return ALLOW;
  }
  const status = record.status ?? null;
  if (entity === "experiment") {
    if (SCOPE.has(field) && status && SCOPE_LOCKED.has(status)) {
      return lock(`The scope of an ${status} experiment is locked: send it back for revision (with a reason) to change ${field}`);
    }
    if (RESULT_FIELDS.has(field) && status && RESULTS_LOCKED.has(status)) {
      return lock(`The results of a ${status} experiment are locked: reopen the verdict (with a reason) to correct ${field === "results" ? "them" : field}`);
    }
  }
  if (entity === "business_case" && (status ?? "draft") !== "draft") {
    return lock("A business case can only be changed as a draft: withdraw or revise it first");
  }
  if (entity === "finding") {
    // Triage roles work on anyone's finding, but only on its triage fields (admins on all).
    const triage = FINDING_TRIAGE_FIELDS.has(field) && CX.includes(person.role);
    if (!triage && !mayTouch(person, entity, record, "editAny", RULES.finding.edit)) {
      return forbid("Only the person who captured this finding, or an admin, may change what it describes");
    }
    if (field === "status") return findingStatusMove(person, status as FindingStatus | null, value as FindingStatus);
    return ALLOW;
  }
  if (!mayTouch(person, entity, record, "editAny", RULES[entity].edit)) {
    return RULES[entity].edit.includes(person.role)
      ? forbid(`Only its author${RULES[entity].editAny ? ` or ${RULES[entity].editAny!.map(roleName).join(" or ")}` : ""} may change this ${nounOf(entity)}`)
      : forbid(`Your role (${roleName(person.role)}) may not change ${nounOf(entity)} records`);
  }
  return ALLOW;
}

/**
 * Looking at an earlier finding again ("fixed", "still seen") is part of anyone's visit, so every
 * member records it on anyone's finding — in their own name only; the rest of the finding stays
 * its author's. Clearing it is triage's call. (No value: whether recording one is offered at all.)
 */
function recheckVerdict(person: Person, record: RecordFacts | null, value: unknown): Verdict {
  const created = canCreate(person, "visit");
  if (!created.ok) return created;
  if (value === undefined) return ALLOW;
  if (value === null) return !record || CX.includes(person.role) ? ALLOW : forbid("Only CX operations or an admin clear a recheck");
  const by = typeof value === "object" ? (value as { by?: unknown }).by : undefined;
  return by === person.id ? ALLOW : forbid("A recheck is recorded in the name of the person who makes it");
}

/** Triage goes new → triaged → linked → closed; only triage roles move a finding out of triaged or closed. */
function findingStatusMove(person: Person, from: FindingStatus | null, to: FindingStatus | undefined): Verdict {
  if (to === undefined || CX.includes(person.role)) return ALLOW;
  if (OPEN_STATUS_MOVES.some(([a, b]) => a === from && b === to)) return ALLOW;
  return forbid("Only CX operations or an admin triage findings");
}

/** Whether `person` may change every one of `fields` (name → new value) of a record; the first refusal. */
export function canEdit(person: Person, entity: PushEntity, record: RecordFacts | null, fields: Record<string, unknown>): Verdict {
  if (!record && Object.keys(fields).length === 0) return canCreate(person, entity);
  for (const [field, value] of Object.entries(fields)) {
    const verdict = canEditField(person, entity, record, field, value);
    if (!verdict.ok) return verdict;
  }
  return ALLOW;
}

/** Whether a screen may offer editing any field of this record (for read-only forms). */
export function canEditSomething(person: Person, entity: PushEntity, record: RecordFacts | null): boolean {
  if (!record) return canCreate(person, entity).ok;
  if (entity === "business_case") return canEditField(person, entity, record, "title").ok;
  if (entity === "finding") return canEditField(person, entity, record, "saw").ok || canEditField(person, entity, record, "themeId").ok;
  return canEditField(person, entity, record, entity === "visit" ? "notes" : "title").ok;
}

const FINDING_TRIAGED = new Set(["triaged", "linked", "closed"]);

/** Whether `person` may delete (archive) a record. Archived records can be restored for 90 days. */
export function canDelete(person: Person, entity: PushEntity, record: RecordFacts): Verdict {
  const status = record.status ?? null;
  if (record.backsApprovedCase) return lock(`A business case before the board or approved rests on this ${nounOf(entity)}: it cannot be deleted`);
  // A visit is where its findings were seen: it goes only once they have gone, each deleted
  // under its own rules (a triaged finding is evidence, and not its author's to delete).
  if (entity === "visit" && record.hasFindings) return lock("A visit with findings cannot be deleted: delete its findings first");
  if (entity === "business_case" && status === "approved") return lock("An approved business case cannot be deleted");
  // What the board saw and decided on stays as it was: only a draft is deleted.
  if (entity === "business_case" && (status ?? "draft") !== "draft") return lock("A business case can only be deleted as a draft: withdraw or revise it first");
  if (!mayTouch(person, entity, record, "deleteAny", RULES[entity].delete)) {
    return forbid(`Your role (${roleName(person.role)}) may not delete this ${nounOf(entity)}`);
  }
  // Once triage has worked on a finding it is evidence: only an admin archives it (CX operations
  // clear away new ones that are blank or doubles; the author their own until it is triaged).
  if (entity === "finding" && status && FINDING_TRIAGED.has(status) && !ADMIN.includes(person.role)) {
    return forbid("A triaged, linked or closed finding can only be archived by an admin");
  }
  // An experiment the organisation has approved is no longer its proposer's to delete.
  if (entity === "experiment" && status && status !== "idea" && status !== "proposed" && !CX.includes(person.role)) {
    return forbid("Only CX operations or an admin may delete an approved experiment");
  }
  return ALLOW;
}

/** Cases whose evidence must stay: those before the board (it decides on them) and the approved ones. */
const CASES_RESTING = new Set(["submitted", "approved"]);

/**
 * Which business cases make records undeletable: submitted and approved ones protect the
 * experiments they rest on and the KPI they are tracked on.
 */
export function approvedCaseDependencies(cases: Iterable<{ status?: string | null; experimentIds?: readonly string[] | null; kpiId?: string | null }>) {
  const experiments = new Set<string>();
  const kpis = new Set<string>();
  for (const c of cases) {
    if (!CASES_RESTING.has(c.status ?? "")) continue;
    for (const id of c.experimentIds ?? []) experiments.add(id);
    if (c.kpiId) kpis.add(c.kpiId);
  }
  return { experiments, kpis };
}

// ---------------------------------------------------------------------------------------------
// Benefit tracking: once the board has approved a case, its owner answers for what it delivers.

/** What the benefit rules need to know about a business case. */
export interface CaseOwnership {
  authorId: string;
  status?: string | null;
  ownerId?: string | null;
}

/** Who answers for a case's benefits: its owner, or its author while it names none. */
export const benefitOwnerOf = (theCase: CaseOwnership) => theCase.ownerId ?? theCase.authorId;

/**
 * Whether `person` may set an approved case's go-live, ramp-up and measurement scope and record
 * its actuals per quarter: its owner and admins — the figures the board reads are someone's to
 * answer for, not anyone's to improve.
 */
export function canTrackBenefits(person: Person, theCase: CaseOwnership): Verdict {
  if (theCase.status !== "approved") return lock("Benefits are tracked once the board has approved the case");
  if (ADMIN.includes(person.role) || benefitOwnerOf(theCase) === person.id) return ALLOW;
  return forbid("Only the case's owner or an admin may record its benefits");
}
