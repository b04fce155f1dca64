import { CompiledQuery } from 'kysely';
import type { ActivityRecord } from '../../core/store/records.js';
import { ACTIVITY_COLUMNS } from './kysely-columns.js';
import type { StoreDialect } from './kysely-dialect.js';
import { writeActivityValues } from './kysely-rows.js';
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
 * How `rows` rows are split into INSERT statements: full chunks, then the rest in powers of
 * two (137 → 128 + 8 + 1). So only a dozen statement texts ever exist per dialect, each built
 * and prepared once, whatever sizes the flushes have.
 *
 * @example
 * insertSizes(1137, 500); // [500, 500, 128, 8, 1]
 */
export function insertSizes(rows: number, chunk: number): number[] {
  const sizes: number[] = [];
  let left = rows;
  for (; left >= chunk; left -= chunk) sizes.push(chunk);
  for (let size = 2 ** Math.floor(Math.log2(Math.max(left, 1))); left > 0; size /= 2) {
    if (size <= left) {
      sizes.push(size);
      left -= size;
    }
  }
  return sizes;
}

/**
 * Inserts activities with multi-row INSERT statements, chunked under the parameter limit (and,
 * on MySQL, the statement size), in the caller's transaction: one statement per chunk instead
 * of one per row.
 *
 * @example
 * await dialect.inWriteTransaction(db, [], (trx) => insertActivities(trx, records, dialect));
 */
export async function insertActivities(
  trx: BlackboxDb,
  records: readonly ActivityRecord[],
  dialect: StoreDialect,
): Promise<void> {
  const width = COLUMN_NAMES.length;
  const values = new Array<unknown>(records.length * width);
  let at = 0;
  for (const record of records) at = writeActivityValues(values, at, record, dialect);
  const chunk = activityChunkSize(dialect);
  for (const [first, end] of statementRanges(values, records.length, dialect)) {
    let start = first;
    for (const size of insertSizes(end - first, chunk)) {
      // A batch that is one statement (the usual flush) binds the values as they are.
      const whole = size === records.length;
      const parameters = whole ? values : values.slice(start * width, (start + size) * width);
      start += size;
      await trx.executeQuery(CompiledQuery.raw(insertSql(trx, dialect, size), parameters));
    }
  }
}

/**
 * Consecutive row ranges `[first, end)` whose values fit one statement of
 * `dialect.maxStatementBytes` (all rows at once where there is no such limit). A row bigger
 * than that is a range of its own. The estimate is an upper bound: 3 UTF-8 bytes per UTF-16
 * unit of text.
 */
function statementRanges(
  values: readonly unknown[],
  rows: number,
  dialect: StoreDialect,
): [number, number][] {
  const budget = dialect.maxStatementBytes;
  if (budget === undefined) return [[0, rows]];
  const width = COLUMN_NAMES.length;
  const ranges: [number, number][] = [];
  let first = 0;
  let bytes = 0;
  for (let row = 0; row < rows; row += 1) {
    let size = 0;
    for (let i = row * width; i < (row + 1) * width; i += 1) {
      const value = values[i];
      size += typeof value === 'string' ? value.length * 3 : 8;
    }
    if (row > first && bytes + size > budget) {
      ranges.push([first, row]);
      first = row;
      bytes = 0;
    }
    bytes += size;
  }
  if (rows > first) ranges.push([first, rows]);
  return ranges;
}

/**
 * The SQL of a `rows`-row insert, compiled by the database's own Kysely compiler (so `?` or
 * `$n` placeholders are right) once per size: building a 14,000-value statement with the
 * query builder costs more than running it.
 */
const insertSqlBySize = new Map<string, string>();

function insertSql(db: BlackboxDb, dialect: StoreDialect, rows: number): string {
  const key = `${dialect.name}:${rows}`;
  const cached = insertSqlBySize.get(key);
  if (cached !== undefined) return cached;
  const placeholderRow = Object.fromEntries(COLUMN_NAMES.map((name) => [name, null]));
  const values = Array.from({ length: rows }, () => placeholderRow);
  // The table's column types are not expressed per key here; the values are placeholders.
  const { sql } = db
    .insertInto('blackbox_activities')
    .values(values as never)
    .compile();
  insertSqlBySize.set(key, sql);
  return sql;
}
