import { describe, expect, it } from "vitest";
import { agent, demoOrg, freshApp } from "../support/app";
import { captured } from "../support/log";

describe("request log", () => {
  it("writes one line per request with its route pattern, status, duration, user and org, and returns the id", async () => {
    const { lines, log } = captured();
    const { app } = await freshApp({ log });
    const { director, orgId } = await demoOrg(app);
    const me = (await director.get("/api/me")).json.user.id;
    lines.length = 0;
    const res = await director.get(`/api/orgs/${orgId}/members`);
    expect(res.status).toBe(200);
    const requestId = res.headers.get("x-request-id");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const line = lines.find((l) => l.msg === "request");
    expect(line).toMatchObject({
      level: "info",
      requestId,
      method: "GET",
      route: "/api/orgs/:orgId/members",
      status: 200,
      userId: me,
      orgId,
    });
    expect(typeof line!.ms).toBe("number");
    expect(typeof line!.time).toBe("string");
  });

  it("logs a failed login as a security event with the address, and the request line with 401", async () => {
    const { lines, log } = captured();
    const { app } = await freshApp({ log });
    await demoOrg(app);
    lines.length = 0;
    const res = await agent(app).post("/api/auth/login", { email: "director@demo.example", password: "wrong-wrong-wrong" });
    expect(res.status).toBe(401);
    const requestId = res.headers.get("x-request-id");
    expect(lines.find((l) => l.event === "login_failed")).toMatchObject({ level: "warn", requestId, email: "director@demo.example" });
    expect(lines.find((l) => l.msg === "request")).toMatchObject({ requestId, route: "/api/auth/login", status: 401 });
  });

  it("logs a 500 with method, path and user, and answers in the one error shape", async () => {
    const { lines, log } = captured();
    const { app, client } = await freshApp({ log });
    const { director, orgId } = await demoOrg(app);
    const me = (await director.get("/api/me")).json.user.id;
    await client.execute("ALTER TABLE locations RENAME TO locations_gone");
    lines.length = 0;
    const res = await director.get(`/api/orgs/${orgId}/locations`);
    expect(res.status).toBe(500);
    expect(res.json.error.code).toBe("internal");
    expect(lines.find((l) => l.msg === "request failed")).toMatchObject({ level: "error", method: "GET", path: `/api/orgs/${orgId}/locations`, userId: me });
  });
});
