import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import mysql from 'mysql2';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { replayFallbackFile } from '../../src/core/fallback/replay-fallback.js';
import { createBlackbox } from '../../src/create-blackbox.js';
import { openStore } from '../../src/stores/open-store.js';
import { createTestDatabase, serverAvailable, type ServerKind } from './db-servers.js';
import { tempDir } from './store-factories.js';
import { T0, occurrences } from './store-fixtures.js';

const KINDS: ServerKind[] = [
  ...((await serverAvailable('postgres')) ? ['postgres' as const] : []),
  ...((await serverAvailable('mysql')) ? ['mysql' as const] : []),
];

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function database(kind: ServerKind, migrated: boolean): Promise<string> {
  const { url, drop } = await createTestDatabase(kind);
  cleanups.push(drop);
  if (migrated) {
    const store = openStore(url, { migrate: true });
    await store.open();
    await store.close();
  }
  return url;
}

/** A file in a directory of its own, removed after the suite. */
async function tempFile(name: string): Promise<string> {
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  return join(dir, name);
}

const fallbackPath = () => tempFile('fallback.jsonl');

/** A logger that keeps what it was told. */
function recordingLogger() {
  const lines: string[] = [];
  return {
    lines,
    warn: (m: string) => void lines.push(m),
    error: (m: string) => void lines.push(m),
  };
}

describe('incident numbers through createBlackbox, on every SQL database', () => {
  const targets = ['sqlite', ...KINDS] as const;
  it.each(targets)(
    'crosses INCIDENT-9999 → INCIDENT-10000 → INCIDENT-10001 on %s',
    async (kind) => {
      const url =
        kind === 'sqlite' ? `sqlite:${await tempFile('b.sqlite')}` : await database(kind, true);
      const store = openStore(url, { migrate: true });
      await store.open();
      await store.reserveIncidentNumbers(9998);
      const blackbox = createBlackbox({ store, idBlockSize: 3, fallbackFileLog: false });
      await blackbox.ready();
      const ids = ['a', 'b', 'c'].map((m) =>
        blackbox.captureException(new Error(m), { path: '/n' }),
      );
      expect(ids).toEqual(['INCIDENT-9999', 'INCIDENT-10000', 'INCIDENT-10001']);
      await blackbox.flush();
      for (const id of ids) expect((await store.getIncident(id!))?.incidentId).toBe(id);
      await blackbox.close();
    },
  );
});

describe.each(KINDS)('%s: failures keep every record in the fallback file', (kind) => {
  async function captureInto(store: string, options: { migrate?: boolean } = {}) {
    const logger = recordingLogger();
    const path = await fallbackPath();
    const blackbox = createBlackbox({ store, logger, fallbackFilePath: path, ...options });
    await blackbox.ready();
    const id = blackbox.captureException(new Error('while the store is unusable'), { path: '/x' });
    await blackbox.close();
    const lines = (await readFile(path, 'utf8')).trim().split('\n');
    return { id: id!, logger, lines, path };
  }

  it('reports a refused connection once and spills to the fallback file', async () => {
    const url =
      kind === 'postgres'
        ? 'postgres://postgres@127.0.0.1:1/none'
        : 'mysql://root@127.0.0.1:1/none';
    const { id, logger, lines } = await captureInto(url);
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatch(/cannot write to .*ECONNREFUSED.*fallback file/);
    expect(lines.map((line) => (JSON.parse(line) as { kind: string }).kind)).toEqual(['incident']);
    expect(id).toMatch(/^INCIDENT-[0-9A-HJKMNP-TV-Z]{26}$/); // no block: the outage namespace
  });

  it('says to run blackbox migrate when the tables are missing, and loses nothing', async () => {
    const url = await database(kind, false);
    const { id, logger, path } = await captureInto(url, { migrate: false });
    expect(logger.lines).toEqual([expect.stringMatching(/tables are missing.*blackbox migrate/)]);
    const store = openStore(url, { migrate: true });
    const replayed = await replayFallbackFile({ path, store, dedupWindowMs: 0, batchSize: 10 });
    expect(replayed.applied).toBe(1);
    expect((await store.getIncident(id))?.exceptionMessage).toBe('while the store is unusable');
    await store.close();
  });

  it('reports a read-only database once and spills to the fallback file', async () => {
    const url = await database(kind, true);
    const readOnly = await readOnlyUrl(kind, url);
    const { logger, lines } = await captureInto(readOnly);
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatch(/cannot write to .*(read-only|denied)/i);
    expect(lines.length).toBeGreaterThan(0);
  });
});

/** The same database, reached by a user (MariaDB) or with a setting (PostgreSQL) that cannot write. */
async function readOnlyUrl(kind: ServerKind, url: string): Promise<string> {
  const name = new URL(url).pathname.slice(1);
  if (kind === 'postgres') {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`alter database ${name} set default_transaction_read_only = on`);
    await client.end();
    return url;
  }
  const user = `ro_${name.slice(-8)}`;
  const conn = mysql.createConnection({ uri: url }).promise();
  await conn.query(`create user '${user}'@'%'`);
  await conn.query(`grant select on ${name}.* to '${user}'@'%'`);
  await conn.end();
  cleanups.push(async () => {
    const admin = mysql.createConnection({ uri: url }).promise();
    await admin.query(`drop user '${user}'@'%'`);
    await admin.end();
  });
  const readOnly = new URL(url);
  readOnly.username = user;
  return readOnly.toString();
}

describe.each(KINDS)('%s: an app’s own pool or Kysely instance', (kind) => {
  it('is used as given (plugins ignored), never closed, and times read back exactly', async () => {
    const url = await database(kind, true);
    // Not UTC, no DST: a driver reading DATETIME as local time would shift every instant.
    const zone = process.env.TZ;
    process.env.TZ = 'Asia/Kolkata';
    try {
      const pool =
        kind === 'postgres'
          ? new pg.Pool({ connectionString: url })
          : mysql.createPool({ uri: url });
      const app =
        kind === 'postgres'
          ? new Kysely({
              dialect: new PostgresDialect({ pool: pool as pg.Pool }),
              plugins: [new CamelCasePlugin()],
            })
          : undefined;
      const store = openStore(app ?? pool);
      const batch = occurrences({ firstSeenAt: T0, lastSeenAt: T0 + 1 });
      await store.writeIncidents([batch], { dedupWindowMs: 0 });
      await store.close();
      const ours = openStore(url);
      for (const reader of [openStore(app ?? pool), ours]) {
        const read = await reader.getIncident(batch.record.incidentId);
        expect([read?.firstSeenAt.toISOString(), read?.lastSeenAt.toISOString()]).toEqual([
          new Date(T0).toISOString(),
          new Date(T0 + 1).toISOString(),
        ]);
        await reader.close();
      }
      // Still open: the app's pool answers after our stores closed.
      const alive = await new Promise((resolve) =>
        (pool as { query: (q: string, cb: (e: unknown, r: unknown) => void) => void }).query(
          'select 1 as one',
          (error) => resolve(error === null || error === undefined),
        ),
      );
      expect(alive).toBe(true);
      await (app ? app.destroy() : new Promise((done) => (pool as mysql.Pool).end(done)));
    } finally {
      process.env.TZ = zone;
    }
  });
});
