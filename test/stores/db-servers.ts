import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import pg from 'pg';

/** The two servers the SQL suites use; override with BLACKBOX_TEST_PG / BLACKBOX_TEST_MYSQL. */
export const SERVERS = {
  postgres: {
    label: 'PostgreSQL',
    admin: process.env.BLACKBOX_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  },
  mysql: {
    label: 'MariaDB/MySQL',
    admin: process.env.BLACKBOX_TEST_MYSQL ?? 'mysql://root@127.0.0.1:3306/',
  },
} as const;
export type ServerKind = keyof typeof SERVERS;

const checked = new Map<ServerKind, Promise<boolean>>();

/**
 * Whether the server answers. Without it the suite is skipped with one message, except in CI
 * (`CI=true`), where a missing server fails the run: CI must test all three databases.
 */
export function serverAvailable(kind: ServerKind): Promise<boolean> {
  let pending = checked.get(kind);
  if (pending === undefined) {
    pending = ping(kind).then((error) => {
      if (error === undefined) return true;
      const what = `${SERVERS[kind].label} at ${SERVERS[kind].admin} is not reachable (${error})`;
      if (process.env.CI === 'true') throw new Error(`${what}; CI=true requires it`);
      console.warn(
        `skipping the ${SERVERS[kind].label} suites: ${what}; start it with scripts/start-db-services.sh`,
      );
      return false;
    });
    checked.set(kind, pending);
  }
  return pending;
}

async function ping(kind: ServerKind): Promise<string | undefined> {
  try {
    await withAdmin(kind, (query) => query('select 1'));
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message || error.name : String(error);
  }
}

type Query = (text: string) => Promise<unknown>;

async function withAdmin<T>(kind: ServerKind, work: (query: Query) => Promise<T>): Promise<T> {
  if (kind === 'postgres') {
    const client = new pg.Client({
      connectionString: SERVERS.postgres.admin,
      connectionTimeoutMillis: 2000,
    });
    await client.connect();
    try {
      return await work((text) => client.query(text));
    } finally {
      await client.end();
    }
  }
  const conn = await mysql.createConnection({ uri: SERVERS.mysql.admin, connectTimeout: 2000 });
  try {
    return await work((text) => conn.query(text));
  } finally {
    await conn.end();
  }
}

/**
 * A new, empty database of its own (random name, so engineers and CI jobs never share one),
 * with its URL and a function that drops it.
 */
export async function createTestDatabase(
  kind: ServerKind,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `blackbox_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const charset = kind === 'mysql' ? ' character set utf8mb4' : '';
  await withAdmin(kind, (query) => query(`create database ${name}${charset}`));
  const url = new URL(SERVERS[kind].admin);
  url.pathname = `/${name}`;
  // Without FORCE: killing a connection a pool is still closing would be an unhandled error;
  // retry instead while the last connections go away.
  const drop = async () => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await withAdmin(kind, (query) => query(`drop database if exists ${name}`));
        return;
      } catch (error) {
        if (attempt >= 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  };
  return { url: url.toString(), drop };
}

const OUR_TABLES = ['incident_aliases', 'incidents', 'activities', 'applied_ops'];

/** Empties our tables and resets the counter, so that a migrated database is a fresh store. */
export async function emptyTables(kind: ServerKind, url: string): Promise<void> {
  const statements = [
    ...OUR_TABLES.map((table) => `delete from blackbox_${table}`),
    'update blackbox_counters set value = 0',
  ];
  if (kind === 'postgres') {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statements.join(';'));
    } finally {
      await client.end();
    }
    return;
  }
  const conn = await mysql.createConnection({ uri: url });
  try {
    for (const statement of statements) await conn.query(statement);
  } finally {
    await conn.end();
  }
}
