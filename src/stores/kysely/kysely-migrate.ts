import { Migrator, type Kysely, type MigrationResultSet, type MigratorProps } from 'kysely';
import { BlackboxError } from '../../core/errors/blackbox-error.js';
import { describeError } from '../shared/errors.js';
import type { SqlDialectName, StoreDialect } from './kysely-dialect.js';
import { storeDialectFor } from './kysely-dialects.js';
import {
  MIGRATION_LOCK_TABLE,
  MIGRATION_TABLE,
  blackboxMigrations,
  compileSchema,
} from './kysely-migrations.js';
import type { BlackboxDb } from './kysely-tables.js';

function migratorProps(db: BlackboxDb, dialect: StoreDialect): MigratorProps {
  const migrations = blackboxMigrations(dialect.ddl);
  return {
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
  };
}

/**
 * Brings the blackbox tables to the latest version, safely when several processes start at
 * once. Like Kysely's migrator it never throws: the result says what ran and what failed.
 *
 * @example
 * const { error, results } = await migrateBlackbox({ db, dialect: 'sqlite' });
 */
export function migrateBlackbox(options: {
  // The app's own Kysely, whatever its table types.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>;
  dialect: SqlDialectName;
}): Promise<MigrationResultSet> {
  const db = options.db.withoutPlugins() as BlackboxDb;
  const dialect = storeDialectFor(options.dialect);
  return dialect.migrateToLatest(migratorProps(db, dialect));
}

/**
 * The DDL of the latest schema as SQL text, one statement per entry, without connecting: for
 * `blackbox sql --dialect …`, so that a DBA can review it or apply it by hand. (Applying it by
 * hand skips `blackbox_migrations`; open such a store with `migrate: false` and it will say so.)
 *
 * @example
 * console.log(blackboxSchemaSql('sqlite').join(';\n') + ';');
 */
export function blackboxSchemaSql(dialect: SqlDialectName): string[] {
  return compileSchema(storeDialectFor(dialect));
}

/**
 * What `open()` does about the schema: migrate when allowed, otherwise check that nothing is
 * pending, so a missing `blackbox migrate` is one clear error rather than failing queries.
 */
export async function ensureSchema(
  db: BlackboxDb,
  dialect: StoreDialect,
  migrate: boolean,
): Promise<void> {
  const props = migratorProps(db, dialect);
  if (migrate) {
    const { error } = await dialect.migrateToLatest(props);
    if (error === undefined) return;
    // Connection failures keep their own code: an unreachable store is retried, not "failed".
    if (error instanceof BlackboxError) throw error;
    const reason = describeError(error);
    throw new BlackboxError('store_failed', `migrating the blackbox tables failed: ${reason}`, {
      cause: error,
    });
  }
  const migrations = await new Migrator(props).getMigrations();
  const pending = migrations.filter((m) => m.executedAt === undefined).map((m) => m.name);
  if (pending.length === 0) return;
  const message = `the blackbox tables are missing or out of date (pending: ${pending.join(', ')}); run \`blackbox migrate\` or open the store with migrate: true`;
  throw new BlackboxError('store_schema_missing', message);
}
