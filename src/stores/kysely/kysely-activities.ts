import type { ActivityRecord } from '../../core/store/records.js';
import { ACTIVITY_COLUMNS } from './kysely-columns.js';
import type { StoreDialect } from './kysely-dialect.js';
import { toActivityRow } from './kysely-rows.js';
import type { BlackboxDb } from './kysely-tables.js';

/**
 * Rows per INSERT. Past a few hundred rows a bigger statement is no faster, only longer to
 * build and holding the lock longer; below that, the bound-parameter limit decides.
 */
export const MAX_ROWS_PER_INSERT = 500;

/**
 * Rows per multi-row INSERT for a dialect: as many as fit under its bound-parameter limit,
 * at most `MAX_ROWS_PER_INSERT`.
 *
 * @example
 * activityChunkSize(sqliteStoreDialect); // 500
 */
export function activityChunkSize(dialect: StoreDialect): number {
  const perRow = ACTIVITY_COLUMNS.length;
  return Math.max(1, Math.min(MAX_ROWS_PER_INSERT, Math.floor(dialect.maxParameters / perRow)));
}

/**
 * Inserts activities with multi-row INSERT statements, chunked under the parameter limit, in
 * the caller's transaction (one round trip per chunk instead of one per row).
 *
 * @example
 * await dialect.inWriteTransaction(db, [], (trx) => insertActivities(trx, records, dialect));
 */
export async function insertActivities(
  trx: BlackboxDb,
  records: readonly ActivityRecord[],
  dialect: StoreDialect,
): Promise<void> {
  const size = activityChunkSize(dialect);
  for (let start = 0; start < records.length; start += size) {
    const rows = records.slice(start, start + size).map((record) => toActivityRow(record, dialect));
    await trx.insertInto('blackbox_activities').values(rows).execute();
  }
}
