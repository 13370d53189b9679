import type { Client } from "@libsql/client";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { parseCsv } from "../../shared/kpi/csv";
import { parseHlc } from "../../shared/sync/hlc";
import { SERVER_NODE } from "../../server/experiments/server-clock";
import { expectError, issuePaths, prepareWorld, snapshot, world } from "../support/api";
import { deletion, hlcAt, mutation, NODE_B, pullAll, pushApplied, pushOk, serverRecord, userId } from "../support/sync";
import { formatHlc } from "../../shared/sync/hlc";

type World = Awaited<ReturnType<typeof world>>;
type Agent = World["a"]["admin"];

beforeAll(prepareWorld, 120_000);

const AMSTERDAM = "Amsterdam Kalverstraat";
const UTRECHT = "Utrecht Hoog Catharijne";
const ROTTERDAM = "Rotterdam Lijnbaan";
const LOYAL = "Loyal regulars";

const FULL_MAPPING = { periodStart: "period_start", value: "value", location: "location", segment: "segment", sampleSize: "sample_size", note: "note" };

async function rows(client: Client, sql: string, args: (string | number)[] = []) {
  const rs = await client.execute({ sql, args });
  return rs.rows.map((row) => Object.fromEntries(rs.columns.map((col, i) => [col, row[i]])));
}
const measurementRows = (client: Client, kpiId: string) =>
  rows(client, "select * from kpi_measurements where kpi_id = ? and deleted_at is null order by period, period_start, value", [kpiId]);

let offset = 0;
/** A fresh KPI (pushed by cx ops), so the demo's measurements stay out of the way. */
async function newKpi(w: World, extra: Record<string, unknown> = {}) {
  const id = randomUUID();
  await pushApplied(w.a.cx, w.a.orgId, [mutation("kpi", id, { name: "Test conversion", unit: "percent", direction: "higher", kind: "proportion", hard: true, ...extra }, hlcAt(offset++, NODE_B))]);
  return id;
}

async function idsByName(w: World, noun: "locations" | "segments") {
  const items = (await w.a.admin.get(`/api/orgs/${w.a.orgId}/${noun}`)).json.items as { id: string; name: string }[];
  return Object.fromEntries(items.map((i) => [i.name, i.id])) as Record<string, string>;
}

const importCsv = (who: Agent, w: World, kpiId: string, body: Record<string, unknown>) =>
  who.post(`/api/orgs/${w.a.orgId}/kpis/${kpiId}/measurements/import`, { period: "week", mode: "all", mapping: FULL_MAPPING, ...body });
const exportCsv = (who: Agent, w: World, kpiId: string, query = "") => who.get(`/api/orgs/${w.a.orgId}/kpis/${kpiId}/measurements.csv${query}`);

/** The invalid_rows answer: the one error shape, with one issue per bad line. */
function expectInvalidRows(res: { status: number; json: any; text: string }, lines: number[]) {
  expect(res.status, res.text).toBe(400);
  expect(Object.keys(res.json)).toEqual(["error"]);
  expect(Object.keys(res.json.error).sort()).toEqual(["code", "issues", "message"]);
  expect(res.json.error.code).toBe("invalid_rows");
  const n = lines.length;
  expect(res.json.error.message).toBe(`${n} ${n === 1 ? "row is" : "rows are"} not valid; nothing was imported`);
  expect(res.json.error.issues.map((i: { path: string }) => i.path)).toEqual(lines.map((l) => `line ${l}`));
  for (const issue of res.json.error.issues) {
    expect(Object.keys(issue).sort()).toEqual(["message", "path"]);
    expect(issue.message.length).toBeGreaterThan(0);
  }
  return res.json.error.issues as { path: string; message: string }[];
}

/** A Dutch spreadsheet's export: BOM, ';', CRLF, decimal commas, %, day-first dates. */
const DUTCH_FILE = [
  "\ufeffDatum;Conversie;Winkel;Segment;Bezoekers;Opmerking",
  `06-01-2025;21,5 %;${AMSTERDAM};;3.100;`,
  `06-01-2025;19,8 %;${UTRECHT};${LOYAL};2.750;Regen`,
  `13/01/2025;22,25%;${AMSTERDAM.toUpperCase()};;3.240;"Koopzondag; druk"`,
].join("\r\n");
const DUTCH_MAPPING = { periodStart: "Datum", value: "Conversie", location: "Winkel", segment: "Segment", sampleSize: "Bezoekers", note: "Opmerking" };

describe("importing measurements from CSV", () => {
  test("a Dutch Excel file is imported: values, places, sample sizes and notes, each field with a server clock, the importer as author", async () => {
    const w = await world();
    const kpiId = await newKpi(w);
    const [locations, segments] = [await idsByName(w, "locations"), await idsByName(w, "segments")];
    const { cursor } = await pullAll(w.a.board, w.a.orgId);
    const res = await importCsv(w.a.cx, w, kpiId, { csv: DUTCH_FILE, mapping: DUTCH_MAPPING });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({ imported: 3, updated: 0, errors: [] });

    const stored = await measurementRows(w.client, kpiId);
    expect(stored.map((r) => [r.period, r.period_start, r.location_id, r.segment_id, r.value, r.sample_size, r.note])).toEqual([
      ["week", "2025-01-06", locations[UTRECHT], segments[LOYAL], 19.8, 2750, "Regen"],
      ["week", "2025-01-06", locations[AMSTERDAM], null, 21.5, 3100, null],
      ["week", "2025-01-13", locations[AMSTERDAM], null, 22.25, 3240, "Koopzondag; druk"],
    ]);

    // Devices pull them like any other change.
    const cxId = await userId(w.a.cx);
    const pulled = [...(await pullAll(w.a.board, w.a.orgId, cursor)).changes.values()].filter((c) => c.entity === "kpi_measurement");
    expect(pulled).toHaveLength(3);
    for (const change of pulled) {
      expect(change.fields.authorId).toBe(cxId);
      expect(Object.keys(change.clocks!).sort()).toEqual(["kpiId", "locationId", "note", "period", "periodStart", "sampleSize", "segmentId", "value"]);
      const clock = parseHlc(Object.values(change.clocks!)[0]!)!;
      expect(clock.node).toBe(SERVER_NODE);
      expect(Math.abs(clock.millis - Date.now())).toBeLessThan(60_000);
    }
  });

  test("re-importing into a measurement restored from the archive keeps it restored (its restore clock stays)", async () => {
    const w = await world();
    const kpiId = await newKpi(w);
    const mapping = { periodStart: "period_start", value: "value" };
    expect((await importCsv(w.a.cx, w, kpiId, { csv: "period_start,value\n2025-01-06,1\n", mapping })).json).toMatchObject({ imported: 1 });
    const [row] = await measurementRows(w.client, kpiId);
    await pushApplied(w.a.cx, w.a.orgId, [deletion("kpi_measurement", row!.id as string, hlcAt(offset++, NODE_B))]);
    expect((await w.a.admin.post(`/api/orgs/${w.a.orgId}/archive/kpi_measurement/${row!.id}/restore`)).status).toBe(200);
    const restoredAt = (await measurementRows(w.client, kpiId))[0]!.restored_at;
    expect(restoredAt).toBeTruthy();
    expect((await importCsv(w.a.cx, w, kpiId, { csv: "period_start,value\n2025-01-06,2\n", mapping })).json).toMatchObject({ imported: 0, updated: 1 });
    expect((await measurementRows(w.client, kpiId))[0]).toMatchObject({ value: 2, restored_at: restoredAt, deleted_at: null });
  });

  test("a date inside a week or month is stored as the start of its period", async () => {
    const w = await world();
    const kpiId = await newKpi(w);
    const csv = "period_start,value\n2025-01-08,1\n";
    expect((await importCsv(w.a.cx, w, kpiId, { csv, mapping: { periodStart: "period_start", value: "value" } })).json).toMatchObject({ imported: 1 });
    expect((await importCsv(w.a.cx, w, kpiId, { csv, mapping: { periodStart: "period_start", value: "value" }, period: "month" })).json).toMatchObject({ imported: 1 });
    expect((await measurementRows(w.client, kpiId)).map((r) => [r.period, r.period_start, r.location_id])).toEqual([
      ["month", "2025-01-01", null],
      ["week", "2025-01-06", null],
    ]);
  });

  const BAD_FILE = [
    "period_start,value,location,segment,sample_size,note",
    `2025-01-06,21.5,${AMSTERDAM},,3100,`, // line 2: good
    `2025-02-30,20.1,${AMSTERDAM},,3000,`, // line 3: no such date
    `2025-01-13,twenty,${UTRECHT},,2900,`, // line 4: not a number
    `2025-01-13,19.9,Eindhoven Centrum,,2900,`, // line 5: no such store
    "",
    `2025-01-20,22.0,${ROTTERDAM},,2800,ok`, // line 7: good
  ].join("\n");

  test("mode all: every bad row is reported with its line and reason, and nothing is imported", async () => {
    const w = await world();
    const kpiId = await newKpi(w);
    const before = await snapshot(w.client);
    const issues = expectInvalidRows(await importCsv(w.a.cx, w, kpiId, { csv: BAD_FILE }), [3, 4, 5]);
    expect(issues[0]!.message).toMatch(/period_start.*2025-02-30.*not a date/);
    expect(issues[1]!.message).toMatch(/value.*twenty.*not a number/);
    expect(issues[2]!.message).toMatch(/location.*Eindhoven Centrum/);
    expect(await snapshot(w.client)).toEqual(before);
  });

  test("a mapping to a column the file does not have is one error on line 1", async () => {
    const w = await world();
    const kpiId = await newKpi(w);
    const before = await snapshot(w.client);
    for (const mode of ["all", "valid_only"]) {
      const res = await importCsv(w.a.cx, w, kpiId, { csv: BAD_FILE, mode, mapping: { ...FULL_MAPPING, value: "Conversie" } });
      if (mode === "all") expect(expectInvalidRows(res, [1])[0]!.message).toContain('"Conversie"');
      else expect(res.json).toEqual({ imported: 0, updated: 0, errors: [{ line: 1, message: expect.stringContaining('"Conversie"') }] });
    }
    expect(await snapshot(w.client)).toEqual(before);
  });

  test("mode valid_only imports the good rows and reports the bad ones", async () => {
    const w = await world();
    const kpiId = await newKpi(w);
    const res = await importCsv(w.a.cx, w, kpiId, { csv: BAD_FILE, mode: "valid_only" });
    expect(res.status, res.text).toBe(200);
    expect(res.json.imported).toBe(2);
    expect(res.json.updated).toBe(0);
    expect(res.json.errors.map((e: { line: number }) => e.line)).toEqual([3, 4, 5]);
    for (const error of res.json.errors) expect(Object.keys(error).sort()).toEqual(["line", "message"]);
    expect((await measurementRows(w.client, kpiId)).map((r) => [r.period_start, r.value, r.note])).toEqual([
      ["2025-01-06", 21.5, null],
      ["2025-01-20", 22, "ok"],
    ]);
  });

  test("the same period, place and segment twice in one file is an error on the later line", async () => {
    const w = await world();
    const kpiId = await newKpi(w);
    const csv = `period_start,value,location\n2025-01-06,1,${AMSTERDAM}\n2025-01-07,2,${AMSTERDAM}\n2025-01-06,3,${UTRECHT}\n`;
    expect(expectInvalidRows(await importCsv(w.a.cx, w, kpiId, { csv, mapping: { periodStart: "period_start", value: "value", location: "location" } }), [3])[0]!.message).toContain("line 2");
  });

  test("dryRun gives the answer the import would give and writes nothing", async () => {
    const w = await world();
    const kpiId = await newKpi(w);
    const before = await snapshot(w.client);
    const dryAll = await importCsv(w.a.cx, w, kpiId, { csv: BAD_FILE, dryRun: true });
    expectInvalidRows(dryAll, [3, 4, 5]);
    const dry = await importCsv(w.a.cx, w, kpiId, { csv: BAD_FILE, mode: "valid_only", dryRun: true });
    expect(dry.status).toBe(200);
    expect(await snapshot(w.client)).toEqual(before);
    const real = await importCsv(w.a.cx, w, kpiId, { csv: BAD_FILE, mode: "valid_only" });
    expect(real.json).toEqual(dry.json);
    // A dry run of a re-import counts the updates it would make.
    const after = await snapshot(w.client);
    expect((await importCsv(w.a.cx, w, kpiId, { csv: BAD_FILE, mode: "valid_only", dryRun: true })).json).toEqual({ ...dry.json, imported: 0, updated: 2 });
    expect(await snapshot(w.client)).toEqual(after);
  });

  test("re-importing updates in place: no duplicates, new values with newer clocks, counted as updated", async () => {
    const w = await world();
    const kpiId = await newKpi(w);
    expect((await importCsv(w.a.cx, w, kpiId, { csv: DUTCH_FILE, mapping: DUTCH_MAPPING })).json).toEqual({ imported: 3, updated: 0, errors: [] });
    const first = await measurementRows(w.client, kpiId);
    const again = await importCsv(w.a.admin, w, kpiId, { csv: DUTCH_FILE, mapping: DUTCH_MAPPING });
    expect(again.json).toEqual({ imported: 0, updated: 3, errors: [] });
    const second = await measurementRows(w.client, kpiId);
    expect(second.map((r) => r.id)).toEqual(first.map((r) => r.id));

    // A corrected file: one value changes, one row is new.
    const corrected = DUTCH_FILE.replace("21,5 %", "21,7 %") + `\r\n20-01-2025;23,0 %;${ROTTERDAM};;2.900;`;
    const third = await importCsv(w.a.cx, w, kpiId, { csv: corrected, mapping: DUTCH_MAPPING });
    expect(third.json).toEqual({ imported: 1, updated: 3, errors: [] });
    const now = await measurementRows(w.client, kpiId);
    expect(now).toHaveLength(4);
    const was = first.find((r) => r.value === 21.5)!;
    const amsterdam = now.find((r) => r.id === was.id)!;
    expect(amsterdam.value).toBe(21.7);
    // The creator stays the author; the clock of every re-imported field moved forward.
    expect(amsterdam.author_id).toBe(was.author_id);
    const [oldClocks, newClocks] = [JSON.parse(String(was.clocks)), JSON.parse(String(amsterdam.clocks))];
    for (const field of ["value", "sampleSize", "note"]) expect(newClocks[field] > oldClocks[field], field).toBe(true);
    expect(newClocks.kpiId).toBe(oldClocks.kpiId);
    expect(Number(amsterdam.seq)).toBeGreaterThan(Number(was.seq));
    const pulled = (await serverRecord(w.a.board, w.a.orgId, "kpi_measurement", was.id as string))!;
    expect(pulled.fields.value).toBe(21.7);
  });

  test("a file without a note or sample size column leaves the stored notes and sample sizes alone", async () => {
    const w = await world();
    const kpiId = await newKpi(w);
    await importCsv(w.a.cx, w, kpiId, { csv: DUTCH_FILE, mapping: DUTCH_MAPPING });
    const res = await importCsv(w.a.cx, w, kpiId, {
      csv: `Datum;Conversie;Winkel;Segment\r\n06-01-2025;20,0;${UTRECHT};${LOYAL}\r\n`,
      mapping: { periodStart: "Datum", value: "Conversie", location: "Winkel", segment: "Segment" },
    });
    expect(res.json).toEqual({ imported: 0, updated: 1, errors: [] });
    const utrecht = (await measurementRows(w.client, kpiId)).find((r) => r.note === "Regen")!;
    expect([utrecht.value, utrecht.sample_size, utrecht.note]).toEqual([20, 2750, "Regen"]);
  });

  test("a re-import beats a device edit whose clock runs ahead of the server's", async () => {
    const w = await world();
    const kpiId = await newKpi(w);
    await importCsv(w.a.cx, w, kpiId, { csv: DUTCH_FILE, mapping: DUTCH_MAPPING });
    const first = (await measurementRows(w.client, kpiId)).find((r) => r.value === 21.5);
    const ahead = formatHlc({ millis: Date.now() + 5 * 60_000, counter: 3, node: NODE_B });
    await pushApplied(w.a.cx, w.a.orgId, [mutation("kpi_measurement", first!.id as string, { value: 99 }, ahead)]);
    await importCsv(w.a.cx, w, kpiId, { csv: DUTCH_FILE, mapping: DUTCH_MAPPING });
    const record = (await serverRecord(w.a.board, w.a.orgId, "kpi_measurement", first!.id as string))!;
    expect(record.fields.value).toBe(21.5);
    expect(record.clocks!.value! > ahead).toBe(true);
  });

  test("a measurement deleted on a device is imported afresh, not brought back", async () => {
    const w = await world();
    const kpiId = await newKpi(w);
    await importCsv(w.a.cx, w, kpiId, { csv: DUTCH_FILE, mapping: DUTCH_MAPPING });
    const [first] = await measurementRows(w.client, kpiId);
    await pushApplied(w.a.cx, w.a.orgId, [deletion("kpi_measurement", first!.id as string, hlcAt(100, NODE_B))]);
    expect((await importCsv(w.a.cx, w, kpiId, { csv: DUTCH_FILE, mapping: DUTCH_MAPPING })).json).toEqual({ imported: 1, updated: 2, errors: [] });
    expect((await rows(w.client, "select deleted_at from kpi_measurements where id = ?", [first!.id as string]))[0]!.deleted_at).not.toBeNull();
    expect(await measurementRows(w.client, kpiId)).toHaveLength(3);
  });

  test("two imports of the same file at once still leave one measurement per period and place", async () => {
    const w = await world();
    const kpiId = await newKpi(w);
    const results = await Promise.all([w.a.cx, w.a.admin, w.a.cx].map((who) => importCsv(who, w, kpiId, { csv: DUTCH_FILE, mapping: DUTCH_MAPPING })));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(results.map((r) => r.json.imported).sort()).toEqual([0, 0, 3]);
    expect(await measurementRows(w.client, kpiId)).toHaveLength(3);
  });

  test("an archived KPI can still be imported into", async () => {
    const w = await world();
    const kpiId = await newKpi(w, { archived: true });
    expect((await importCsv(w.a.cx, w, kpiId, { csv: DUTCH_FILE, mapping: DUTCH_MAPPING })).json).toMatchObject({ imported: 3 });
  });

  test(`at most 10 000 rows at once: 10 001 are a 400 and write nothing`, async () => {
    const w = await world();
    const kpiId = await newKpi(w);
    const day = (i: number) => new Date(Date.UTC(2000, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    const file = (n: number) => ["period_start,value", ...Array.from({ length: n }, (_, i) => `${day(i)},${i % 97}`)].join("\n");
    const before = await snapshot(w.client);
    const res = await importCsv(w.a.cx, w, kpiId, { csv: file(10_001), mapping: { periodStart: "period_start", value: "value" }, period: "day" });
    expectError(res, 400, "too_many_rows");
    expect(res.json.error.message).toContain("10001");
    expect(await snapshot(w.client)).toEqual(before);
    const limit = await importCsv(w.a.cx, w, kpiId, { csv: file(10_000), mapping: { periodStart: "period_start", value: "value" }, period: "day", dryRun: true });
    expect(limit.json).toEqual({ imported: 10_000, updated: 0, errors: [] });
  });

  test.each([
    ["no csv", { csv: undefined }, ["csv"]],
    ["an unknown mode", { mode: "some" }, ["mode"]],
    ["an unknown period", { period: "quarter" }, ["period"]],
    ["a mapping without a value column", { mapping: { periodStart: "period_start" } }, ["mapping.value"]],
    ["an unknown mapping key", { mapping: { ...FULL_MAPPING, colour: "kpi" } }, ["mapping.colour"]],
    ["dryRun as text", { dryRun: "yes" }, ["dryRun"]],
    ["an extra field", { kpiId: randomUUID() }, ["kpiId"]],
  ])("%s is a 400 naming the field", async (_label, extra, paths) => {
    const w = await world();
    const kpiId = await newKpi(w);
    const before = await snapshot(w.client);
    const res = await importCsv(w.a.cx, w, kpiId, { csv: BAD_FILE, ...extra });
    expectError(res, 400, "validation_failed");
    expect(issuePaths(res.json)).toEqual(paths);
    expect(await snapshot(w.client)).toEqual(before);
  });

  test("only admins and cx ops may import: an executive or board member gets 403 and nothing changes", async () => {
    const w = await world();
    const kpiId = await newKpi(w);
    const before = await snapshot(w.client);
    for (const who of [w.a.director, w.a.board]) expectError(await importCsv(who, w, kpiId, { csv: DUTCH_FILE, mapping: DUTCH_MAPPING }), 403, "forbidden");
    expect(await snapshot(w.client)).toEqual(before);
  });

  test("an unknown, deleted or other organisation's KPI is a 404 for import and export", async () => {
    const w = await world();
    const deleted = await newKpi(w);
    await pushApplied(w.a.cx, w.a.orgId, [deletion("kpi", deleted, hlcAt(500, NODE_B))]);
    const before = await snapshot(w.client);
    for (const kpiId of [randomUUID(), "nope", deleted, w.bIds.kpiId]) {
      for (const res of [await importCsv(w.a.admin, w, kpiId, { csv: DUTCH_FILE, mapping: DUTCH_MAPPING }), await exportCsv(w.a.admin, w, kpiId)]) {
        expect(res.status, kpiId).toBe(404);
        expect(res.json).toEqual({ error: { code: "not_found", message: "Not found" } });
      }
    }
    expect(await snapshot(w.client)).toEqual(before);
  });
});

describe("values that cannot mislead", () => {
  const WEEK = { period: "week", periodStart: "2025-01-06", locationId: null, segmentId: null };
  const measurementAt = (kpiId: string, value: number, at: number, extra: Record<string, unknown> = {}) =>
    mutation("kpi_measurement", randomUUID(), { kpiId, ...WEEK, periodStart: `2025-0${1 + (at % 9)}-06`, value, ...extra }, hlcAt(offset++, NODE_B));

  test("a CSV row whose kpi column names another KPI is a row error, never imported into this KPI", async () => {
    const w = await world();
    const kpiId = await newKpi(w);
    const csv = ["period_start,kpi,value", "2025-01-06,Test conversion,21.5", "2025-01-13,NPS,41", `2025-01-20,${kpiId},22`].join("\n");
    const mapping = { periodStart: "period_start", value: "value" };
    const before = await snapshot(w.client);
    const issues = expectInvalidRows(await importCsv(w.a.cx, w, kpiId, { csv, mapping }), [3]);
    expect(issues[0]!.message).toBe('kpi: "NPS" is another KPI than "Test conversion": import its rows into that KPI');
    expect(await snapshot(w.client)).toEqual(before);
    const res = await importCsv(w.a.cx, w, kpiId, { csv, mapping, mode: "valid_only" });
    expect(res.json).toMatchObject({ imported: 2, errors: [{ line: 3 }] });
    expect((await measurementRows(w.client, kpiId)).map((r) => r.value)).toEqual([21.5, 22]);
  });

  test("a percentage outside 0–100 is a row error in a CSV import; 0 and 100 are imported", async () => {
    const w = await world();
    const kpiId = await newKpi(w);
    const csv = "period_start,value\n2025-01-06,150\n2025-01-13,-1\n2025-01-20,100\n2025-01-27,0\n";
    const issues = expectInvalidRows(await importCsv(w.a.cx, w, kpiId, { csv, mapping: { periodStart: "period_start", value: "value" } }), [2, 3]);
    expect(issues.map((i) => i.message)).toEqual(["value: 150 is more than 100", "value: -1 is less than 0"]);
    const res = await importCsv(w.a.cx, w, kpiId, { csv, mapping: { periodStart: "period_start", value: "value" }, mode: "valid_only" });
    expect(res.json.imported).toBe(2);
    expect((await measurementRows(w.client, kpiId)).map((r) => [r.period_start, r.value])).toEqual([
      ["2025-01-20", 100],
      ["2025-01-27", 0],
    ]);
  });

  test("a pushed measurement outside its KPI's range is rejected (out_of_range) and stored nowhere; inside it is applied", async () => {
    const w = await world();
    const kpiId = await newKpi(w);
    const before = await snapshot(w.client);
    const refused = await pushOk(w.a.cx, w.a.orgId, [measurementAt(kpiId, 150, 1), measurementAt(kpiId, -0.5, 2)]);
    expect(refused.results.map((r) => r.status === "rejected" && r.error)).toEqual([
      { code: "out_of_range", message: "value: 150 is more than 100, the most this KPI can be" },
      { code: "out_of_range", message: "value: -0.5 is less than 0, the least this KPI can be" },
    ]);
    expect(await snapshot(w.client)).toEqual(before);
    // An edit of a stored measurement's value is checked the same way; its note alone is not a value.
    const good = measurementAt(kpiId, 23.5, 3);
    await pushApplied(w.a.cx, w.a.orgId, [good]);
    const edit = await pushOk(w.a.cx, w.a.orgId, [mutation("kpi_measurement", good.entityId, { value: 117.25 }, hlcAt(offset++, NODE_B))]);
    expect(edit.results[0]).toMatchObject({ status: "rejected", error: { code: "out_of_range" } });
    expect((await measurementRows(w.client, kpiId)).map((r) => r.value)).toEqual([23.5]);
  });

  test("a KPI states its own range: stored, pulled, and every value written is checked against it (push, CSV, feed)", async () => {
    const w = await world();
    const kpiId = await newKpi(w, { name: "Service rating", unit: "score", kind: "mean", minValue: 1, maxValue: 5 });
    const record = await serverRecord(w.a.cx, w.a.orgId, "kpi", kpiId);
    expect(record!.fields).toMatchObject({ minValue: 1, maxValue: 5 });
    const pushed = await pushOk(w.a.cx, w.a.orgId, [measurementAt(kpiId, 6, 1), measurementAt(kpiId, 4.5, 2)]);
    expect(pushed.results.map((r) => r.status)).toEqual(["rejected", "applied"]);
    const csv = "period_start,value\n2025-02-03,0.5\n2025-02-10,5\n";
    expect(expectInvalidRows(await importCsv(w.a.cx, w, kpiId, { csv, mapping: { periodStart: "period_start", value: "value" } }), [2])[0]!.message).toBe("value: 0.5 is less than 1");
    const fed = await w.a.cx.post(`/api/orgs/${w.a.orgId}/kpis/${kpiId}/measurements`, [
      { period: "week", periodStart: "2025-03-03", value: 5.5 },
      { period: "week", periodStart: "2025-03-10", value: 3 },
    ]);
    expect(fed.status, fed.text).toBe(200);
    expect(fed.json).toMatchObject({ imported: 1, errors: [{ index: 0, message: "value: 5.5 is more than 5" }] });
    // Within one push, a range changed first counts for the measurements after it.
    const widened = await pushOk(w.a.cx, w.a.orgId, [mutation("kpi", kpiId, { maxValue: 10 }, hlcAt(offset++, NODE_B)), measurementAt(kpiId, 7, 4)]);
    expect(widened.results.map((r) => r.status)).toEqual(["applied", "applied"]);
  });

  test("a range that cannot hold is refused: a minimum above the maximum, a percentage's bound beyond 0–100", async () => {
    const w = await world();
    const kpiId = await newKpi(w, { minValue: 10 });
    const before = await snapshot(w.client);
    const refused = await pushOk(w.a.cx, w.a.orgId, [
      mutation("kpi", kpiId, { maxValue: 5 }, hlcAt(offset++, NODE_B)),
      mutation("kpi", kpiId, { maxValue: 150 }, hlcAt(offset++, NODE_B)),
      mutation("kpi", randomUUID(), { name: "NPS", unit: "percent", direction: "higher", kind: "mean", hard: false, minValue: -100 }, hlcAt(offset++, NODE_B)),
    ]);
    expect(refused.results.map((r) => r.status === "rejected" && r.error)).toEqual([
      { code: "validation_failed", message: "The minimum is above the maximum" },
      { code: "validation_failed", message: "A percentage lies between 0 and 100: its minimum and maximum must too" },
      { code: "validation_failed", message: "A percentage lies between 0 and 100: its minimum and maximum must too" },
    ]);
    expect(await snapshot(w.client)).toEqual(before);
  });
});

describe("exporting measurements to CSV", () => {
  test("a file download named after the KPI, by name per place, sorted by period then location, quoted per RFC 4180", async () => {
    const w = await world();
    const kpiId = await newKpi(w, { name: "Café conversie (Q1/Q2)" });
    const [locations, segments] = [await idsByName(w, "locations"), await idsByName(w, "segments")];
    const m = (fields: Record<string, unknown>, i: number) => mutation("kpi_measurement", randomUUID(), { kpiId, period: "week", locationId: null, segmentId: null, sampleSize: null, note: null, ...fields }, hlcAt(200 + i, NODE_B));
    await pushApplied(w.a.cx, w.a.orgId, [
      m({ periodStart: "2025-01-13", locationId: locations[UTRECHT], value: 19.5 }, 0),
      m({ periodStart: "2025-01-06", locationId: locations[UTRECHT], segmentId: segments[LOYAL], value: 20.25, sampleSize: 2750, note: 'Rain, "heavy"\nall day' }, 1),
      m({ periodStart: "2025-01-06", locationId: locations[AMSTERDAM], value: 21.5, sampleSize: 3100 }, 2),
      m({ periodStart: "2025-01-06", value: 20.9 }, 3),
    ]);
    for (const who of [w.a.admin, w.a.director, w.a.cx, w.a.board]) {
      const res = await exportCsv(who, w, kpiId);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(res.headers.get("content-disposition")).toBe('attachment; filename="cafe-conversie-q1-q2.csv"');
      expect(res.text).toBe(
        [
          "period,period_start,location,segment,value,sample_size,note",
          "week,2025-01-06,,,20.9,,",
          `week,2025-01-06,${AMSTERDAM},,21.5,3100,`,
          `week,2025-01-06,${UTRECHT},${LOYAL},20.25,2750,"Rain, ""heavy""\nall day"`,
          `week,2025-01-13,${UTRECHT},,19.5,,`,
          "",
        ].join("\r\n"),
      );
    }
  });

  test("round-trips: importing the exported file with the export's column names imports every row as an update, and changes no value", async () => {
    const w = await world();
    // An amount, so that negative and large values are in its range.
    const kpiId = await newKpi(w, { name: "Spend", unit: "eur", kind: "mean" });
    const [locations] = [await idsByName(w, "locations")];
    await pushApplied(w.a.cx, w.a.orgId, [
      mutation("kpi_measurement", randomUUID(), { kpiId, period: "week", periodStart: "2025-01-06", locationId: locations[ROTTERDAM], value: -0.5, note: "=SUM(A1:A2)" }, hlcAt(300, NODE_B)),
      mutation("kpi_measurement", randomUUID(), { kpiId, period: "week", periodStart: "2025-01-06", locationId: null, value: 1234.5678, sampleSize: 12000, note: "semicolon; inside" }, hlcAt(301, NODE_B)),
    ]);
    await importCsv(w.a.cx, w, kpiId, { csv: DUTCH_FILE, mapping: DUTCH_MAPPING });
    const stored = (await measurementRows(w.client, kpiId)).map((r) => [r.id, r.period_start, r.location_id, r.segment_id, r.value, r.sample_size, r.note]);
    expect(stored).toHaveLength(5);

    const exported = (await exportCsv(w.a.board, w, kpiId)).text;
    expect(parseCsv(exported).rows).toHaveLength(5);
    const res = await importCsv(w.a.cx, w, kpiId, { csv: exported, mapping: FULL_MAPPING });
    expect(res.json).toEqual({ imported: 0, updated: 5, errors: [] });
    expect((await measurementRows(w.client, kpiId)).map((r) => [r.id, r.period_start, r.location_id, r.segment_id, r.value, r.sample_size, r.note])).toEqual(stored);
    // And the file a second export gives is the same file.
    expect((await exportCsv(w.a.board, w, kpiId)).text).toBe(exported);
  });

  test("?period= exports one period only; an unknown period is a 400", async () => {
    const w = await world();
    const kpiId = await newKpi(w);
    const mapping = { periodStart: "period_start", value: "value" };
    await importCsv(w.a.cx, w, kpiId, { csv: "period_start,value\n2025-01-06,1\n", mapping, period: "week" });
    await importCsv(w.a.cx, w, kpiId, { csv: "period_start,value\n2025-01-06,2\n", mapping, period: "day" });
    expect(parseCsv((await exportCsv(w.a.cx, w, kpiId)).text).rows).toHaveLength(2);
    expect(parseCsv((await exportCsv(w.a.cx, w, kpiId, "?period=day")).text).rows.map((r) => r.cells)).toEqual([["day", "2025-01-06", "", "", "2", "", ""]]);
    const bad = await exportCsv(w.a.cx, w, kpiId, "?period=year");
    expectError(bad, 400, "validation_failed");
    expect(issuePaths(bad.json)).toEqual(["period"]);
  });

  test("a KPI without measurements exports the header only; the demo's retention KPI exports its twenty weeks per store", async () => {
    const w = await world();
    const empty = await newKpi(w);
    expect((await exportCsv(w.a.director, w, empty)).text).toBe("period,period_start,location,segment,value,sample_size,note\r\n");
    const kpis = [...(await pullAll(w.a.board, w.a.orgId)).changes.values()].filter((c) => c.entity === "kpi");
    const retention = kpis.find((k) => k.fields.name === "12-month retention")!;
    const res = await exportCsv(w.a.board, w, retention.entityId);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="12-month-retention.csv"');
    const { rows: lines } = parseCsv(res.text);
    expect(lines).toHaveLength(20 * 7);
    const starts = lines.map((l) => l.cells[1]!);
    expect(starts).toEqual([...starts].sort());
    expect(new Set(lines.map((l) => l.cells[2])).size).toBe(7);
  });
});
