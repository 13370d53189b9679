import { describe, expect, it } from "vitest";
import { ROLES } from "../../shared/roles";
import { NAV, navFor, orgHref } from "./nav";

describe("navigation per role", () => {
  it("gives admins Home, Admin and Me", () => {
    expect(navFor("admin").map((entry) => entry.icon)).toEqual(["home", "admin", "me"]);
  });

  it("gives executives, CX operations and the board Home and Me only", () => {
    for (const role of ["executive", "cx_ops", "board"] as const) {
      expect(navFor(role).map((entry) => entry.icon)).toEqual(["home", "me"]);
    }
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
