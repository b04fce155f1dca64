import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { blackboxSchemaSql, migrateBlackbox } from '../../src/stores/kysely/kysely-migrate.js';

const OUR_TABLES = [
  'blackbox_activities',
  'blackbox_applied_ops',
  'blackbox_counters',
  'blackbox_incident_aliases',
  'blackbox_incidents',
];

function schemaOf(raw: Database.Database): { name: string; sql: string }[] {
  return raw
    .prepare("select name, sql from sqlite_master where name like 'blackbox_%' order by name")
    .all() as { name: string; sql: string }[];
}

describe('the SQLite schema', () => {
  it('migrates under our own migration tables, once, reporting what ran', async () => {
    const raw = new Database(':memory:');
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: raw }) });
    const first = await migrateBlackbox({ db, dialect: 'sqlite' });
    expect(first).toEqual({
      results: [{ migrationName: '0001_initial', direction: 'Up', status: 'Success' }],
    });
    expect(await migrateBlackbox({ db, dialect: 'sqlite' })).toEqual({ results: [] });
    const tables = schemaOf(raw)
      .filter((row) => row.sql.startsWith('CREATE TABLE'))
      .map((row) => row.name);
    expect(tables).toEqual([...OUR_TABLES, 'blackbox_migrations', 'blackbox_migrations_lock']);
    const kyselyDefaults = raw
      .prepare("select name from sqlite_master where name like 'kysely_%'")
      .all();
    expect(kyselyDefaults).toEqual([]);
    await db.destroy();
  });

  it('prints the same DDL that the migration runs (blackbox sql)', async () => {
    const printed = new Database(':memory:');
    printed.exec(blackboxSchemaSql('sqlite').join(';\n'));
    const migrated = new Database(':memory:');
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: migrated }) });
    await migrateBlackbox({ db, dialect: 'sqlite' });
    const ours = (raw: Database.Database) =>
      schemaOf(raw).filter((row) => !row.name.startsWith('blackbox_migrations'));
    expect(ours(printed)).toEqual(ours(migrated));
    expect(printed.prepare('select name, value from blackbox_counters').all()).toEqual([
      { name: 'incident_number', value: 0 },
    ]);
    await db.destroy();
  });

  it('refuses an unknown dialect, naming it', () => {
    expect(() => blackboxSchemaSql('oracle' as never)).toThrow(
      /dialect: expected "sqlite", "postgres" or "mysql", got "oracle"/,
    );
  });
});
