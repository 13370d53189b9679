import { describe, expect, it } from "vitest";
import type { MysterySection } from "../../../../shared/schemas/mystery";
import { photosForMyPlaces, photosOfOpenFindings } from "../../data/local/photos-ahead";
import type { ShopRecord } from "../mystery/results-model";
import { mysterySummary, newRecheck, recheckOnVisit } from "./briefing";

const greet = { id: "q-greet", text: "Greeted?", kind: "yes_no" as const, weight: 1, naAllowed: false, critical: true };
const tidy = { id: "q-tidy", text: "Tidy?", kind: "yes_no" as const, weight: 1, naAllowed: false, critical: false };
const sections: MysterySection[] = [{ id: "s1", title: "Welcome", questions: [greet, tidy] }];
const store = { id: "t-store", sections };
const phone = { id: "t-phone", sections: [{ id: "s2", title: "Call", questions: [{ ...tidy, id: "q-call" }] }] };
const yes = { value: true, na: false };
const no = { value: false, na: false };

let n = 0;
const shop = (completedAt: string | null, answers: ShopRecord["answers"], templateId = store.id, locationId = "amsterdam"): ShopRecord => ({ id: `shop-${++n}`, templateId, locationId, completedAt, answers });

describe("the mystery-shop line of a briefing", () => {
  it("gives the latest completed shop of the place and its change since the one before with the same template", () => {
    const summary = mysterySummary(
      [
        shop("2026-01-10T10:00:00.000Z", { [greet.id]: yes, [tidy.id]: no }), // 50 %
        shop("2026-02-10T10:00:00.000Z", { [tidy.id]: yes }, phone.id), // another template: no comparison
        shop("2026-03-10T10:00:00.000Z", { [greet.id]: yes, [tidy.id]: yes }), // 100 %
        shop(null, { [greet.id]: no }), // still being filled in
        shop("2026-03-20T10:00:00.000Z", { [greet.id]: no }, store.id, "utrecht"),
      ],
      [store, phone],
      "amsterdam",
    );
    expect(summary).toMatchObject({ at: "2026-03-10T10:00:00.000Z", percent: 100, failed: false, change: 50, count: 3 });
  });

  it("says when the latest shop failed on a critical question, and has no change without an earlier shop to compare", () => {
    const summary = mysterySummary([shop("2026-03-10T10:00:00.000Z", { [greet.id]: no, [tidy.id]: yes })], [store], "amsterdam");
    expect(summary).toMatchObject({ percent: 50, failed: true, change: null, count: 1 });
  });

  it("is absent for a place with no completed shop", () => {
    expect(mysterySummary([shop(null, {})], [store], "amsterdam")).toBeNull();
  });
});

describe("looking again at an earlier finding", () => {
  it("records who looked, when and on which visit; the visit screen shows it as this visit's look only", () => {
    const recheck = newRecheck("fixed", "u-dir", "visit-2", new Date("2026-03-10T10:00:00.000Z"));
    expect(recheck).toEqual({ result: "fixed", by: "u-dir", at: "2026-03-10T10:00:00.000Z", visitId: "visit-2" });
    expect(recheckOnVisit({ recheck }, "visit-2")).toBe("fixed");
    expect(recheckOnVisit({ recheck }, "visit-3")).toBeNull();
    expect(recheckOnVisit({ recheck: null }, "visit-2")).toBeNull();
  });
});

describe("photos fetched ahead", () => {
  const at = (day: number) => `2026-03-${String(day).padStart(2, "0")}T10:00:00.000Z`;
  const findings = [
    { locationId: "amsterdam", status: "new" as const, photos: ["a-old"], createdAt: at(1) },
    { locationId: "amsterdam", status: "triaged" as const, photos: ["a-new", "a-old"], createdAt: at(5) },
    { locationId: "amsterdam", status: "closed" as const, photos: ["a-closed"], createdAt: at(6) },
    { locationId: "utrecht", status: "new" as const, photos: ["u"], createdAt: at(7) },
    { locationId: "rotterdam", status: "new" as const, photos: ["r"], createdAt: at(8) },
  ];

  it("are those of a place's open findings, newest first, each once", () => {
    expect(photosOfOpenFindings(findings.filter((f) => f.locationId === "amsterdam"))).toEqual(["a-new", "a-old"]);
  });

  it("after a sync, are those of the places this person visited in the last 60 days", () => {
    const visits = [
      { locationId: "amsterdam", authorId: "me", startedAt: at(20), createdAt: at(20) },
      { locationId: "utrecht", authorId: "colleague", startedAt: at(20), createdAt: at(20) },
      { locationId: "rotterdam", authorId: "me", startedAt: "2025-12-01T10:00:00.000Z", createdAt: "2025-12-01T10:00:00.000Z" },
    ];
    expect(photosForMyPlaces(findings, visits, "me", new Date(at(25)))).toEqual(["a-new", "a-old"]);
  });
});
