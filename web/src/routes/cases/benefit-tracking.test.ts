import { describe, expect, it } from "vitest";
import { memoryStore } from "../../data/storage";
import { createI18n } from "../../i18n";
import { loadPack } from "../../i18n/packs";
import { formatMovement, planDraftOf, rampUpText, readPlanDraft } from "./benefit-tracking";

await loadPack("benefits", "en");
await loadPack("benefits", "nl");
const en = createI18n({ storage: memoryStore(), browserLanguage: "en-GB" });

describe("benefit words", () => {
  it("say one point and one month in the singular, never '1 points' or '1 months'", () => {
    expect(formatMovement(en.t, 1, "percent", "en")).toBe("+1 point");
    expect(formatMovement(en.t, -0.4, "percent", "en")).toBe("-0.4 points");
    expect(formatMovement(en.t, 1.2, "eur", "en")).toBe("+€1.20");
    expect(rampUpText(en.t, 1)).toBe("1 month to the full benefit, linearly");
    expect(rampUpText(en.t, 3)).toBe("3 months to the full benefit, linearly");
    expect(rampUpText(en.t, 0)).toBe("Full benefit from go-live");
  });
});

describe("the owner's plan form", () => {
  const approved = { id: "c", authorId: "u", createdAt: "", updatedAt: "", pending: false, status: "approved" as const, approvedAt: "2026-03-05T10:00:00.000Z", goLive: null, rampUpMonths: null, benefitScope: null };

  it("starts at go-live on the approval day, with a quarter's baseline just before it", () => {
    expect(planDraftOf(approved)).toEqual({ goLive: "2026-03-05", rampUpMonths: "0", measure: "owner", locationIds: [], segmentId: "", baselineFrom: "2025-12-04", baselineTo: "2026-03-04" });
  });

  it("sends what the server takes, and refuses on the device what it would refuse", () => {
    const draft = planDraftOf(approved);
    expect(readPlanDraft({ ...draft, rampUpMonths: " 3 " })).toEqual({ ok: true, plan: { goLive: "2026-03-05", rampUpMonths: 3, scope: null } });
    expect(readPlanDraft({ ...draft, measure: "scope", locationIds: ["l1"], segmentId: "s1" })).toEqual({
      ok: true,
      plan: { goLive: "2026-03-05", rampUpMonths: 0, scope: { locationIds: ["l1"], segmentId: "s1", baselineFrom: "2025-12-04", baselineTo: "2026-03-04" } },
    });
    expect(readPlanDraft({ ...draft, goLive: "", rampUpMonths: "1.5" })).toEqual({ ok: false, issues: { goLive: "benefits.invalidDate", rampUpMonths: "benefits.invalidMonths" } });
    expect(readPlanDraft({ ...draft, rampUpMonths: "37" })).toMatchObject({ ok: false, issues: { rampUpMonths: "benefits.invalidMonths" } });
    // A baseline that runs into go-live compares the change with itself.
    expect(readPlanDraft({ ...draft, measure: "scope", baselineTo: "2026-03-05" })).toEqual({ ok: false, issues: { "scope.baselineTo": "benefits.baselineOrder" } });
  });
});
