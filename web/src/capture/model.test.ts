import { describe, expect, it } from "vitest";
import {
  asksSeverity,
  compareActions,
  filterFindings,
  filterVisits,
  fold,
  inPeriod,
  isBlankFinding,
  isOverdue,
  localDate,
  matchesText,
  newFindingFields,
  openActionsOf,
  openAtLocation,
  parseTags,
  pickable,
  rememberedFrom,
  sentimentChange,
  tagsProblem,
  type Action,
  type Finding,
  type Visit,
} from "./model";

const meta = { pending: false, authorId: "u-dir", createdAt: "2026-03-01T10:00:00.000Z", updatedAt: "2026-03-01T10:00:00.000Z" };
const finding = (id: string, fields: Partial<Finding>): Finding => ({ ...meta, id, saw: "", severity: 3, sentiment: "pain", status: "new", tags: [], photos: [], ...fields });
const action = (id: string, fields: Partial<Action>): Action => ({ ...meta, id, findingId: "f1", title: id, priority: "medium", status: "open", ownerId: null, dueDate: null, ...fields });
const visit = (id: string, fields: Partial<Visit>): Visit => ({ ...meta, id, kind: "floor_walk", locationId: "amsterdam", startedAt: "2026-03-01T09:00:00.000Z", endedAt: null, ...fields });

describe("what is still open at a location", () => {
  const findings = [
    finding("older-severe", { locationId: "amsterdam", visitId: "v0", severity: 5, createdAt: "2026-02-01T10:00:00.000Z" }),
    finding("old-minor", { locationId: "amsterdam", visitId: "v0", severity: 2 }),
    finding("old-severe", { locationId: "amsterdam", visitId: "v0", severity: 5 }),
    finding("closed", { locationId: "amsterdam", visitId: "v0", status: "closed" }),
    finding("elsewhere", { locationId: "utrecht", visitId: "v0" }),
    finding("this-visit", { locationId: "amsterdam", visitId: "v1" }),
  ];
  const actions = [
    action("on-closed", { findingId: "closed" }),
    action("done", { findingId: "old-minor", status: "done" }),
    action("open", { findingId: "old-minor" }),
    action("utrecht", { findingId: "elsewhere" }),
  ];

  it("lists open findings from earlier visits, newest first (the most severe first of one moment), and open actions on any finding there", () => {
    const open = openAtLocation(findings, actions, "amsterdam", "v1");
    expect(open.findings.map((f) => f.id)).toEqual(["old-severe", "old-minor", "older-severe"]);
    // An open action still counts when its finding was closed: someone has to do it.
    expect(open.actions.map((a) => a.id).sort()).toEqual(["on-closed", "open"]);
  });

  it("includes the current visit's findings only when no visit is given (choosing a place)", () => {
    expect(openAtLocation(findings, actions, "amsterdam").findings.map((f) => f.id)).toContain("this-visit");
  });
});

describe("actions", () => {
  const today = "2026-03-10";

  it("are overdue only while open and after their due date", () => {
    expect(isOverdue(action("a", { dueDate: "2026-03-09" }), today)).toBe(true);
    expect(isOverdue(action("a", { dueDate: "2026-03-10" }), today)).toBe(false);
    expect(isOverdue(action("a", { dueDate: "2026-03-09", status: "done" }), today)).toBe(false);
    expect(isOverdue(action("a", { dueDate: null }), today)).toBe(false);
  });

  it("list someone's open ones, overdue first, then by due date and priority", () => {
    const list = [
      action("later", { ownerId: "me", dueDate: "2026-04-01" }),
      action("no-date-high", { ownerId: "me", priority: "high" }),
      action("overdue", { ownerId: "me", dueDate: "2026-03-01" }),
      action("soon", { ownerId: "me", dueDate: "2026-03-12" }),
      action("not-mine", { ownerId: "you", dueDate: "2026-03-01" }),
      action("done", { ownerId: "me", status: "done", dueDate: "2026-03-01" }),
      action("no-date-low", { ownerId: "me", priority: "low" }),
    ];
    expect(openActionsOf(list, "me", today).map((a) => a.id)).toEqual(["overdue", "soon", "later", "no-date-high", "no-date-low"]);
    // Across owners too, the overdue ones come first (a done action is never overdue).
    expect([...list].sort(compareActions(today)).slice(0, 2).map((a) => a.id).sort()).toEqual(["not-mine", "overdue"]);
  });

  it("take today's date in the device's time zone", () => {
    expect(localDate(new Date(2026, 0, 5, 23, 59))).toBe("2026-01-05");
  });
});

describe("filters and search", () => {
  const now = new Date("2026-03-10T12:00:00.000Z");

  it("narrow visits by person, location, kind and period, newest first", () => {
    const visits = [
      visit("mine-old", { authorId: "me", startedAt: "2026-01-01T09:00:00.000Z" }),
      visit("mine-new", { authorId: "me", startedAt: "2026-03-09T09:00:00.000Z" }),
      visit("theirs", { authorId: "you", kind: "team_meal", locationId: "utrecht", startedAt: "2026-03-08T09:00:00.000Z" }),
    ];
    expect(filterVisits(visits, {}, now).map((v) => v.id)).toEqual(["mine-new", "theirs", "mine-old"]);
    expect(filterVisits(visits, { person: "me" }, now).map((v) => v.id)).toEqual(["mine-new", "mine-old"]);
    expect(filterVisits(visits, { period: "7d" }, now).map((v) => v.id)).toEqual(["mine-new", "theirs"]);
    expect(filterVisits(visits, { kind: "team_meal", location: "utrecht" }, now).map((v) => v.id)).toEqual(["theirs"]);
    expect(filterVisits(visits, { kind: "ride_along" }, now)).toEqual([]);
  });

  it("narrow findings by stage, minimum severity, level, location, status and period", () => {
    const findings = [
      finding("a", { journeyStageId: "purchase", severity: 5, level: "operations", locationId: "amsterdam", createdAt: "2026-03-09T09:00:00.000Z" }),
      finding("b", { journeyStageId: "delivery", severity: 2, level: "message", status: "triaged", createdAt: "2026-03-08T09:00:00.000Z" }),
      finding("c", { journeyStageId: "purchase", severity: 4, level: null, createdAt: "2025-12-01T09:00:00.000Z" }),
    ];
    expect(filterFindings(findings, { stage: "purchase" }, now).map((f) => f.id)).toEqual(["a", "c"]);
    expect(filterFindings(findings, { severity: "4" }, now).map((f) => f.id)).toEqual(["a", "c"]);
    expect(filterFindings(findings, { level: "message" }, now).map((f) => f.id)).toEqual(["b"]);
    expect(filterFindings(findings, { location: "amsterdam", period: "30d" }, now).map((f) => f.id)).toEqual(["a"]);
    expect(filterFindings(findings, { status: "new" }, now).map((f) => f.id)).toEqual(["a", "c"]);
  });

  it("search every word in what was seen, felt, expected and the tags, ignoring case and accents", () => {
    const f = finding("x", { saw: "Long QUEUE at the café till", felt: "Ignored", expectation: "A second till", tags: ["Saturday"] });
    expect(matchesText(f, "queue cafe")).toBe(true);
    expect(matchesText(f, "ignored saturday")).toBe(true);
    expect(matchesText(f, "queue sunday")).toBe(false);
    expect(matchesText(f, "   ")).toBe(true);
    expect(fold("Crème Brûlée")).toBe("creme brulee");
  });

  it("count the start of today as 'today'", () => {
    const local = new Date(2026, 2, 10, 15, 0);
    expect(inPeriod(new Date(2026, 2, 10, 0, 1).toISOString(), "today", local)).toBe(true);
    expect(inPeriod(new Date(2026, 2, 9, 23, 59).toISOString(), "today", local)).toBe(false);
    expect(inPeriod(undefined, "today", local)).toBe(false);
    expect(inPeriod(undefined, "", local)).toBe(true);
  });
});

describe("small helpers", () => {
  it("parse tags: trimmed, no empties, no repeats in any case", () => {
    expect(parseTags(" queue, Till ,, queue, QUEUE ,till")).toEqual(["queue", "Till"]);
    expect(parseTags("")).toEqual([]);
  });

  it("never cut tags: 60 stay 60 and a long one stays whole, and tagsProblem says why they do not fit", () => {
    const sixty = parseTags(Array.from({ length: 60 }, (_, i) => `t${i}`).join(","));
    expect(sixty).toHaveLength(60);
    expect(tagsProblem(sixty)).toEqual({ code: "tooMany", count: 60 });
    expect(tagsProblem(sixty.slice(0, 30))).toBeNull();
    const long = "a".repeat(41);
    expect(parseTags(`queue, ${long}`)).toEqual(["queue", long]);
    expect(tagsProblem(["queue", long])).toEqual({ code: "tooLong", tag: long });
    expect(tagsProblem(["a".repeat(40)])).toBeNull();
  });

  it("offer settings that are not archived, unless already chosen, in order", () => {
    const stages = [
      { id: "s3", name: "Use", position: 3, archived: false },
      { id: "s1", name: "Orientation", position: 1, archived: false },
      { id: "s2", name: "Old", position: 2, archived: true },
    ];
    expect(pickable(stages).map((s) => s.id)).toEqual(["s1", "s3"]);
    expect(pickable(stages, "s2").map((s) => s.id)).toEqual(["s1", "s2", "s3"]);
  });
});

describe("quick capture: the next finding of a visit", () => {
  const at = (minute: number) => `2026-03-01T10:${String(minute).padStart(2, "0")}:00.000Z`;
  const walk = [
    finding("first", { visitId: "v1", createdAt: at(1), journeyStageId: "stage-pay", segmentId: "families", level: "operations", themeId: "queues", tags: ["till"], expectation: "A second till opens", saw: "Queue" }),
    finding("second", { visitId: "v1", createdAt: at(5), journeyStageId: "stage-shelf", segmentId: null, level: null, tags: [], expectation: "", saw: "Empty shelf" }),
    finding("other-visit", { visitId: "v2", createdAt: at(9), journeyStageId: "stage-web", themeId: "online" }),
  ];

  it("takes stage, segment, level, theme, tags and expectation from the visit's latest finding, not what it saw or how it rated", () => {
    expect(rememberedFrom(walk, "v1", "new-one")).toEqual({ journeyStageId: "stage-shelf", tags: [], expectation: "" });
    expect(rememberedFrom(walk.slice(0, 1), "v1", "new-one")).toEqual({
      journeyStageId: "stage-pay",
      segmentId: "families",
      level: "operations",
      themeId: "queues",
      tags: ["till"],
      expectation: "A second till opens",
    });
  });

  it("never takes over from itself, from another visit or outside a visit", () => {
    expect(rememberedFrom(walk, "v1", "second")).toMatchObject({ journeyStageId: "stage-pay" });
    expect(rememberedFrom(walk, "v3", "new-one")).toEqual({});
    expect(rememberedFrom(walk, null, "new-one")).toEqual({});
  });

  it("starts with the visit's place and the remembered fields, and no sentiment or severity chosen", () => {
    const fields = newFindingFields({ id: "v1", locationId: "amsterdam" }, rememberedFrom(walk.slice(0, 1), "v1", "new-one"));
    expect(fields).toMatchObject({ visitId: "v1", locationId: "amsterdam", journeyStageId: "stage-pay", themeId: "queues", status: "new", sentiment: null, severity: null, saw: "", photos: [] });
    expect(newFindingFields(undefined, {})).toMatchObject({ visitId: null, locationId: null, sentiment: null, severity: null, tags: [] });
  });

  it("asks a severity for a pain only; picking delight or neutral takes a severity away", () => {
    expect([asksSeverity("pain"), asksSeverity("delight"), asksSeverity("neutral"), asksSeverity(null)]).toEqual([true, false, false, false]);
    expect(sentimentChange("pain")).toEqual({ sentiment: "pain" });
    expect(sentimentChange("delight")).toEqual({ sentiment: "delight", severity: null });
    expect(sentimentChange("neutral")).toEqual({ sentiment: "neutral", severity: null });
  });

  it("treats a finding as blank when only a taken-over expectation is in it", () => {
    const remembered = { expectation: "A second till opens" };
    expect(isBlankFinding({ saw: "", expectation: "A second till opens", photos: [] }, remembered)).toBe(true);
    expect(isBlankFinding({ saw: "", expectation: "A second till opens", photos: [] })).toBe(false);
    expect(isBlankFinding({ saw: "", expectation: "Staff nearby", photos: [] }, remembered)).toBe(false);
    expect(isBlankFinding({ saw: " ", expectation: "A second till opens", photos: ["a".repeat(64)] }, remembered)).toBe(false);
    expect(isBlankFinding({ saw: "Queue", expectation: "A second till opens" }, remembered)).toBe(false);
  });
});
