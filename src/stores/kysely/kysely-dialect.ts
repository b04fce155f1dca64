import type {
  ColumnDataType,
  Dialect,
  Expression,
  MigrationResultSet,
  MigratorProps,
} from 'kysely';
import type { BlackboxDb, DbBool, DbTime } from './kysely-tables.js';

/** The SQL databases the Kysely store speaks (MariaDB counts as `mysql`). */
export type SqlDialectName = 'sqlite' | 'postgres' | 'mysql';

/** A column type, either one Kysely knows by name or raw SQL (`mediumtext`). */
export type DdlType = ColumnDataType | Expression<unknown>;

/** Everything in the schema that differs per database; the tables themselves are shared. */
export interface DialectDdl {
  /** The surrogate key: its type and whether it needs `autoIncrement()` besides `primaryKey()`. */
  id: { type: DdlType; autoIncrement: boolean };
  time: DdlType;
  /** Text that may exceed 64 KB (stack traces, bodies); MySQL's `text` stops there. */
  longText: DdlType;
  /** Appended to every CREATE TABLE (MySQL: character set and a binary collation). */
  tableOptions?: Expression<unknown>;
}

/**
 * The small contract each database fulfils for the Kysely store (like Kysely's own `Dialect`):
 * locking, the counter, migrations and value codecs. Everything else is dialect-generic.
 */
export interface StoreDialect {
  readonly name: SqlDialectName;
  /** Bound parameters one statement may carry; multi-row inserts are chunked under it. */
  readonly maxParameters: number;
  /**
   * The most bytes of parameter values one statement should carry, when the database limits
   * a statement's size (MySQL's `max_allowed_packet`); multi-row inserts are split under it.
   */
  readonly maxStatementBytes?: number;
  readonly ddl: DialectDdl;
  /** Whether `SELECT … FOR UPDATE` exists (not on SQLite, whose write transaction locks the file). */
  readonly rowLocks: boolean;
  encodeTime(epochMs: number): DbTime;
  decodeTime(value: DbTime): Date;
  encodeBool(value: boolean): DbBool;
  /**
   * Runs `work` in one transaction holding the write lock of every key (fingerprints, op IDs),
   * so that two processes never merge the same fingerprint at once. Commits on success, rolls
   * back on failure. Dialects with per-key locks take them in sorted order (no deadlocks).
   */
  inWriteTransaction<T>(
    db: BlackboxDb,
    lockKeys: readonly string[],
    work: (trx: BlackboxDb) => Promise<T>,
  ): Promise<T>;
  /** Adds `count` to the named counter in one atomic step; returns the counter's new value. */
  incrementCounter(db: BlackboxDb, name: string, count: number): Promise<number>;
  /** Runs Kysely's migrator to the latest version under a lock held across processes. */
  migrateToLatest(props: MigratorProps): Promise<MigrationResultSet>;
  /** A Kysely dialect that compiles this database's SQL without connecting (`blackbox sql`). */
  offlineDialect(): Dialect;
  /** True when a driver error says one of our tables does not exist (migrations not run). */
  isMissingTable(error: unknown): boolean;
  /**
   * The dialect as this connection's driver needs it, asked once when the store opens: a
   * mysql2 pool may hand DATETIME back as local time, UTC or strings, depending on its options.
   */
  forConnection?(db: BlackboxDb): Promise<StoreDialect>;
}
