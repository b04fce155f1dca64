import type { Kysely } from 'kysely';
import type { SqlDialectName } from './kysely/kysely-dialect.js';
import type { BlackboxTables } from './kysely/kysely-tables.js';
import { BlackboxError } from '../core/errors/blackbox-error.js';
import type { Store } from '../core/store/store.js';
import { detectKyselyDialect, isKyselyLike, type KyselyLike } from './kysely/kysely-detect.js';
import { createKyselyStore } from './kysely/kysely-store.js';
import { createMemoryStore } from './memory/memory-store.js';
import { createMysqlKysely, isMysqlPool, kyselyOnMysqlPool } from './mysql/mysql-connect.js';
import {
  createPostgresKysely,
  isPostgresPool,
  kyselyOnPostgresPool,
} from './postgres/postgres-connect.js';
import { withSqliteActivityThread } from './sqlite/sqlite-activity-thread.js';
import { SQLITE_MEMORY, createSqliteKysely } from './sqlite/sqlite-connect.js';

/** Options of `openStore` besides the `store` value itself. */
export interface OpenStoreOptions {
  /**
   * Migrate on `open()`. Default: true for SQLite (DESIGN: automatic), false otherwise
   * (`blackbox migrate`; `createBlackbox` passes its own `migrate` option, true by default).
   */
  migrate?: boolean;
  /**
   * Write activity batches of a SQLite file store on a worker thread (`createBlackbox` asks for
   * it when activity logging is on). Default: false.
   */
  activityThread?: boolean;
}

/** The methods that make an object a `Store` we use as it is. */
const STORE_METHODS = [
  'open',
  'reserveIncidentNumbers',
  'writeIncidents',
  'writeActivities',
  'replay',
  'getIncident',
  'listIncidents',
  'setIncidentStatus',
  'getActivity',
  'listActivities',
  'prune',
  'close',
] as const;

/**
 * Turns the `store` option into a `Store`, without I/O: the caller then `await store.open()`,
 * whose failure is a recoverable outage, whereas a malformed option throws here, at start-up.
 * Accepts `"sqlite:<path>"` (relative to the working directory), `"sqlite::memory:"`,
 * `"postgres://…"`, `"mysql://…"` (or `mariadb://`), `"memory:"`, a `Store`, or an app's Kysely
 * instance, `pg.Pool` or mysql2 pool (used as given, without Kysely plugins, never closed).
 *
 * @example
 * const store = openStore(process.env.BLACKBOX_STORE ?? 'sqlite:./blackbox.sqlite');
 * await store.open();
 */
export function openStore(
  // Any object: a Kysely instance, a pg.Pool or a mysql2 pool are class instances, checked by shape.
  spec: string | Store | KyselyLike | object,
  options: OpenStoreOptions = {},
): Store {
  if (typeof spec === 'string') return fromStoreUrl(spec, options);
  if (spec === null || typeof spec !== 'object') throw invalidStore(String(spec));
  const object = spec as { [key: string]: unknown };
  const methods = STORE_METHODS.filter((method) => typeof object[method] === 'function');
  if (methods.length === STORE_METHODS.length) return spec as Store;
  if (isKyselyLike(object)) return fromKysely(object, options);
  if (methods.length > 0) {
    const missing = STORE_METHODS.filter((method) => !methods.includes(method));
    throw invalidStore(`an object without the Store methods ${missing.join(', ')}`);
  }
  if (isPostgresPool(object)) return fromPool('postgres', kyselyOnPostgresPool(object), options);
  if (isMysqlPool(object)) return fromPool('mysql', kyselyOnMysqlPool(object), options);
  throw invalidStore(Object.prototype.toString.call(object));
}

function fromStoreUrl(spec: string, options: OpenStoreOptions): Store {
  if (spec.trim() === 'memory:') return createMemoryStore();
  const database = sqlDatabaseForUrl(spec);
  // SQLite migrates by itself (DESIGN); a server database waits for `blackbox migrate`.
  const migrate = options.migrate ?? database.dialect === 'sqlite';
  const store = createKyselyStore({ ...database, ownsDb: true, migrate });
  if (!options.activityThread || database.dialect !== 'sqlite') return store;
  const path = sqlitePath(spec.trim());
  // A private in-memory database cannot be shared with a second connection.
  if (path === SQLITE_MEMORY) return store;
  return withSqliteActivityThread(store, { path, description: database.description });
}

/** A SQL database named by a store URL: a Kysely instance of ours, not connected yet. */
export interface SqlDatabase {
  db: Kysely<BlackboxTables>;
  dialect: SqlDialectName;
  /** The URL without credentials, for messages. */
  description: string;
}

/**
 * The Kysely instance (ours, to destroy when done) for a `sqlite:`, `postgres://` or
 * `mysql://` URL, without I/O; a malformed URL throws `invalid_option` naming it. For
 * `blackbox migrate`, which works on the database rather than through a Store.
 *
 * @example
 * const { db, dialect } = sqlDatabaseForUrl('postgres://app@db/app');
 */
export function sqlDatabaseForUrl(spec: string): SqlDatabase {
  const value = spec.trim();
  if (value.startsWith('sqlite:')) {
    const path = sqlitePath(value);
    return { db: createSqliteKysely(path), dialect: 'sqlite', description: value };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
  const dialect = DIALECT_OF_SCHEME[scheme ?? ''];
  if (dialect === undefined) throw invalidStore(`"${maskCredentials(spec)}"`);
  assertUrl(value);
  const db = dialect === 'postgres' ? createPostgresKysely(value) : createMysqlKysely(value);
  return { db, dialect, description: maskCredentials(value) };
}

const DIALECT_OF_SCHEME: Readonly<Record<string, 'postgres' | 'mysql'>> = {
  postgres: 'postgres',
  postgresql: 'postgres',
  mysql: 'mysql',
  mariadb: 'mysql',
};

function sqlitePath(value: string): string {
  let path = value.slice('sqlite:'.length);
  // `sqlite:///abs/path` is the URL spelling of an absolute path; `sqlite://x` would read as a
  // host name and silently land in the root directory, so it is refused.
  if (path.startsWith('//')) {
    if (!path.startsWith('///'))
      throw invalidStore(`"${value}" (write sqlite:./file for a relative path)`);
    path = path.slice(2);
  }
  if (path === '')
    throw invalidStore(`"${value}" has no file path (e.g. sqlite:./blackbox.sqlite)`);
  return path === SQLITE_MEMORY ? SQLITE_MEMORY : path;
}

function fromKysely(db: KyselyLike, options: OpenStoreOptions): Store {
  const dialect = detectKyselyDialect(db);
  if (dialect === undefined) {
    const adapter = db.getExecutor().adapter.constructor.name;
    throw new BlackboxError(
      'invalid_option',
      `store: cannot tell which database this Kysely instance uses (adapter ${adapter}); pass ` +
        `createKyselyStore({ db, dialect: 'sqlite' | 'postgres' | 'mysql', ownsDb: false, migrate, description }) as store`,
    );
  }
  const migrate = options.migrate ?? dialect === 'sqlite';
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the app's own table types
  const kysely = db as unknown as Kysely<any>;
  return createKyselyStore({
    db: kysely,
    dialect,
    ownsDb: false,
    migrate,
    description: `kysely:${dialect}`,
  });
}

/** An app's own pool: wrapped in a Kysely instance of ours that is never destroyed. */
function fromPool(
  dialect: 'postgres' | 'mysql',
  db: Kysely<BlackboxTables>,
  options: OpenStoreOptions,
): Store {
  const description = `${dialect === 'postgres' ? 'pg' : 'mysql2'} pool`;
  const migrate = options.migrate ?? false;
  return createKyselyStore({ db, dialect, ownsDb: false, migrate, description });
}

/** A database URL that does not parse is a start-up error naming it (password masked). */
function assertUrl(value: string): void {
  if (URL.canParse(value)) return;
  throw invalidStore(`"${maskCredentials(value)}", which is not a valid URL`);
}

function invalidStore(shown: string): BlackboxError {
  return new BlackboxError(
    'invalid_option',
    `store: expected "sqlite:<path>", "sqlite::memory:", "postgres://…", "mysql://…", "memory:", a Store, a Kysely instance or a pg/mysql2 pool; got ${shown}`,
  );
}

/**
 * Hides passwords in a connection URL before it reaches a message or a log.
 *
 * @example
 * maskCredentials('postgres://app:s3cret@db/prod'); // 'postgres://app:***@db/prod'
 */
export function maskCredentials(value: string): string {
  return value
    .replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/?#@]*:)[^@/?#]*@/i, '$1***@')
    .replace(/([?&](?:password|pass|pwd)=)[^&#]*/gi, '$1***');
}
