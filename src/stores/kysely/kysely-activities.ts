import { CompiledQuery } from 'kysely';
import type { ActivityRecord } from '../../core/store/records.js';
import { ACTIVITY_COLUMNS } from './kysely-columns.js';
import type { StoreDialect } from './kysely-dialect.js';
import { toActivityRow } from './kysely-rows.js';
import type { BlackboxDb } from './kysely-tables.js';

/**
 * Rows per INSERT. Past a few hundred rows a bigger statement is no faster, only longer to
 * build and, on SQLite, a longer synchronous pause of the event loop; below that, the
 * bound-parameter limit decides.
 */
export const MAX_ROWS_PER_INSERT = 500;

const COLUMN_NAMES = ACTIVITY_COLUMNS.map(([name]) => name);

/**
 * Rows per multi-row INSERT for a dialect: as many as fit under its bound-parameter limit,
 * at most `MAX_ROWS_PER_INSERT`.
 *
 * @example
 * activityChunkSize(sqliteStoreDialect); // 500
 */
export function activityChunkSize(dialect: StoreDialect): number {
  const perRow = COLUMN_NAMES.length;
  return Math.max(1, Math.min(MAX_ROWS_PER_INSERT, Math.floor(dialect.maxParameters / perRow)));
}

/**
 * Inserts activities with multi-row INSERT statements, chunked under the parameter limit, in
 * the caller's transaction: one statement per chunk instead of one per row.
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
    const chunk = records.slice(start, start + size);
    const parameters: unknown[] = [];
    for (const record of chunk) {
      const row = toActivityRow(record, dialect) as Record<string, unknown>;
      for (const name of COLUMN_NAMES) parameters.push(row[name] ?? null);
    }
    await trx.executeQuery(CompiledQuery.raw(insertSql(trx, dialect, chunk.length), parameters));
  }
}

/**
 * The SQL of a `rows`-row insert, compiled by the database's own Kysely compiler (so `?` or
 * `$n` placeholders are right) and kept for the full chunk size: building a 14,000-value
 * statement with the query builder costs more than running it.
 */
const fullChunkSql = new Map<string, string>();

function insertSql(db: BlackboxDb, dialect: StoreDialect, rows: number): string {
  const key = `${dialect.name}:${rows}`;
  const cached = fullChunkSql.get(key);
  if (cached !== undefined) return cached;
  const placeholderRow = Object.fromEntries(COLUMN_NAMES.map((name) => [name, null]));
  const values = Array.from({ length: rows }, () => placeholderRow);
  // The table's column types are not expressed per key here; the values are placeholders.
  const { sql } = db
    .insertInto('blackbox_activities')
    .values(values as never)
    .compile();
  if (rows === activityChunkSize(dialect)) fullChunkSql.set(key, sql);
  return sql;
}
