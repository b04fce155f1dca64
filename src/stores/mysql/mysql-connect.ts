import {
  CompiledQuery,
  Kysely,
  MysqlDialect,
  type DatabaseConnection,
  type MysqlPool,
} from 'kysely';
import type { BlackboxTables } from '../kysely/kysely-tables.js';
import { loadDriver } from '../shared/load-driver.js';

/** The part of the `mysql2` package we use. */
interface Mysql2Module {
  createPool(config: Record<string, unknown>): MysqlPool;
}

/** Seconds a statement of ours may run before the server stops it. */
export const MYSQL_STATEMENT_TIMEOUT_SECONDS = 30;

/**
 * The options of the pools we create. `timezone: 'Z'` and `dateStrings` because mysql2 would
 * otherwise read and write DATETIME in the process's local time zone; `supportBigNumbers` so
 * that BIGINT counters arrive whole.
 */
export const MYSQL_POOL_DEFAULTS = Object.freeze({
  connectionLimit: 5,
  connectTimeout: 5_000,
  timezone: 'Z',
  dateStrings: true,
  supportBigNumbers: true,
  charset: 'utf8mb4',
});

/**
 * A Kysely instance on MySQL or MariaDB for a `mysql://` (or `mariadb://`) URL, through a pool
 * of our own. Nothing happens here: mysql2 is imported and the pool created on the first query.
 *
 * @example
 * const db = createMysqlKysely('mysql://app:secret@db:3306/app');
 */
export function createMysqlKysely(url: string): Kysely<BlackboxTables> {
  const pool = async () => {
    const mysql = await loadDriver<Mysql2Module>('mysql2', 'MySQL/MariaDB');
    const uri = url.replace(/^mariadb:/i, 'mysql:');
    return mysql.createPool({ ...MYSQL_POOL_DEFAULTS, uri });
  };
  const dialect = new MysqlDialect({ pool, onCreateConnection: limitStatementTime });
  return new Kysely<BlackboxTables>({ dialect });
}

/**
 * Caps statement time per session: `max_statement_time` (seconds) on MariaDB,
 * `max_execution_time` (milliseconds, SELECTs only) on MySQL; the other one is unknown there.
 */
async function limitStatementTime(connection: DatabaseConnection): Promise<void> {
  const seconds = MYSQL_STATEMENT_TIMEOUT_SECONDS;
  const attempts = [
    `set session max_statement_time = ${seconds}`,
    `set session max_execution_time = ${seconds * 1000}`,
  ];
  for (const attempt of attempts) {
    try {
      await connection.executeQuery(CompiledQuery.raw(attempt));
      return;
    } catch {
      // The variable of the other server; try the next one.
    }
  }
}

/**
 * True for a mysql2 pool (by shape): the callback pool, or the promise pool wrapping one.
 *
 * @example
 * isMysqlPool(mysql.createPool(url)); // true
 */
export function isMysqlPool(value: object): boolean {
  return callbackPool(value) !== undefined;
}

/** The callback-style pool Kysely needs: the value itself or a promise pool's `.pool`. */
function callbackPool(value: object): MysqlPool | undefined {
  const candidate = value as { getConnection?: unknown; config?: unknown; pool?: unknown };
  const isCallbackPool =
    typeof candidate.getConnection === 'function' &&
    typeof (candidate.config as { connectionConfig?: unknown } | undefined)?.connectionConfig ===
      'object' &&
    typeof (value as { promise?: unknown }).promise === 'function';
  if (isCallbackPool) return value as MysqlPool;
  const inner = candidate.pool;
  return inner !== null && typeof inner === 'object' ? callbackPool(inner) : undefined;
}

/**
 * A Kysely instance on the app's own mysql2 pool, used as given (its `timezone` and
 * `dateStrings` are probed at open, not changed). Never `destroy()` it.
 */
export function kyselyOnMysqlPool(value: object): Kysely<BlackboxTables> {
  const pool = callbackPool(value);
  if (pool === undefined) throw new TypeError('not a mysql2 pool');
  return new Kysely<BlackboxTables>({ dialect: new MysqlDialect({ pool }) });
}
