import { describe, expect, it } from "vitest";
import { isSetupCode, newSetupCode } from "./setup-code";

describe("setup code", () => {
  it("is two groups of five unambiguous characters, different each time", () => {
    const codes = Array.from({ length: 50 }, newSetupCode);
    for (const code of codes) expect(code).toMatch(/^[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}$/);
    expect(new Set(codes).size).toBe(50);
  });

  it("matches regardless of case, spaces and dashes, and nothing else", () => {
    const code = newSetupCode();
    expect(isSetupCode(code, code)).toBe(true);
    expect(isSetupCode(` ${code.toLowerCase().replace("-", " ")} `, code)).toBe(true);
    expect(isSetupCode(code.slice(0, -1), code)).toBe(false);
    expect(isSetupCode("", code)).toBe(false);
  });
});
