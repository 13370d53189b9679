import { describe, expect, it } from "vitest";
import { createI18n } from "../i18n";
import { nl } from "../i18n/nl";
import { memoryStore } from "../data/storage";
import { refusalText } from "./refusal";

describe("why a change was refused, in the sync panel", () => {
  const locked = { code: "locked", message: "The scope of an approved experiment is locked: send it back for revision (with a reason) to change baseline" };

  it("shows the server's precise sentence in English", () => {
    const i18n = createI18n({ storage: memoryStore(), browserLanguage: "en-GB" });
    expect(refusalText(i18n, locked)).toBe(locked.message);
  });

  it("says a known refusal in Dutch, and keeps the sentence for an unknown one", async () => {
    const i18n = createI18n({ storage: memoryStore(), browserLanguage: "en-GB" });
    await i18n.setLanguage("nl");
    expect(refusalText(i18n, locked)).toBe(nl["sync.refused.locked"]);
    expect(refusalText(i18n, { code: "forbidden", message: "Only its author or admin may change this visit" })).toBe(nl["sync.refused.forbidden"]);
    expect(refusalText(i18n, { code: "something_new", message: "Something new" })).toBe("Something new");
  });
});
