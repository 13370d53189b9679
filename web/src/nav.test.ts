import { describe, expect, it } from "vitest";
import { ROLES } from "../../shared/roles";
import { NAV, navFor, orgHref } from "./nav";

describe("navigation per role", () => {
  it("gives each role its tabs, at most five for a 360 px bottom bar", () => {
    expect(navFor("admin").map((entry) => entry.icon)).toEqual(["home", "findings", "mystery", "admin", "me"]);
    expect(navFor("executive").map((entry) => entry.icon)).toEqual(["home", "visits", "findings", "mystery", "me"]);
    expect(navFor("cx_ops").map((entry) => entry.icon)).toEqual(["home", "visits", "findings", "mystery", "me"]);
    expect(navFor("board").map((entry) => entry.icon)).toEqual(["home", "findings", "me"]);
    for (const role of ROLES) expect(navFor(role).length).toBeLessThanOrEqual(5);
  });

  it("lets every role reach Home and Me, and names each entry once", () => {
    for (const role of ROLES) {
      const paths = navFor(role).map((entry) => entry.path);
      expect(paths).toContain("");
      expect(paths).toContain("me");
    }
    expect(new Set(NAV.map((entry) => entry.path)).size).toBe(NAV.length);
  });

  it("builds links inside the organisation", () => {
    expect(orgHref("org-1")).toBe("/o/org-1");
    expect(orgHref("org-1", "admin")).toBe("/o/org-1/admin");
  });
});
