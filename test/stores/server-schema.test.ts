import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { blackboxSchemaSql } from '../../src/stores/kysely/kysely-migrate.js';
import { openStore } from '../../src/stores/open-store.js';
import { createTestDatabase, serverAvailable, type ServerKind } from './db-servers.js';

const KINDS: ServerKind[] = [
  ...((await serverAvailable('postgres')) ? ['postgres' as const] : []),
  ...((await serverAvailable('mysql')) ? ['mysql' as const] : []),
];
const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const drop of drops.splice(0)) await drop();
});

/** Columns and indexes of our tables (not the migration bookkeeping), in a stable order. */
const CATALOG = {
  postgres: [
    `select table_name, column_name, data_type, is_nullable, character_maximum_length, datetime_precision
       from information_schema.columns
      where table_schema = 'public' and table_name like 'blackbox%' and table_name not like 'blackbox_migrations%'
      order by table_name, column_name`,
    `select tablename, indexname, indexdef from pg_indexes
      where schemaname = 'public' and tablename like 'blackbox%' and tablename not like 'blackbox_migrations%'
      order by indexname`,
  ],
  mysql: [
    `select table_name, column_name, column_type, is_nullable, collation_name
       from information_schema.columns
      where table_schema = database() and table_name like 'blackbox%' and table_name not like 'blackbox_migrations%'
      order by table_name, column_name`,
    `select table_name, index_name, seq_in_index, column_name, non_unique
       from information_schema.statistics
      where table_schema = database() and table_name like 'blackbox%' and table_name not like 'blackbox_migrations%'
      order by table_name, index_name, seq_in_index`,
  ],
} as const;

async function withDatabase<T>(
  kind: ServerKind,
  url: string,
  work: (q: (s: string) => Promise<unknown[]>) => Promise<T>,
) {
  if (kind === 'postgres') {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await work(async (text) => (await client.query(text)).rows as unknown[]);
    } finally {
      await client.end();
    }
  }
  const conn = await mysql.createConnection({ uri: url });
  try {
    return await work(async (text) => (await conn.query(text))[0] as unknown[]);
  } finally {
    await conn.end();
  }
}

async function fresh(kind: ServerKind): Promise<string> {
  const { url, drop } = await createTestDatabase(kind);
  drops.push(drop);
  return url;
}

describe.each(KINDS)('the %s schema', (kind) => {
  it('printed by blackbox sql is the one the migration creates', async () => {
    const migrated = await fresh(kind);
    const store = openStore(migrated, { migrate: true });
    await store.open();
    await store.close();
    const printed = await fresh(kind);
    await withDatabase(kind, printed, async (query) => {
      for (const statement of blackboxSchemaSql(kind)) await query(statement);
    });
    const catalog = (url: string) =>
      withDatabase(kind, url, async (query) =>
        Promise.all(CATALOG[kind].map((text) => query(text))),
      );
    const [columns, indexes] = await catalog(printed);
    expect(columns?.length).toBeGreaterThan(50);
    expect(indexes?.length).toBeGreaterThan(15);
    expect(await catalog(migrated)).toEqual([columns, indexes]);
  });
});
