import { describe, expect, test } from "vitest";
import { freshApp } from "../support/app";

interface Document {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
}

describe("the API document", () => {
  test("GET /api/openapi.json is an OpenAPI 3.1 document of the declared routes", async () => {
    const { app } = await freshApp();
    const res = await app.request("/api/openapi.json");
    expect(res.status).toBe(200);
    const document = (await res.json()) as Document;
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths["/orgs/{orgId}/members/{userId}"] ?? {}).sort()).toEqual(["delete", "patch"]);
  });
});
