import { describe, expect, it } from "vitest";
import type { MysterySection } from "../../../../shared/schemas/mystery";
import {
  leagueTable,
  locationTrend,
  scoreCompletedShops,
  shopSections,
  sortLeague,
  templatesUsed,
  trendSections,
  waveOf,
  wavesOf,
  type LeagueRow,
  type ShopRecord,
} from "./results-model";

let n = 0;
const id = () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`;

const greet = { id: id(), text: "Greeted?", kind: "yes_no" as const, weight: 1, naAllowed: true, critical: true };
const friendly = { id: id(), text: "Friendly?", kind: "scale" as const, weight: 3, naAllowed: false, critical: false };
const receipt = { id: id(), text: "Receipt?", kind: "yes_no" as const, weight: 2, naAllowed: true, critical: false };
const welcome: MysterySection = { id: id(), title: "Welcome", questions: [greet, friendly] };
const checkout: MysterySection = { id: id(), title: "Checkout", questions: [receipt] };
const template = { id: id(), sections: [welcome, checkout] };
const other = { id: id(), sections: [{ id: id(), title: "Phone", questions: [{ ...receipt, id: id() }] }] };

const amsterdam = { id: id(), name: "Amsterdam" };
const utrecht = { id: id(), name: "Utrecht" };
const rotterdam = { id: id(), name: "Rotterdam" };

function shop(locationId: string, completedAt: string | null, answers: ShopRecord["answers"], templateId = template.id): ShopRecord {
  return { id: id(), templateId, locationId, completedAt, answers };
}
const yes = { value: true, na: false };
const no = { value: false, na: false };
const scale = (value: number) => ({ value, na: false });

describe("scoreCompletedShops", () => {
  it("scores completed shops with a known template, oldest first, and skips the rest", () => {
    const later = shop(amsterdam.id, "2026-03-02T10:00:00.000Z", { [greet.id]: yes });
    const earlier = shop(amsterdam.id, "2026-03-01T10:00:00.000Z", { [greet.id]: no });
    const open = shop(amsterdam.id, null, { [greet.id]: yes });
    const unknownTemplate = shop(amsterdam.id, "2026-03-03T10:00:00.000Z", {}, id());
    const scored = scoreCompletedShops([later, open, earlier, unknownTemplate], [template]);
    expect(scored.map((s) => s.id)).toEqual([earlier.id, later.id]);
    expect(scored[0]!.score.failed).toBe(true);
    expect(scored[1]!.score.percent).toBe(100);
  });
});

describe("locationTrend", () => {
  it("gives overall and per-section percentages per shop, for one location and optionally one template", () => {
    const scored = scoreCompletedShops(
      [
        // (1 + 0.75 × 3 + 0) / 6 = 54.1666…; Welcome 3.25 / 4 = 81.25 %; Checkout 0 %.
        shop(amsterdam.id, "2026-03-01T10:00:00.000Z", { [greet.id]: yes, [friendly.id]: scale(4), [receipt.id]: no }),
        // Receipt n/a: left out of numerator and denominator, so Checkout has no score.
        shop(amsterdam.id, "2026-03-08T10:00:00.000Z", { [greet.id]: yes, [friendly.id]: scale(5), [receipt.id]: { value: null, na: true } }),
        shop(utrecht.id, "2026-03-05T10:00:00.000Z", { [greet.id]: yes }),
        shop(amsterdam.id, "2026-03-09T10:00:00.000Z", { [other.sections[0]!.questions[0]!.id]: yes }, other.id),
      ],
      [template, other],
    );
    const trend = locationTrend(scored, amsterdam.id, template.id);
    expect(trend).toHaveLength(2);
    expect(trend[0]!.percent).toBeCloseTo(54.1666667, 6);
    expect(trend[0]!.sections[welcome.id]).toBeCloseTo(81.25, 10);
    expect(trend[0]!.sections[checkout.id]).toBe(0);
    expect(trend[1]!.percent).toBe(100);
    expect(trend[1]!.sections[checkout.id]).toBeNull();
    expect(locationTrend(scored, amsterdam.id)).toHaveLength(3);
    expect(locationTrend(scored, rotterdam.id)).toEqual([]);
  });
});

describe("leagueTable", () => {
  const scored = scoreCompletedShops(
    [
      shop(amsterdam.id, "2026-03-01T10:00:00.000Z", { [greet.id]: yes, [friendly.id]: scale(5), [receipt.id]: yes }), // 100
      shop(amsterdam.id, "2026-03-03T10:00:00.000Z", { [greet.id]: no, [friendly.id]: scale(5), [receipt.id]: yes }), // 5/6, failed
      shop(utrecht.id, "2026-03-02T10:00:00.000Z", { [greet.id]: yes, [friendly.id]: scale(3), [receipt.id]: no }), // 2.5/6
      shop(rotterdam.id, "2026-03-02T10:00:00.000Z", { [greet.id]: { value: null, na: true } }), // no score
    ],
    [template],
  );

  it("has the latest score, the average, the number of shops and of failed criticals per location", () => {
    const rows = leagueTable(scored, [amsterdam, utrecht, rotterdam]);
    const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
    expect(byName.Amsterdam).toMatchObject({ shops: 2, latestFailed: true, failedCritical: 1, latestAt: "2026-03-03T10:00:00.000Z" });
    expect(byName.Amsterdam!.latest).toBeCloseTo(500 / 6, 10);
    expect(byName.Amsterdam!.average).toBeCloseTo((100 + 500 / 6) / 2, 10);
    expect(byName.Utrecht!.latest).toBeCloseTo(250 / 6, 10);
    expect(byName.Rotterdam).toMatchObject({ shops: 1, latest: null, average: null, failedCritical: 0 });
  });

  it("names a location that has not arrived on the device yet, and filters by template", () => {
    expect(leagueTable(scored, [amsterdam], {}, "Unknown").map((r) => r.name).sort()).toEqual(["Amsterdam", "Unknown", "Unknown"]);
    expect(leagueTable(scored, [amsterdam, utrecht, rotterdam], { templateId: other.id })).toEqual([]);
  });

  it("ranks a location whose latest shop failed a critical question below every one that passed, however high its percentage", () => {
    const rows = leagueTable(scored, [amsterdam, utrecht, rotterdam]);
    // Amsterdam scored 83 % but failed; Utrecht 42 % and passed.
    expect(sortLeague(rows, "latest", "descending").map((r) => [r.name, r.latestFailed])).toEqual([
      ["Utrecht", false],
      ["Amsterdam", true],
      ["Rotterdam", false],
    ]);
    // Turned round, worst first: the failed one leads; no score stays last either way.
    expect(sortLeague(rows, "latest", "ascending").map((r) => r.name)).toEqual(["Amsterdam", "Utrecht", "Rotterdam"]);
  });

  it("sorts by the other columns either way with unscored locations last, ties by name", () => {
    const rows = leagueTable(scored, [amsterdam, utrecht, rotterdam]);
    expect(sortLeague(rows, "average", "descending").map((r) => r.name)).toEqual(["Amsterdam", "Utrecht", "Rotterdam"]);
    expect(sortLeague(rows, "name", "ascending").map((r) => r.name)).toEqual(["Amsterdam", "Rotterdam", "Utrecht"]);
    expect(sortLeague(rows, "failedCritical", "descending").map((r) => r.name)).toEqual(["Amsterdam", "Rotterdam", "Utrecht"]);
    const tie: LeagueRow[] = ["b", "a"].map((name) => ({ locationId: name, name, shops: 1, latest: 50, latestFailed: false, latestAt: "", wave: "2026-03", average: 50, failedCritical: 0 }));
    expect(sortLeague(tie, "latest", "descending").map((r) => r.name)).toEqual(["a", "b"]);
  });
});

describe("waves", () => {
  // Mid-month times, so the month is the same in every time zone the tests may run in.
  const february = shop(amsterdam.id, "2026-02-14T12:00:00.000Z", { [greet.id]: no, [friendly.id]: scale(5), [receipt.id]: yes });
  const march = shop(amsterdam.id, "2026-03-14T12:00:00.000Z", { [greet.id]: yes, [friendly.id]: scale(1), [receipt.id]: no });
  const utrechtMarch = shop(utrecht.id, "2026-03-16T12:00:00.000Z", { [greet.id]: yes });
  const scored = scoreCompletedShops([march, february, utrechtMarch], [template]);

  it("a shop's wave is the month it was completed in; the waves are listed newest first", () => {
    expect(waveOf("2026-03-14T12:00:00.000Z")).toBe("2026-03");
    expect(wavesOf(scored)).toEqual(["2026-03", "2026-02"]);
  });

  it("a league of one wave compares that wave's shops only, and each row says its wave", () => {
    const february = leagueTable(scored, [amsterdam, utrecht], { wave: "2026-02" });
    expect(february.map((r) => [r.name, r.wave, r.latestFailed, r.shops])).toEqual([["Amsterdam", "2026-02", true, 1]]);
    const march = sortLeague(leagueTable(scored, [amsterdam, utrecht], { wave: "2026-03" }), "latest", "descending");
    expect(march.map((r) => [r.name, r.wave, r.latestFailed])).toEqual([
      ["Utrecht", "2026-03", false],
      ["Amsterdam", "2026-03", false],
    ]);
    expect(leagueTable(scored, [amsterdam, utrecht]).find((r) => r.name === "Amsterdam")).toMatchObject({ shops: 2, wave: "2026-03" });
  });
});

describe("templatesUsed", () => {
  it("keeps only the templates that completed shops were made with", () => {
    const scored = scoreCompletedShops([shop(amsterdam.id, "2026-03-01T10:00:00.000Z", {})], [template, other]);
    expect(templatesUsed(scored, [template, other])).toEqual([template]);
  });
});

describe("shops keep the questions they were run with", () => {
  // What the template said when these shops started; the template is edited afterwards.
  const asRun = structuredClone(template.sections);
  const answers = { [greet.id]: yes, [friendly.id]: scale(3), [receipt.id]: no };
  // (1 + 0.5 × 3 + 0) / 6 = 41.666…%
  const scoreAsRun = 250 / 6;

  it("a shop with its own copy keeps its score after the template's weights change and a question is removed", () => {
    const own: ShopRecord = { ...shop(amsterdam.id, "2026-03-01T10:00:00.000Z", answers), sections: asRun };
    const before = scoreCompletedShops([own], [template])[0]!;
    expect(before.score.percent).toBeCloseTo(scoreAsRun, 10);

    // Receipt now weighs 20 instead of 2 and the friendliness question is gone.
    const edited = { id: template.id, sections: [{ ...welcome, questions: [greet] }, { ...checkout, questions: [{ ...receipt, weight: 20 }] }] };
    const after = scoreCompletedShops([own], [edited])[0]!;
    expect(after.score).toEqual(before.score);
    expect(after.sections).toEqual(asRun);

    const trend = locationTrend(scoreCompletedShops([own], [edited]), amsterdam.id, template.id);
    expect(trend[0]!.percent).toBeCloseTo(scoreAsRun, 10);
    expect(trend[0]!.sections[welcome.id]).toBeCloseTo(62.5, 10);
  });

  it("an older shop without a copy is scored against the template as it is now", () => {
    const old = shop(amsterdam.id, "2026-03-01T10:00:00.000Z", answers);
    expect(scoreCompletedShops([old], [template])[0]!.score.percent).toBeCloseTo(scoreAsRun, 10);
    const edited = { id: template.id, sections: [welcome, { ...checkout, questions: [{ ...receipt, weight: 20 }] }] };
    // (1 + 1.5 + 0) / 24
    expect(scoreCompletedShops([old], [edited])[0]!.score.percent).toBeCloseTo(250 / 24, 10);
    expect(shopSections(old, edited)).toBe(edited.sections);
    expect(shopSections({ sections: null }, undefined)).toBeUndefined();
  });

  it("a shop with its own copy still has a result when its template is no longer on the device", () => {
    const own: ShopRecord = { ...shop(amsterdam.id, "2026-03-01T10:00:00.000Z", answers), sections: asRun };
    const scored = scoreCompletedShops([own], []);
    expect(scored.map((s) => s.id)).toEqual([own.id]);
    expect(scored[0]!.score.percent).toBeCloseTo(scoreAsRun, 10);
  });

  it("the trend's sections are the latest shop's, then any only older shops had, titled as last run", () => {
    const renamed = { ...welcome, title: "Greeting" };
    const older: ShopRecord = { ...shop(amsterdam.id, "2026-03-01T10:00:00.000Z", answers), sections: [welcome, checkout] };
    const newer: ShopRecord = { ...shop(amsterdam.id, "2026-03-08T10:00:00.000Z", { [greet.id]: yes }), sections: [renamed] };
    const sections = trendSections(scoreCompletedShops([newer, older], [template]));
    expect(sections.map((s) => [s.id, s.title])).toEqual([
      [welcome.id, "Greeting"],
      [checkout.id, "Checkout"],
    ]);
    expect(trendSections([])).toEqual([]);
  });
});
