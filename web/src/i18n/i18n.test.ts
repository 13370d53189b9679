import { describe, expect, it } from "vitest";
import { memoryStore, STORAGE_KEYS } from "../data/storage";
import { en } from "./en";
import { createI18n, interpolate, pickLanguage } from "./index";
import { nl } from "./nl";
import { loadPack } from "./packs";

describe("pickLanguage", () => {
  it("follows a Dutch browser, whatever the region", () => {
    expect(pickLanguage(null, "nl")).toBe("nl");
    expect(pickLanguage(null, "nl-BE")).toBe("nl");
    expect(pickLanguage(null, "NL-nl")).toBe("nl");
  });

  it("falls back to English for every other language", () => {
    expect(pickLanguage(null, "en-US")).toBe("en");
    expect(pickLanguage(null, "de-DE")).toBe("en");
    expect(pickLanguage(null, undefined)).toBe("en");
  });

  it("prefers the remembered choice and ignores a damaged one", () => {
    expect(pickLanguage("en", "nl-NL")).toBe("en");
    expect(pickLanguage("nl", "en-GB")).toBe("nl");
    expect(pickLanguage("fr", "nl-NL")).toBe("nl");
  });
});

describe("createI18n", () => {
  it("translates, switches and remembers the switch", () => {
    const storage = memoryStore();
    const i18n = createI18n({ storage, browserLanguage: "en-GB" });
    expect(i18n.t("me.logout")).toBe("Log out");
    i18n.setLanguage("nl");
    expect(i18n.t("me.logout")).toBe("Uitloggen");
    expect(storage.get(STORAGE_KEYS.language)).toBe("nl");
    expect(createI18n({ storage, browserLanguage: "en-GB" }).language()).toBe("nl");
  });

  it("picks the plural form a number takes as shown: one year, one point, but 1.0 points", async () => {
    await loadPack("decide", "en");
    await loadPack("decide", "nl");
    await loadPack("results", "en");
    const en = createI18n({ storage: memoryStore(), browserLanguage: "en-GB" });
    expect([1, 3].map((n) => en.plural("case.years", n, { n }))).toEqual(["1 year", "3 years"]);
    expect(en.plural("results.points", 1)).toBe("point");
    expect(en.plural("results.points", -1)).toBe("point");
    expect(en.plural("results.points", 1, undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 })).toBe("points");
    // As shown: 0.999 reads "1", 0.994 reads "0.99".
    expect(en.plural("results.points", 0.999, undefined, { maximumFractionDigits: 2 })).toBe("point");
    expect(en.plural("results.points", 0.994, undefined, { maximumFractionDigits: 2 })).toBe("points");
    const nl = createI18n({ storage: memoryStore(), browserLanguage: "nl" });
    expect([1, 3].map((n) => nl.plural("case.years", n, { n }))).toEqual(["1 jaar", "3 jaar"]);
  });

  it("fills placeholders", () => {
    const i18n = createI18n({ storage: memoryStore(), browserLanguage: "nl" });
    expect(i18n.t("home.greeting", { name: "Daan" })).toBe("Hallo Daan");
    expect(interpolate("{a} and {b}", { a: 1 })).toBe("1 and {b}");
  });
});

describe("dictionaries", () => {
  it("have the same keys with the same placeholders and no empty texts", () => {
    expect(Object.keys(nl).sort()).toEqual(Object.keys(en).sort());
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(nl[key].trim(), key).not.toBe("");
      expect(placeholders(nl[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it("carry the labels browser tests look for", () => {
    expect([en["setup.demoButton"], nl["setup.demoButton"]]).toEqual(["Explore with demo data", "Verkennen met demodata"]);
    expect([en["field.password"], nl["field.password"]]).toEqual(["Password", "Wachtwoord"]);
    expect([en["me.language"], nl["me.language"]]).toEqual(["Language", "Taal"]);
    expect([en["locations.add"], nl["locations.add"]]).toEqual(["Add location", "Locatie toevoegen"]);
  });
});
