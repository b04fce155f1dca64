import { BlackboxError } from '../../core/errors/blackbox-error.js';
import { mysqlStoreDialect } from '../mysql/mysql-dialect.js';
import { postgresStoreDialect } from '../postgres/postgres-dialect.js';
import { sqliteStoreDialect } from '../sqlite/sqlite-dialect.js';
import type { SqlDialectName, StoreDialect } from './kysely-dialect.js';

/** Every database the Kysely store speaks; MariaDB is `mysql`. */
const DIALECTS: Readonly<Record<SqlDialectName, StoreDialect>> = {
  sqlite: sqliteStoreDialect,
  postgres: postgresStoreDialect,
  mysql: mysqlStoreDialect,
};

/**
 * The store dialect for a database name; an unknown one is a start-up error naming the option.
 *
 * @example
 * storeDialectFor('sqlite').encodeTime(0); // '1970-01-01T00:00:00.000Z'
 */
export function storeDialectFor(name: SqlDialectName): StoreDialect {
  const dialect = Object.hasOwn(DIALECTS, name) ? DIALECTS[name] : undefined;
  if (dialect !== undefined) return dialect;
  const message = `dialect: expected "sqlite", "postgres" or "mysql", got "${String(name)}"`;
  throw new BlackboxError('invalid_option', message);
}
