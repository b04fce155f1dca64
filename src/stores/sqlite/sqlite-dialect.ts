import {
  DummyDriver,
  Migrator,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  sql,
  type MigrationResultSet,
  type MigratorProps,
} from 'kysely';
import { BlackboxError } from '../../core/errors/blackbox-error.js';
import type { StoreDialect } from '../kysely/kysely-dialect.js';
import { inExplicitTransaction } from '../kysely/kysely-transaction.js';
import type { BlackboxDb } from '../kysely/kysely-tables.js';
import { fromDbInt } from '../kysely/kysely-values.js';
import { retryWhileBusy } from './sqlite-busy.js';
import { isoInstant } from '../shared/iso-time.js';

/**
 * SQLite for the Kysely store.
 *
 * Times are ISO-8601 text in UTC with milliseconds and `Z` (`2024-05-01T12:00:00.000Z`), one
 * fixed-width format, so text order is time order, range filters are plain comparisons, and
 * the `sqlite3` shell shows readable instants. Never mix in `datetime('now')` output.
 *
 * Locking: SQLite has one writer per file, so the per-fingerprint lock is the file's write
 * lock, taken up front with `BEGIN IMMEDIATE` (a deferred transaction that reads then writes
 * can fail with SQLITE_BUSY_SNAPSHOT in WAL mode instead of waiting).
 */
export const sqliteStoreDialect: StoreDialect = Object.freeze<StoreDialect>({
  name: 'sqlite',
  // SQLITE_MAX_VARIABLE_NUMBER has defaulted to 32766 since SQLite 3.32 (2020), which every
  // better-sqlite3 release since 7.1 bundles.
  maxParameters: 32_766,
  ddl: { id: { type: 'integer', autoIncrement: true }, time: 'text', longText: 'text' },
  rowLocks: false,
  encodeTime: isoInstant,
  decodeTime: (value: string | Date) => (value instanceof Date ? value : new Date(value)),
  encodeBool: (value: boolean) => (value ? 1 : 0),
  inWriteTransaction: <T>(
    db: BlackboxDb,
    _lockKeys: readonly string[],
    work: (trx: BlackboxDb) => Promise<T>,
  ) => retryWhileBusy(() => db.connection().execute((conn) => inImmediate(conn, work))),
  incrementCounter,
  migrateToLatest,
  offlineDialect: () => ({
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  }),
  isMissingTable: (error: unknown) =>
    error instanceof Error && /no such table: blackbox_/.test(error.message),
});

/**
 * `BEGIN IMMEDIATE` … `COMMIT` on the one connection Kysely lends us (it holds its own mutex
 * meanwhile, so no other query of this process slips into the transaction).
 */
function inImmediate<T>(conn: BlackboxDb, work: (trx: BlackboxDb) => Promise<T>) {
  return inExplicitTransaction(conn, 'begin immediate', work);
}

async function incrementCounter(db: BlackboxDb, name: string, count: number): Promise<number> {
  // One UPDATE … RETURNING is atomic on its own: no transaction, no read-then-write race.
  const row = await retryWhileBusy(() =>
    db
      .updateTable('blackbox_counters')
      .set({ value: sql<number>`value + ${count}` })
      .where('name', '=', name)
      .returning('value')
      .executeTakeFirst(),
  );
  if (row === undefined) {
    throw new BlackboxError('store_schema_missing', `the counter row "${name}" is missing`);
  }
  return fromDbInt(row.value);
}

/** Carries a failed result out of the transaction so that it rolls back. */
class MigrationFailed extends Error {
  constructor(readonly result: MigrationResultSet) {
    super('migration failed');
  }
}

/**
 * Kysely's SQLite migration lock is a no-op (it assumes one process), so the whole run happens
 * inside our own `BEGIN IMMEDIATE`: processes starting together on one file take turns, and the
 * later ones find nothing left to do. A crash mid-way rolls back with the transaction.
 */
async function migrateToLatest(props: MigratorProps): Promise<MigrationResultSet> {
  const db = props.db as BlackboxDb;
  try {
    return await sqliteStoreDialect.inWriteTransaction(db, [], async (conn) => {
      const migrator = new Migrator({ ...props, db: conn, disableTransactions: true });
      const result = await migrator.migrateToLatest();
      if (result.error !== undefined) throw new MigrationFailed(result);
      return result;
    });
  } catch (error) {
    return error instanceof MigrationFailed ? error.result : { error };
  }
}
