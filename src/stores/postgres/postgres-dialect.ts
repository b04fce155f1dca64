import {
  DummyDriver,
  Migrator,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
  type MigrationResultSet,
  type MigratorProps,
} from 'kysely';
import { BlackboxError } from '../../core/errors/blackbox-error.js';
import type { StoreDialect } from '../kysely/kysely-dialect.js';
import type { BlackboxDb } from '../kysely/kysely-tables.js';
import { fromDbInt } from '../kysely/kysely-values.js';
import { fromPostgresTime } from './postgres-time.js';
import { isoInstant } from '../shared/iso-time.js';

/**
 * The first key of our two-key advisory locks: a namespace of our own ("bbox" in ASCII), so
 * that the app's own `pg_advisory_lock(n)` calls can never wait on ours or be mistaken for them.
 */
export const ADVISORY_LOCK_NAMESPACE = 0x62626f78;

/**
 * PostgreSQL for the Kysely store.
 *
 * Times are `timestamptz(3)`: instants, whatever the session's `TimeZone`. They are sent as
 * ISO-8601 text with `Z` (so pg's Date serialisation and a pool's own settings play no part)
 * and read back as `Date` or, when the app replaced pg's type parser, as text.
 *
 * Locking: the per-fingerprint lock is a transaction-scoped advisory lock on the hash of the
 * key (`pg_advisory_xact_lock`), released by COMMIT or ROLLBACK, even when the process dies.
 * Two keys sharing a hash only wait for each other; they never merge.
 */
export const postgresStoreDialect: StoreDialect = Object.freeze<StoreDialect>({
  name: 'postgres',
  // The wire protocol counts parameters in a 16-bit field.
  maxParameters: 65_535,
  ddl: {
    id: { type: 'bigserial', autoIncrement: false },
    time: sql`timestamptz(3)`,
    longText: 'text',
  },
  rowLocks: true,
  encodeTime: isoInstant,
  decodeTime: fromPostgresTime,
  encodeBool: (value: boolean) => value,
  inWriteTransaction: <T>(
    db: BlackboxDb,
    lockKeys: readonly string[],
    work: (trx: BlackboxDb) => Promise<T>,
  ) =>
    db.transaction().execute(async (trx) => {
      for (const key of [...new Set(lockKeys)].sort()) {
        await sql`select pg_advisory_xact_lock(${sql.lit(ADVISORY_LOCK_NAMESPACE)}, hashtext(${key}))`.execute(
          trx,
        );
      }
      return work(trx);
    }),
  incrementCounter,
  migrateToLatest,
  offlineDialect: () => ({
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  }),
  isMissingTable: (error: unknown) => {
    const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
    return code === '42P01' && typeof message === 'string' && message.includes('blackbox_');
  },
});

async function incrementCounter(db: BlackboxDb, name: string, count: number): Promise<number> {
  // One UPDATE … RETURNING is atomic: the row lock serialises concurrent reservations.
  const row = await db
    .updateTable('blackbox_counters')
    .set({ value: sql<number>`value + ${count}` })
    .where('name', '=', name)
    .returning('value')
    .executeTakeFirst();
  if (row === undefined) {
    throw new BlackboxError('store_schema_missing', `the counter row "${name}" is missing`);
  }
  return fromDbInt(row.value);
}

/**
 * Kysely's PostgreSQL migrator already does what we need: the whole run in one transaction
 * (DDL is transactional here) under an advisory lock, so instances starting together take
 * turns and a failed run leaves nothing behind.
 */
function migrateToLatest(props: MigratorProps): Promise<MigrationResultSet> {
  return new Migrator(props).migrateToLatest();
}
