import { MysqlAdapter, PostgresAdapter, SqliteAdapter } from 'kysely';
import type { SqlDialectName } from './kysely-dialect.js';

/** The shape of a Kysely instance that we can recognise without importing the app's copy. */
export interface KyselyLike {
  selectFrom: unknown;
  getExecutor(): { adapter: object };
}

const BY_CLASS_NAME: Readonly<Record<string, SqlDialectName>> = {
  SqliteAdapter: 'sqlite',
  PostgresAdapter: 'postgres',
  MysqlAdapter: 'mysql',
};

/** True for anything that looks like a Kysely instance (duck-typed: another copy may differ). */
export function isKyselyLike(value: object): value is KyselyLike {
  const candidate = value as Partial<Record<string, unknown>>;
  return typeof candidate.selectFrom === 'function' && typeof candidate.getExecutor === 'function';
}

/**
 * Which database a Kysely instance talks to, from its adapter: `instanceof` for our copy of
 * Kysely, else the class names along the prototype chain (another copy of Kysely, or a
 * third-party dialect whose adapter extends a built-in one, e.g. PGlite or libSQL).
 * Undefined when neither tells.
 *
 * @example
 * detectKyselyDialect(new Kysely({ dialect: new SqliteDialect({ database }) })); // 'sqlite'
 */
export function detectKyselyDialect(db: KyselyLike): SqlDialectName | undefined {
  const adapter = db.getExecutor().adapter;
  if (adapter instanceof SqliteAdapter) return 'sqlite';
  if (adapter instanceof PostgresAdapter) return 'postgres';
  if (adapter instanceof MysqlAdapter) return 'mysql';
  for (let proto: unknown = Object.getPrototypeOf(adapter); proto;) {
    const name = (proto as { constructor?: { name?: unknown } }).constructor?.name;
    if (typeof name === 'string' && name in BY_CLASS_NAME) return BY_CLASS_NAME[name];
    proto = Object.getPrototypeOf(proto);
  }
  return undefined;
}
