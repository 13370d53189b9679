import { Validator } from "@seriousme/openapi-schema-validator";
import { beforeAll, describe, expect, test } from "vitest";
import { freshApp, type TestApp } from "../support/app";
import { registeredRoutes, routeKey } from "../support/api";

/**
 * The document is validated against the official OpenAPI 3.1 schema, and beyond what a schema
 * can say: every reference resolves, every path parameter is declared, it covers exactly the
 * mounted routes, and the error answers the API gives are documented.
 */

type Json = Record<string, unknown>;
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: Json;
  responses?: Record<string, Json>;
}
type PathItem = Record<string, Operation> & { parameters?: Parameter[] };
interface Document {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, PathItem>;
  components?: Json;
}

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];
/** Routes that serve the document rather than being part of it. */
const NOT_DOCUMENTED = (path: string) => path === "/api/openapi.json" || path.startsWith("/api/docs");

let app: TestApp;
/** The document as served, and as this file reads it. */
let served: Json;
let document: Document;
beforeAll(async () => {
  ({ app } = await freshApp());
  const res = await app.request("/api/openapi.json");
  expect(res.status).toBe(200);
  served = await res.json();
  document = served as unknown as Document;
});

const operations = () =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => ({ path, method, operation: operation as Operation, item })),
  );

/** `/api/orgs/:orgId/members/:userId` → `/orgs/{orgId}/members/{userId}` (the document's server is `/api`). */
const documentPath = (path: string) => path.replace(/^\/api/, "").replace(/:(\w+)/g, "{$1}");

/** Every `$ref` anywhere in the document, with where it was found. */
function refs(node: unknown, at = "#"): [string, string][] {
  if (Array.isArray(node)) return node.flatMap((child, i) => refs(child, `${at}/${i}`));
  if (node === null || typeof node !== "object") return [];
  return Object.entries(node).flatMap(([key, value]) => (key === "$ref" && typeof value === "string" ? [[at, value] as [string, string]] : refs(value, `${at}/${key}`)));
}

function resolve(ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  let node: unknown = document;
  for (const part of ref.slice(2).split("/")) {
    const key = part.replace(/~1/g, "/").replace(/~0/g, "~");
    node = node !== null && typeof node === "object" ? (node as Json)[key] : undefined;
  }
  return node;
}

describe("the API document", () => {
  test("is an OpenAPI 3.1 document with a title and version", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(document.info.title).toBeTruthy();
    expect(document.info.version).toBeTruthy();
  });

  test("is valid against the OpenAPI 3.1 schema", async () => {
    const validator = new Validator();
    // The validator keeps what it is given: a copy, so the other checks read the document as served.
    const result = await validator.validate(structuredClone(served));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  test("every $ref resolves within the document", () => {
    const all = refs(document);
    expect(all.length).toBeGreaterThan(10);
    expect(all.filter(([, ref]) => resolve(ref) === undefined)).toEqual([]);
  });

  test("every operation has answers, each with a description", () => {
    const problems = operations().flatMap(({ path, method, operation }) => {
      const responses = Object.entries(operation.responses ?? {});
      if (responses.length === 0) return [`${method} ${path}: no responses`];
      return responses.filter(([, r]) => typeof r.description !== "string").map(([status]) => `${method} ${path} ${status}: no description`);
    });
    expect(problems).toEqual([]);
  });

  test("every path parameter is declared, required, and nothing else is declared in the path", () => {
    const problems = operations().flatMap(({ path, method, operation, item }) => {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name).sort();
      const declared = [...(item.parameters ?? []), ...(operation.parameters ?? [])].filter((p) => p.in === "path");
      const names = declared.map((p) => p.name).sort();
      const optional = declared.filter((p) => p.required !== true).map((p) => p.name);
      return JSON.stringify(names) === JSON.stringify(inPath) && optional.length === 0 ? [] : [`${method} ${path}: declares ${names.join(",")}, optional ${optional.join(",")}`];
    });
    expect(problems).toEqual([]);
  });

  test("covers every mounted route with its method, and nothing that is not mounted", () => {
    const mounted = registeredRoutes(app)
      .filter((r) => r.path.startsWith("/api/") && !NOT_DOCUMENTED(r.path))
      .map((r) => `${r.method.toLowerCase()} ${documentPath(r.path)}`)
      .sort();
    const documented = operations()
      .map(({ path, method }) => `${method} ${path}`)
      .sort();
    expect(mounted.length).toBeGreaterThanOrEqual(40);
    expect(documented).toEqual(mounted);
  });

  test("every organisation route documents its 401 and 404, every route with a body its 400", () => {
    const problems = operations().flatMap(({ path, method, operation }) => {
      const statuses = Object.keys(operation.responses ?? {});
      const missing = [...(path.startsWith("/orgs/{orgId}") ? ["401", "404"] : []), ...(operation.requestBody ? ["400"] : [])].filter((s) => !statuses.includes(s));
      return missing.length > 0 ? [`${method} ${path}: no ${missing.join(", ")}`] : [];
    });
    expect(problems).toEqual([]);
  });

  test("every success answer of JSON declares its schema", () => {
    const problems = operations().flatMap(({ path, method, operation }) =>
      Object.entries(operation.responses ?? {})
        .filter(([status, r]) => status.startsWith("2") && status !== "204" && !(r.content && Object.values(r.content as Record<string, Json>).every((media) => media.schema)))
        .map(([status]) => `${method} ${path} ${status}`),
    );
    expect(problems).toEqual([]);
  });
});

describe("GET /api/docs", () => {
  test("answers an HTML page whose scripts and style sheets all load from this server", async () => {
    const res = await app.request("/api/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/https?:/);
    const html = await res.text();
    const scripts = [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map(([, src]) => src!);
    const styles = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map(([, href]) => href!);
    expect(scripts.length).toBeGreaterThanOrEqual(2);
    expect(styles.length).toBeGreaterThanOrEqual(1);
    // Inline scripts would need 'unsafe-inline', which the page's CSP does not give.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    for (const [url, type] of [...scripts.map((u) => [u, "javascript"]), ...styles.map((u) => [u, "css"])] as [string, string][]) {
      expect(url, url).toMatch(/^\/api\/docs\//);
      const asset = await app.request(url);
      expect(asset.status, url).toBe(200);
      expect(asset.headers.get("content-type"), url).toContain(type);
      expect((await asset.text()).length, url).toBeGreaterThan(0);
    }
  });

  test("the page's initializer loads this server's document", async () => {
    const html = await (await app.request("/api/docs")).text();
    const init = [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map(([, src]) => src!).find((src) => !src.includes("swagger-ui-bundle"));
    expect(await (await app.request(init!)).text()).toContain('"/api/openapi.json"');
  });

  test.each(["/api/openapi.json", "/api/docs"])("%s is mounted once, for GET", (path) => {
    expect(registeredRoutes(app).filter((r) => r.path === path).map(routeKey)).toEqual([`GET ${path}`]);
  });
});
