import { Kysely, PostgresDialect, type PostgresPool } from 'kysely';
import type { BlackboxTables } from '../kysely/kysely-tables.js';
import { loadDriver } from '../shared/load-driver.js';

/** The part of the `pg` package we use: its Pool constructor. */
interface PgModule {
  Pool: new (config: Record<string, unknown>) => PostgresPool;
}

/** Timeouts of the pools we create: a dead or locked database fails a flush, never hangs it. */
export const POSTGRES_POOL_DEFAULTS = Object.freeze({
  max: 5,
  connectionTimeoutMillis: 5_000,
  idleTimeoutMillis: 30_000,
  statement_timeout: 30_000,
  lock_timeout: 10_000,
  application_name: 'http-blackbox',
});

/**
 * A Kysely instance on PostgreSQL for a connection URL, through a pool of our own (with the
 * timeouts above). Nothing happens here: `pg` is imported and the pool created on the first
 * query, so a missing driver or a refused connection surfaces from `store.open()`.
 *
 * @example
 * const db = createPostgresKysely('postgres://app@db:5432/app');
 */
export function createPostgresKysely(url: string): Kysely<BlackboxTables> {
  const pool = async () => {
    const pg = await loadDriver<PgModule>('pg', 'PostgreSQL');
    return new pg.Pool({ ...POSTGRES_POOL_DEFAULTS, connectionString: url });
  };
  return new Kysely<BlackboxTables>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * True for a `pg.Pool` (by shape, so another copy of `pg` counts too).
 *
 * @example
 * isPostgresPool(new pg.Pool()); // true
 */
export function isPostgresPool(value: object): value is PostgresPool {
  const pool = value as Record<string, unknown>;
  return (
    typeof pool.connect === 'function' &&
    typeof pool.query === 'function' &&
    typeof pool.end === 'function' &&
    typeof pool.totalCount === 'number'
  );
}

/**
 * A Kysely instance on the app's own `pg.Pool`, used as given. The caller must never
 * `destroy()` it: that would end the app's pool.
 */
export function kyselyOnPostgresPool(pool: PostgresPool): Kysely<BlackboxTables> {
  return new Kysely<BlackboxTables>({ dialect: new PostgresDialect({ pool }) });
}
