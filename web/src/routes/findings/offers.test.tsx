// What a screen offers equals what the server accepts (issue 8). The server enforces
// shared/permissions.ts (tests/api/permissions.test.ts proves server == model); this file proves
// screen == model for the finding and visit screens: for every role × author (the person
// themselves or someone else) × finding status, the whole app is shown at the record, pulled from
// a mocked server, and what it offers is compared with the rule book's answer for that person and
// record. A few hand-written rows pin the rules themselves, so a drift of the model is caught too.
import "fake-indexeddb/auto";
import { cleanup, screen, waitFor } from "@solidjs/testing-library";
import { IDBFactory } from "fake-indexeddb";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { canCreate, canDelete, canEditField, CX, type Person, type RecordFacts } from "../../../../shared/permissions";
import { ROLES, type Role } from "../../../../shared/roles";
import type { PulledChange } from "../../../../shared/sync/protocol";
import { FINDING_STATUSES, type FindingStatus } from "../../../../shared/enums";
import { fakeServer, json, ORG, pulled, signedIn } from "../../test/fake-server";
import { startApp } from "../../test/start-app";

const OTHER = "u-other";
const LOCATION = "00000000-0000-4000-8000-00000000010c";
const userOf = (role: Role) => `u-${role}`;

type Author = "own" | "other";
const AUTHORS: readonly Author[] = ["own", "other"];

/** Stable ids: one finding per author × status, one visit per author. */
const findingId = (author: Author, status: FindingStatus) => `00000000-0000-4000-8000-0000000f${author === "own" ? "0" : "1"}00${FINDING_STATUSES.indexOf(status)}`;
const visitId = (author: Author) => `00000000-0000-4000-8000-00000000a${author === "own" ? "0" : "1"}00`;
const sawOf = (author: Author, status: FindingStatus) => `Saw (${author}, ${status})`;
const notesOf = (author: Author) => `Notes (${author})`;

function records(role: Role): PulledChange[] {
  const authorId = (author: Author) => (author === "own" ? userOf(role) : OTHER);
  const location = pulled("location", LOCATION, { name: "Utrecht", kind: "store", archived: false }, "u-admin");
  const findings = AUTHORS.flatMap((author) =>
    FINDING_STATUSES.map((status) =>
      pulled(
        "finding",
        findingId(author, status),
        {
          visitId: null,
          mysteryShopId: null,
          journeyStageId: null,
          locationId: null,
          segmentId: null,
          themeId: null,
          saw: sawOf(author, status),
          felt: "",
          expectation: "",
          severity: 3,
          sentiment: "pain",
          level: null,
          status,
          tags: [],
          photos: [],
        },
        authorId(author),
      ),
    ),
  );
  const visits = AUTHORS.map((author) =>
    pulled(
      "visit",
      visitId(author),
      { kind: "floor_walk", locationId: LOCATION, startedAt: "2026-03-01T09:00:00.000Z", endedAt: null, peopleMet: "", notes: notesOf(author) },
      authorId(author),
    ),
  );
  return [location, ...findings, ...visits];
}

/** The app for one person, at the organisation, with a server that answers as the real one would. */
function startAs(role: Role) {
  const server = fakeServer({
    me: signedIn(role),
    changes: records(role),
    members: [
      { userId: userOf(role), name: `Person ${role}`, email: `${role}@example.com`, role },
      { userId: OTHER, name: "Olga Other", email: "other@example.com", role: "executive" },
    ],
    route: ({ method, path }) => (method === "GET" && path.startsWith(`/api/orgs/${ORG}/history/`) ? json(200, { entries: [] }) : undefined),
  });
  startApp(`/o/${ORG}/me`, server);
}

/** Follows an in-app address as the browser's back/forward would: the router reads the location. */
function go(path: string) {
  window.history.pushState(null, "", path);
  window.dispatchEvent(new PopStateEvent("popstate"));
}

const el = <T extends Element>(selector: string) => document.querySelector<T>(selector);

/** Shows the finding (leaving the screen first, so each record gets a fresh screen) once it came from the server. */
async function openFinding(author: Author, status: FindingStatus) {
  go(`/o/${ORG}/me`);
  await waitFor(() => expect(el("#finding-saw")).toBeNull());
  go(`/o/${ORG}/findings/${findingId(author, status)}`);
  await waitFor(() => expect(el<HTMLTextAreaElement>("#finding-saw")?.value).toBe(sawOf(author, status)), { timeout: 15_000 });
}

async function openVisit(author: Author) {
  go(`/o/${ORG}/me`);
  await waitFor(() => expect(el("#visit-notes")).toBeNull());
  go(`/o/${ORG}/visits/${visitId(author)}`);
  await waitFor(() => expect(el<HTMLTextAreaElement>("#visit-notes")?.value).toBe(notesOf(author)), { timeout: 15_000 });
}

/** What the finding screen offers, read from the page. */
function findingOffers() {
  const editable = (id: string) => {
    const field = el<HTMLInputElement | HTMLTextAreaElement>(`#${id}`);
    if (!field) throw new Error(`#${id} is missing`);
    return !field.readOnly;
  };
  const enabled = (id: string) => {
    const field = el<HTMLSelectElement>(`#${id}`);
    if (!field) throw new Error(`#${id} is missing`);
    return !field.disabled;
  };
  const chips = (name: string) => {
    const fieldset = el<HTMLInputElement>(`input[name="${name}"]`)?.closest("fieldset");
    if (!fieldset) throw new Error(`${name} is missing`);
    return !fieldset.disabled;
  };
  const status = el<HTMLSelectElement>("#finding-status");
  return {
    delete: screen.queryByRole("button", { name: "Delete" }) !== null,
    saw: editable("finding-saw"),
    felt: editable("finding-felt"),
    expectation: editable("finding-expectation"),
    severity: chips("finding-severity"),
    sentiment: chips("finding-sentiment"),
    locationId: enabled("finding-location"),
    themeId: enabled("finding-theme"),
    journeyStageId: enabled("finding-stage"),
    segmentId: enabled("finding-segment"),
    level: chips("finding-level"),
    tags: editable("finding-tags"),
    /** The statuses the triage select offers (none when it is not shown). */
    statuses: status && !status.disabled ? [...status.options].map((o) => o.value) : [],
    experiment: screen.queryByRole("link", { name: "Make an experiment of this" }) !== null,
  };
}

/** What the rule book allows the same person on the same record. */
function findingModel(person: Person, facts: RecordFacts) {
  const may = (field: string) => canEditField(person, "finding", facts, field).ok;
  return {
    delete: canDelete(person, "finding", facts).ok,
    saw: may("saw"),
    felt: may("felt"),
    expectation: may("expectation"),
    severity: may("severity"),
    sentiment: may("sentiment"),
    locationId: may("locationId"),
    themeId: may("themeId"),
    journeyStageId: may("journeyStageId"),
    segmentId: may("segmentId"),
    level: may("level"),
    tags: may("tags"),
    experiment: canCreate(person, "experiment").ok,
  };
}

function visitOffers() {
  const editable = (id: string) => {
    const field = el<HTMLTextAreaElement>(`#${id}`);
    if (!field) throw new Error(`#${id} is missing`);
    return !field.readOnly;
  };
  return {
    delete: screen.queryByRole("button", { name: "Delete" }) !== null,
    notes: editable("visit-notes"),
    peopleMet: editable("visit-people"),
    endedAt: screen.queryByRole("button", { name: "Finish visit" }) !== null,
    kind: el("#visit-kind") !== null,
    locationId: el("#visit-location") !== null,
    startedAt: el("#visit-started") !== null,
  };
}

function visitModel(person: Person, facts: RecordFacts) {
  const may = (field: string) => canEditField(person, "visit", facts, field).ok;
  return {
    delete: canDelete(person, "visit", facts).ok,
    notes: may("notes"),
    peopleMet: may("peopleMet"),
    endedAt: may("endedAt"),
    kind: may("kind"),
    locationId: may("locationId"),
    startedAt: may("startedAt"),
  };
}

/**
 * Hand-written rows (issue 8's rules in words): if the rule book drifts, these fail even though
 * screen and model still agree. `saw`/`notes`: the capture text is editable; `theme`: triage fields.
 */
const FINDING_ANCHORS: { role: Role; author: Author; status: FindingStatus; delete: boolean; saw: boolean; theme: boolean }[] = [
  // A director's own finding: theirs to describe (the triage fields too: only the status is
  // triage's alone) and to delete until triage worked on it.
  { role: "executive", author: "own", status: "new", delete: true, saw: true, theme: true },
  { role: "executive", author: "own", status: "triaged", delete: false, saw: true, theme: true },
  { role: "executive", author: "other", status: "new", delete: false, saw: false, theme: false },
  // CX triages anyone's finding and clears away new ones, but does not rewrite what someone else
  // saw, and once triaged a finding is evidence only an admin archives.
  { role: "cx_ops", author: "other", status: "new", delete: true, saw: false, theme: true },
  { role: "cx_ops", author: "other", status: "triaged", delete: false, saw: false, theme: true },
  { role: "cx_ops", author: "other", status: "closed", delete: false, saw: false, theme: true },
  { role: "cx_ops", author: "own", status: "new", delete: true, saw: true, theme: true },
  // Board members read other people's findings.
  { role: "board", author: "other", status: "new", delete: false, saw: false, theme: false },
  { role: "board", author: "own", status: "linked", delete: false, saw: true, theme: true },
  // Admins may do everything.
  { role: "admin", author: "other", status: "closed", delete: true, saw: true, theme: true },
];
const VISIT_ANCHORS: { role: Role; author: Author; delete: boolean; notes: boolean }[] = [
  { role: "executive", author: "own", delete: true, notes: true },
  { role: "executive", author: "other", delete: false, notes: false },
  { role: "cx_ops", author: "other", delete: false, notes: false },
  { role: "board", author: "own", delete: true, notes: true },
  { role: "admin", author: "other", delete: true, notes: true },
];

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});
afterEach(cleanup);

describe("the rule book's hand-written rows", () => {
  it.each(FINDING_ANCHORS)("finding: $role, $author, $status → delete $delete, saw $saw, theme $theme", (row) => {
    const person = { id: userOf(row.role), role: row.role };
    const facts = { authorId: row.author === "own" ? person.id : OTHER, status: row.status };
    expect(canDelete(person, "finding", facts).ok).toBe(row.delete);
    expect(canEditField(person, "finding", facts, "saw").ok).toBe(row.saw);
    expect(canEditField(person, "finding", facts, "themeId").ok).toBe(row.theme);
  });
  it.each(VISIT_ANCHORS)("visit: $role, $author → delete $delete, notes $notes", (row) => {
    const person = { id: userOf(row.role), role: row.role };
    const facts = { authorId: row.author === "own" ? person.id : OTHER, status: null };
    expect(canDelete(person, "visit", facts).ok).toBe(row.delete);
    expect(canEditField(person, "visit", facts, "notes").ok).toBe(row.notes);
  });
});

// One app per role (its first render loads the screens on demand, which is slow in jsdom); then
// every finding and visit of the table is opened in it, each on a fresh screen.
describe("what the finding and visit screens offer equals what the server accepts", { timeout: 60_000 }, () => {
  it.each(ROLES)("for %s", async (role) => {
    startAs(role);
    const person: Person = { id: userOf(role), role };
    const mismatches: string[] = [];
    const compare = (what: string, offered: Record<string, unknown>, allowed: Record<string, unknown>) => {
      for (const [key, value] of Object.entries(allowed)) {
        if (offered[key] !== value) mismatches.push(`${what}: ${key} offered ${String(offered[key])}, the rule book says ${String(value)}`);
      }
    };

    for (const author of AUTHORS) {
      for (const status of FINDING_STATUSES) {
        await openFinding(author, status);
        const offered = findingOffers();
        const facts: RecordFacts = { authorId: author === "own" ? person.id : OTHER, status, backsApprovedCase: false };
        const what = `finding (${role}, ${author}, ${status})`;
        compare(what, offered, findingModel(person, facts));
        // Every status the triage select offers is a move the server accepts; triage roles get the select.
        const refused = offered.statuses.filter((to) => !canEditField(person, "finding", facts, "status", to).ok);
        if (refused.length) mismatches.push(`${what}: status select offers ${refused.join(", ")}, which the rule book refuses`);
        if (CX.includes(role) && offered.statuses.length !== FINDING_STATUSES.length) mismatches.push(`${what}: triage select missing or incomplete (${offered.statuses.join(", ")})`);
        const anchor = FINDING_ANCHORS.find((a) => a.role === role && a.author === author && a.status === status);
        if (anchor) compare(`${what} [anchor]`, offered, { delete: anchor.delete, saw: anchor.saw, themeId: anchor.theme });
      }
    }
    for (const author of AUTHORS) {
      await openVisit(author);
      const offered = visitOffers();
      const facts: RecordFacts = { authorId: author === "own" ? person.id : OTHER, status: null, backsApprovedCase: false };
      const what = `visit (${role}, ${author})`;
      compare(what, offered, visitModel(person, facts));
      const anchor = VISIT_ANCHORS.find((a) => a.role === role && a.author === author);
      if (anchor) compare(`${what} [anchor]`, offered, { delete: anchor.delete, notes: anchor.notes });
    }
    expect(mismatches).toEqual([]);
  });
});
