import { describe, expect, it } from "vitest";
import { ROLES } from "../../shared/roles";
import { ADMIN_SECTIONS, NAV, navFor, orgHref } from "./nav";

describe("navigation per role", () => {
  it("gives each role its tabs, at most five for a 360 px bottom bar", () => {
    expect(navFor("admin").map((entry) => entry.icon)).toEqual(["home", "findings", "experiments", "admin", "me"]);
    expect(navFor("executive").map((entry) => entry.icon)).toEqual(["home", "visits", "findings", "mystery", "me"]);
    expect(navFor("cx_ops").map((entry) => entry.icon)).toEqual(["home", "findings", "experiments", "mystery", "me"]);
    expect(navFor("board").map((entry) => entry.icon)).toEqual(["board", "findings", "experiments", "me"]);
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

  it("keeps the tabs the daily work of each role depends on", () => {
    // Directors capture on the floor: visits and mystery shopping stay one tap away.
    expect(navFor("executive").map((entry) => entry.path)).toEqual(expect.arrayContaining(["visits", "mystery"]));
    // CX operations run mystery shops and plan experiments; visits start from Home.
    expect(navFor("cx_ops").map((entry) => entry.path)).toEqual(expect.arrayContaining(["mystery", "experiments"]));
    // The board decides on experiments; admins keep their settings.
    expect(navFor("board").map((entry) => entry.path)).toContain("experiments");
    expect(navFor("admin").map((entry) => entry.path)).toEqual(expect.arrayContaining(["admin", "experiments"]));
    for (const role of ["executive", "cx_ops", "board"] as const) expect(navFor(role).map((entry) => entry.path)).not.toContain("admin");
  });

  it("names the board's home tab for the board view it opens, and nobody else's", () => {
    const home = (role: (typeof ROLES)[number]) => navFor(role).find((entry) => entry.path === "")!;
    expect(home("board")).toMatchObject({ label: "nav.board", icon: "board" });
    for (const role of ["admin", "executive", "cx_ops"] as const) expect(home(role)).toMatchObject({ label: "nav.home", icon: "home" });
    expect(NAV.find((entry) => entry.path === "")!.label).toBe("nav.home");
  });

  it("lists the organisation's own settings among the admin sections, each section once", () => {
    expect(ADMIN_SECTIONS.find((section) => section.path === "organisation")?.label).toBe("admin.organisation");
    expect(new Set(ADMIN_SECTIONS.map((section) => section.path)).size).toBe(ADMIN_SECTIONS.length);
  });

  it("builds links inside the organisation", () => {
    expect(orgHref("org-1")).toBe("/o/org-1");
    expect(orgHref("org-1", "admin")).toBe("/o/org-1/admin");
  });
});
