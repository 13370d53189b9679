import { getTableColumns, getTableName, sql, type SQL } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { formatCursor, type PullResponse } from "../../shared/sync/protocol";
import type { Db } from "../db/client";
import { businessCaseDecisions, caseSnapshots, experimentDecisions, journeyStages, locations, segments, themes } from "../db/schema";
import { fieldNames, SYNC_ENTITIES } from "./entities";
import type { PullEntity } from "../../shared/sync/constants";

interface PullSource {
  entity: PullEntity;
  table: SQLiteTable;
  /** Wire fields, each a column of the table under the same (camelCase) name. */
  fields: string[];
  synced: boolean;
}

const SERVER_FIELDS = ["authorId", "createdAt", "updatedAt"];

const SOURCES: PullSource[] = [
  ...Object.entries(SYNC_ENTITIES).map(([entity, def]) => ({
    entity: entity as PullEntity,
    table: def.table,
    fields: [...fieldNames(def), ...(def.serverFields ?? []), ...SERVER_FIELDS],
    synced: true,
  })),
  { entity: "location", table: locations, fields: ["name", "kind", "archivedAt"], synced: false },
  { entity: "journey_stage", table: journeyStages, fields: ["name", "position", "archivedAt"], synced: false },
  { entity: "segment", table: segments, fields: ["name", "motives", "archivedAt"], synced: false },
  { entity: "theme", table: themes, fields: ["name", "description", "notDoing", "archivedAt"], synced: false },
  { entity: "experiment_decision", table: experimentDecisions, fields: ["experimentId", "from", "to", "reason", "userId", "userName", "at", "dutiesSeparated"], synced: false },
  { entity: "business_case_decision", table: businessCaseDecisions, fields: ["businessCaseId", "from", "to", "reason", "userId", "userName", "at", "dutiesSeparated"], synced: false },
  { entity: "business_case_snapshot", table: caseSnapshots, fields: ["businessCaseId", "version", "submittedAt", "submittedBy", "fields", "scenarios", "experiments", "changed"], synced: false },
];

/** A column as a JSON value: JSON text stays structured, 0/1 flags become booleans. */
function jsonValue(table: SQLiteTable, key: string): SQL {
  const column = (getTableColumns(table) as Record<string, { columnType: string }>)[key];
  if (!column) throw new Error(`${getTableName(table)} has no column ${key}`);
  const name = sql.identifier(toSnakeCase(key));
  if (column.columnType === "SQLiteTextJson") return sql`json(${name})`;
  if (column.columnType === "SQLiteBoolean") return sql`case when ${name} is null then null when ${name} then json('true') else json('false') end`;
  return sql`${name}`;
}

function sourceQuery(source: PullSource, orgId: string, since: number): SQL {
  const pairs = sql.join(
    source.fields.map((key) => sql`${key === "archivedAt" ? "archived" : key}, ${key === "archivedAt" ? sql`json(case when archived_at is null then 'false' else 'true' end)` : jsonValue(source.table, key)}`),
    sql`, `,
  );
  const table = sql.identifier(getTableName(source.table));
  const deletedAt = source.synced ? sql`deleted_at` : sql`null`;
  const clocks = source.synced ? sql`clocks` : sql`null`;
  const restoredAt = source.synced ? sql`restored_at` : sql`null`;
  return sql`select ${source.entity} as entity, id, seq, ${deletedAt} as deleted_at, ${restoredAt} as restored_at, json_object(${pairs}) as fields, ${clocks} as clocks
    from ${table} where org_id = ${orgId} and seq > ${since}`;
}

interface Row {
  entity: PullEntity;
  id: string;
  seq: number;
  deleted_at: string | null;
  restored_at: string | null;
  fields: string;
  clocks: string | null;
}

/**
 * Every record of the organisation changed after `since`, newest state only, oldest change
 * first. One statement over all tables, so the page is one consistent snapshot: reading the
 * tables one by one could pass over a change committed between two reads.
 */
export async function pullChanges(db: Db, orgId: string, since: number, limit: number): Promise<PullResponse> {
  const union = sql.join(
    SOURCES.map((source) => sourceQuery(source, orgId, since)),
    sql` union all `,
  );
  const rows = await db.all<Row>(sql`${union} order by seq limit ${limit + 1}`);
  const page = rows.slice(0, limit);
  const changes = page.map((row) => ({
    entity: row.entity,
    entityId: row.id,
    deleted: row.deleted_at !== null,
    fields: JSON.parse(row.fields) as Record<string, unknown>,
    ...(row.clocks ? { clocks: JSON.parse(row.clocks) as Record<string, string>, deletedAt: row.deleted_at } : {}),
    ...(row.restored_at ? { restoredAt: row.restored_at } : {}),
  }));
  const last = page.at(-1);
  return { changes, cursor: formatCursor(last ? Number(last.seq) : since), hasMore: rows.length > limit };
}
