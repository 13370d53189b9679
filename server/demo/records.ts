import type { Tx } from "../orgs/create";
import { fieldNames, SYNC_ENTITIES } from "../sync/entities";
import { writeRecords } from "../sync/write";
import type { PushEntity } from "../../shared/sync/constants";

/** A demo record as the seed builds it: its fields and clocks, who made it and when. */
export interface SeedRecord {
  id: string;
  authorId: string;
  createdAt: string;
  clocks: Record<string, string>;
  [field: string]: unknown;
}

/**
 * Writes demo records through the one write path, so they are sequenced for every device and
 * have a history ("created by … on …") like everything a person makes.
 */
export async function seedRecords(tx: Tx, orgId: string, entityName: PushEntity, records: SeedRecord[], now: Date) {
  const entity = SYNC_ENTITIES[entityName];
  const names = fieldNames(entity);
  await writeRecords(
    tx,
    { orgId, userId: records[0]?.authorId ?? "", now },
    records.map((record) => {
      const server = Object.fromEntries((entity.serverFields ?? []).filter((name) => record[name] !== undefined).map((name) => [name, record[name]]));
      return {
        entity: entityName,
        id: record.id,
        before: null,
        state: { fields: Object.fromEntries(names.filter((name) => name in record.clocks).map((name) => [name, record[name]])), clocks: record.clocks, deletedAt: null },
        ...(Object.keys(server).length > 0 ? { server } : {}),
        authorId: record.authorId,
        createdAt: record.createdAt,
        at: record.createdAt,
        by: record.authorId,
      };
    }),
  );
}
