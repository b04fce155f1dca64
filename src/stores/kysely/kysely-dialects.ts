import { BlackboxError } from '../../core/errors/blackbox-error.js';
import { sqliteStoreDialect } from '../sqlite/sqlite-dialect.js';
import type { SqlDialectName, StoreDialect } from './kysely-dialect.js';

/** The dialects this release ships; PostgreSQL and MySQL register here when they arrive. */
const DIALECTS: Partial<Record<SqlDialectName, StoreDialect>> = {
  sqlite: sqliteStoreDialect,
};

/**
 * The store dialect for a database name; an unknown or not-yet-shipped one is a start-up
 * error naming the option.
 *
 * @example
 * storeDialectFor('sqlite').encodeTime(0); // '1970-01-01T00:00:00.000Z'
 */
export function storeDialectFor(name: SqlDialectName): StoreDialect {
  const dialect = DIALECTS[name];
  if (dialect !== undefined) return dialect;
  const known = name === 'postgres' || name === 'mysql';
  const message = known
    ? `dialect: "${name}" stores arrive in a later release of http-blackbox; use SQLite for now`
    : `dialect: expected "sqlite", "postgres" or "mysql", got "${String(name)}"`;
  throw new BlackboxError('invalid_option', message);
}
