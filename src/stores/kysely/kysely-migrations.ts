import { Kysely, sql, type CompiledQuery, type Migration } from 'kysely';
import {
  ACTIVITY_COLUMNS,
  ALIAS_COLUMNS,
  APPLIED_OP_COLUMNS,
  COUNTER_COLUMNS,
  INCIDENT_COLUMNS,
  type ColumnKind,
  type ColumnSpec,
} from './kysely-columns.js';
import type { DdlType, DialectDdl, StoreDialect } from './kysely-dialect.js';
import { INCIDENT_COUNTER, type BlackboxDb, type BlackboxTables } from './kysely-tables.js';

/** Our own names, never Kysely's defaults, so we cannot collide with the app's migrations. */
export const MIGRATION_TABLE = 'blackbox_migrations';
export const MIGRATION_LOCK_TABLE = 'blackbox_migrations_lock';

/** A statement that can run (migrations) or print itself (`blackbox sql`). */
export interface SchemaStatement {
  execute(): Promise<unknown>;
  compile(): CompiledQuery;
}

/**
 * The migrations shipped with the package, as code (a static provider: no files to find after
 * bundling). A released migration never changes; a schema change is a new entry.
 *
 * @example
 * new Migrator({ db, provider: { getMigrations: async () => blackboxMigrations(ddl) } });
 */
export function blackboxMigrations(ddl: DialectDdl): Record<string, Migration> {
  return {
    '0001_initial': {
      up: (db) => runInOrder(initialSchema(db as BlackboxDb, ddl)),
      down: (db) => runInOrder(dropSchema(db as BlackboxDb)),
    },
  };
}

async function runInOrder(statements: SchemaStatement[]): Promise<void> {
  for (const statement of statements) await statement.execute();
}

/** The latest schema as SQL text, compiled offline for the dialect (see `blackboxSchemaSql`). */
export function compileSchema(dialect: StoreDialect): string[] {
  const db = new Kysely<BlackboxTables>({ dialect: dialect.offlineDialect() });
  return initialSchema(db, dialect.ddl).map((statement) => statement.compile().sql);
}

/** The statements of the first migration, in order. */
export function initialSchema(db: BlackboxDb, ddl: DialectDdl): SchemaStatement[] {
  return [
    createTable(db, 'blackbox_incidents', INCIDENT_COLUMNS, ddl),
    createTable(db, 'blackbox_incident_aliases', ALIAS_COLUMNS, ddl, 'alias'),
    createTable(db, 'blackbox_activities', ACTIVITY_COLUMNS, ddl),
    createTable(db, 'blackbox_counters', COUNTER_COLUMNS, ddl, 'name'),
    createTable(db, 'blackbox_applied_ops', APPLIED_OP_COLUMNS, ddl, 'op_id'),
    // Literals, not parameters, so that `blackbox sql` can print the statement as it is.
    db
      .insertInto('blackbox_counters')
      .values({ name: sql.lit(INCIDENT_COUNTER), value: sql.lit(0) }),
    ...INDEXES.map(([table, columns, unique]) => createIndex(db, table, columns, unique)),
  ];
}

function dropSchema(db: BlackboxDb): SchemaStatement[] {
  const tables = ['incidents', 'incident_aliases', 'activities', 'counters', 'applied_ops'];
  return tables.map((table) => db.schema.dropTable(`blackbox_${table}`).ifExists());
}

/**
 * Incidents are few and read often: every filter of the dashboard and the API has an index.
 * Activities arrive with every request, and each index is paid on every insert, so only the
 * lookups people make by identity (request, user, incident) are indexed; other filters walk
 * the `created_at` index newest-first under the keyset cursor.
 */
const INDEXES: readonly (readonly [table: string, columns: string[], unique?: boolean])[] = [
  ['blackbox_incidents', ['incident_id'], true],
  ['blackbox_incidents', ['last_seen_at']],
  ['blackbox_incidents', ['status', 'last_seen_at']],
  ['blackbox_incidents', ['fingerprint', 'status', 'last_seen_at']],
  ['blackbox_incidents', ['http_status']],
  ['blackbox_incidents', ['path']],
  ['blackbox_incidents', ['route']],
  ['blackbox_incidents', ['request_id']],
  ['blackbox_incidents', ['last_request_id']],
  ['blackbox_incidents', ['user_id']],
  ['blackbox_incident_aliases', ['incident_id']],
  ['blackbox_activities', ['created_at']],
  ['blackbox_activities', ['request_id']],
  ['blackbox_activities', ['user_id']],
  ['blackbox_activities', ['incident_id']],
];

function createTable(
  db: BlackboxDb,
  name: string,
  columns: readonly ColumnSpec[],
  ddl: DialectDdl,
  primaryKey?: string,
): SchemaStatement {
  let table = db.schema.createTable(name);
  if (primaryKey === undefined) {
    const { type, autoIncrement } = ddl.id;
    table = table.addColumn('id', type, (col) =>
      autoIncrement ? col.primaryKey().autoIncrement() : col.primaryKey(),
    );
  }
  for (const [column, kind, flags] of columns) {
    table = table.addColumn(column, columnType(kind, ddl), (col) => {
      if (column === primaryKey) return col.primaryKey().notNull(); // SQLite lets a non-integer key be NULL otherwise
      return flags === 'required' || flags === 'key' ? col.notNull() : col;
    });
  }
  return ddl.tableOptions === undefined ? table : table.modifyEnd(ddl.tableOptions);
}

function createIndex(db: BlackboxDb, table: string, columns: string[], unique = false) {
  // Index names are unique per schema (PostgreSQL, SQLite) and ≤ 63 characters (PostgreSQL).
  const name = `${table}_${columns.join('_')}_${unique ? 'key' : 'idx'}`;
  const index = db.schema.createIndex(name).on(table).columns(columns);
  return unique ? index.unique() : index;
}

function columnType(kind: ColumnKind, ddl: DialectDdl): DdlType {
  if (typeof kind === 'number') return `varchar(${kind})`;
  const fixed = { text: 'text', bool: 'boolean', int: 'integer', bigint: 'bigint' } as const;
  if (kind === 'time') return ddl.time;
  if (kind === 'long') return ddl.longText;
  if (kind === 'double') return 'double precision';
  return fixed[kind];
}
