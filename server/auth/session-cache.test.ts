import { describe, expect, it } from "vitest";
import { SessionCache } from "./session-cache";

const session = (userId: string) => ({
  user: { id: userId, email: `${userId}@example.test`, name: userId },
  memberships: [{ orgId: "org", orgName: "Org", role: "admin" as const }],
});

describe("SessionCache", () => {
  it("serves a session until its freshness runs out, then asks the database again", () => {
    let now = 1_000;
    const cache = new SessionCache(30_000, () => now);
    cache.set("t1", session("u1"), Number.MAX_SAFE_INTEGER);
    expect(cache.get("t1")?.user.id).toBe("u1");
    now += 30_001;
    expect(cache.get("t1")).toBeUndefined();
  });

  it("never serves a session past the session's own expiry", () => {
    let now = 1_000;
    const cache = new SessionCache(30_000, () => now);
    cache.set("t1", session("u1"), now + 5_000);
    now += 5_001;
    expect(cache.get("t1")).toBeUndefined();
  });

  it("forgets every session of a user whose memberships changed, and only those", () => {
    const cache = new SessionCache();
    cache.set("a", session("u1"), Number.MAX_SAFE_INTEGER);
    cache.set("b", session("u1"), Number.MAX_SAFE_INTEGER);
    cache.set("c", session("u2"), Number.MAX_SAFE_INTEGER);
    cache.forgetUser("u1");
    expect(cache.get("a")).toBeUndefined();
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("c")?.user.id).toBe("u2");
  });

  it("forgets a logged-out token", () => {
    const cache = new SessionCache();
    cache.set("a", session("u1"), Number.MAX_SAFE_INTEGER);
    cache.forgetToken("a");
    expect(cache.get("a")).toBeUndefined();
  });
});
