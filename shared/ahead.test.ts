import { describe, expect, it } from "vitest";
import { memberOrgOf } from "./ahead";
import type { LoginResponse } from "./schemas/auth";

const session: LoginResponse = { user: { id: "u1", email: "a@example.com", name: "A" }, memberships: [{ orgId: "org-1", orgName: "Demo", role: "executive" }] };

describe("memberOrgOf", () => {
  it("is the organisation of the address when the session is one of its members, whatever the screen", () => {
    expect(memberOrgOf("/o/org-1", session)).toBe("org-1");
    expect(memberOrgOf("/o/org-1/experiments/e1", session)).toBe("org-1");
  });

  it("is null for another organisation's address and for an address outside any organisation", () => {
    expect(memberOrgOf("/o/org-2/findings", session)).toBeNull();
    expect(memberOrgOf("/", session)).toBeNull();
    expect(memberOrgOf("/login", session)).toBeNull();
  });
});
