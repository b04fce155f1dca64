import { createHash } from 'node:crypto';
import {
  CompiledQuery,
  DummyDriver,
  Migrator,
  MysqlAdapter,
  MysqlIntrospector,
  MysqlQueryCompiler,
  sql,
  type MigrationResultSet,
  type MigratorProps,
} from 'kysely';
import { BlackboxError } from '../../core/errors/blackbox-error.js';
import type { StoreDialect } from '../kysely/kysely-dialect.js';
import { inExplicitTransaction } from '../kysely/kysely-transaction.js';
import type { BlackboxDb } from '../kysely/kysely-tables.js';
import { fromDbInt } from '../kysely/kysely-values.js';
import {
  fromMysqlTime,
  probeMysqlTimeReading,
  toMysqlTime,
  type MysqlTimeReading,
} from './mysql-time.js';

/** Seconds to wait for a per-fingerprint lock before the flush fails (and goes to the fallback). */
export const MYSQL_LOCK_TIMEOUT_SECONDS = 10;

/**
 * MySQL and MariaDB for the Kysely store, reading DATETIME as `reading` says (see
 * `probeMysqlTimeReading`); `mysqlStoreDialect` is the one for the pools we create.
 *
 * Times are `datetime(3)` holding UTC, written as text. Long text is `mediumtext` (`text`
 * stops at 65,535 bytes, one short of a full stack trace). Tables are utf8mb4 with a binary
 * collation, so IDs and fingerprints compare exactly as on SQLite and PostgreSQL
 * (`utf8mb4_general_ci` would make `incident-0001` equal `INCIDENT-0001`).
 *
 * Locking: the per-fingerprint lock is a named lock (`GET_LOCK`) taken on the connection
 * before the transaction starts, so that the transaction's first read already sees the
 * previous holder's commit (REPEATABLE READ snapshots start at the first read).
 */
export function createMysqlStoreDialect(reading: MysqlTimeReading): StoreDialect {
  return Object.freeze<StoreDialect>({
    name: 'mysql',
    // The binary protocol counts placeholders in a 16-bit field.
    maxParameters: 65_535,
    // A statement must fit `max_allowed_packet`: 16 MB by default on MariaDB, 64 MB on MySQL 8,
    // 4 MB on MySQL 5.7. Batches of large rows (bodies, tracked changes) are split under 4 MB.
    maxStatementBytes: 4 * 1024 * 1024,
    ddl: {
      id: { type: 'bigint', autoIncrement: true },
      time: sql`datetime(3)`,
      longText: sql`mediumtext`,
      tableOptions: sql`default character set utf8mb4 collate utf8mb4_bin`,
    },
    rowLocks: true,
    encodeTime: toMysqlTime,
    decodeTime: (value) => fromMysqlTime(value, reading),
    encodeBool: (value: boolean) => (value ? 1 : 0),
    inWriteTransaction: (db, lockKeys, work) =>
      db
        .connection()
        .execute((conn) => withNamedLocks(conn, lockKeys, () => inTransaction(conn, work))),
    incrementCounter,
    migrateToLatest,
    offlineDialect: () => ({
      createAdapter: () => new MysqlAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new MysqlIntrospector(db),
      createQueryCompiler: () => new MysqlQueryCompiler(),
    }),
    isMissingTable: (error: unknown) => {
      const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
      return (
        code === 'ER_NO_SUCH_TABLE' && typeof message === 'string' && message.includes('blackbox_')
      );
    },
    forConnection: async (db) => createMysqlStoreDialect(await probeMysqlTimeReading(db)),
  });
}

export const mysqlStoreDialect = createMysqlStoreDialect('text');

/** A lock name within MySQL's 64 characters whatever the key (fingerprints are 64 hex digits). */
function lockName(key: string): string {
  return `blackbox:${createHash('sha1').update(key).digest('hex')}`;
}

async function withNamedLocks<T>(
  conn: BlackboxDb,
  keys: readonly string[],
  work: () => Promise<T>,
): Promise<T> {
  const names = [...new Set(keys.map(lockName))].sort();
  const held: string[] = [];
  try {
    for (const name of names) {
      const { rows } = await conn.executeQuery<{ got: unknown }>(
        CompiledQuery.raw('select get_lock(?, ?) as got', [name, MYSQL_LOCK_TIMEOUT_SECONDS]),
      );
      if (Number(rows[0]?.got) !== 1) {
        const message = `waited ${MYSQL_LOCK_TIMEOUT_SECONDS} s for the lock ${name} held by another process`;
        throw new BlackboxError('store_failed', message);
      }
      held.push(name);
    }
    return await work();
  } finally {
    for (const name of held) {
      await conn
        .executeQuery(CompiledQuery.raw('select release_lock(?)', [name]))
        .catch(() => undefined);
    }
  }
}

function inTransaction<T>(conn: BlackboxDb, work: (trx: BlackboxDb) => Promise<T>) {
  return inExplicitTransaction(conn, 'start transaction', work);
}

/**
 * `UPDATE … SET value = LAST_INSERT_ID(value + n)` is atomic and leaves the new value in the
 * session's LAST_INSERT_ID, read on the same connection (MySQL has no UPDATE … RETURNING).
 */
async function incrementCounter(db: BlackboxDb, name: string, count: number): Promise<number> {
  return db.connection().execute(async (conn) => {
    const update = await conn.executeQuery(
      CompiledQuery.raw(
        'update blackbox_counters set value = last_insert_id(value + ?) where name = ?',
        [count, name],
      ),
    );
    if (update.numAffectedRows === 0n) {
      throw new BlackboxError('store_schema_missing', `the counter row "${name}" is missing`);
    }
    const { rows } = await conn.executeQuery<{ value: string | number }>(
      CompiledQuery.raw('select last_insert_id() as value'),
    );
    return fromDbInt(rows[0]?.value ?? Number.NaN);
  });
}

/**
 * Kysely's MySQL migrator holds a named lock on one connection for the whole run, so
 * instances starting together take turns. MySQL DDL is not transactional: a run killed
 * half-way leaves tables behind, which the next run reports (see README, Migrations).
 */
function migrateToLatest(props: MigratorProps): Promise<MigrationResultSet> {
  return new Migrator(props).migrateToLatest();
}
