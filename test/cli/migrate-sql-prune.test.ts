import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/stores/open-store.js';
import { createTestDatabase, serverAvailable, type ServerKind } from '../stores/db-servers.js';
import { tempDir } from '../stores/store-factories.js';
import { activityRecord, occurrences } from '../stores/store-fixtures.js';
import { runInProcess } from './cli-harness.js';

const DAY = 86_400_000;
const SERVERS: ServerKind[] = [
  ...((await serverAvailable('postgres')) ? ['postgres' as const] : []),
  ...((await serverAvailable('mysql')) ? ['mysql' as const] : []),
];

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function sqliteUrl(): Promise<string> {
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  return `sqlite:${join(dir, 'blackbox.sqlite')}`;
}

async function serverUrl(kind: ServerKind): Promise<string> {
  const { url, drop } = await createTestDatabase(kind);
  cleanups.push(drop);
  return url;
}

describe('blackbox sql', () => {
  it.each([
    ['postgres', /create table "blackbox_incidents" \("id" bigserial primary key/],
    ['mysql', /create table `blackbox_incidents` .*collate utf8mb4_bin/],
    ['sqlite', /create table "blackbox_incidents" \("id" integer primary key autoincrement/],
  ])('prints the %s DDL without connecting', async (dialect, table) => {
    const { code, stdout } = await runInProcess(['sql', '--dialect', dialect]);
    expect(code).toBe(0);
    expect(stdout).toMatch(table);
    expect(stdout).toContain('insert into');
    expect(stdout.trimEnd().endsWith(';')).toBe(true);
  });

  it('rejects a missing or unknown dialect as a usage error', async () => {
    expect((await runInProcess(['sql'])).code).toBe(2);
    const unknown = await runInProcess(['sql', '--dialect', 'oracle']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('postgres, mysql, sqlite');
  });
});

describe('blackbox migrate', () => {
  it('migrates a SQLite file once, then says it is up to date', async () => {
    const url = await sqliteUrl();
    const first = await runInProcess(['migrate', '--store', url]);
    expect(first).toMatchObject({ code: 0, stdout: 'applied 0001_initial\n' });
    const again = await runInProcess(['migrate'], { BLACKBOX_STORE: url });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('up to date');
  });

  it.each(SERVERS)(
    'migrates %s from three instances at once: one applies, all succeed',
    async (kind) => {
      const url = await serverUrl(kind);
      const runs = await Promise.all(
        [1, 2, 3].map(() => runInProcess(['migrate', '--store', url])),
      );
      expect(runs.map((run) => [run.code, run.stderr])).toEqual(Array(3).fill([0, '']));
      expect(runs.filter((run) => run.stdout === 'applied 0001_initial\n')).toHaveLength(1);
      const store = openStore(url);
      await store.open(); // migrate: false: it would fail if anything were pending
      expect(await store.reserveIncidentNumbers(1)).toBe(1);
      await store.close();
    },
  );

  it('names a malformed URL (exit 2) and a refused connection (exit 1) in one line', async () => {
    const malformed = await runInProcess(['migrate', '--store', 'postgres://u:pw@db:port/x']);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(
      /^blackbox migrate: store: .*u:\*\*\*@db:port.*not a valid URL\n$/,
    );
    const refused = await runInProcess(['migrate', '--store', 'postgres://u:pw@127.0.0.1:1/x']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^blackbox migrate: cannot migrate postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/x: .*ECONNREFUSED.*\n$/,
    );
    expect(refused.stderr).not.toContain('pw');
  });
});

describe('blackbox prune', () => {
  async function seeded(url: string) {
    const store = openStore(url, { migrate: true });
    const now = Date.now();
    const old = occurrences({ firstSeenAt: now - 40 * DAY, lastSeenAt: now - 40 * DAY });
    const oldOther = occurrences({
      record: { fingerprint: 'other' },
      firstSeenAt: now - 35 * DAY,
      lastSeenAt: now - 35 * DAY,
    });
    const recent = occurrences({
      record: { fingerprint: 'recent' },
      firstSeenAt: now,
      lastSeenAt: now,
    });
    await store.writeIncidents([old, oldOther, recent], { dedupWindowMs: 0 });
    await store.setIncidentStatus(oldOther.record.incidentId, 'RESOLVED');
    await store.writeActivities([
      activityRecord({ createdAt: now - 20 * DAY }),
      activityRecord({ createdAt: now - 10 * DAY }),
      activityRecord({ createdAt: now }),
    ]);
    await store.close();
  }

  it('prints what it would delete per status, then deletes it', async () => {
    const url = await sqliteUrl();
    await seeded(url);
    const args = ['prune', '--store', url, '--older-than', '30', '--activities-older-than', '7'];
    const dry = await runInProcess([...args, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(
      /^would delete 2 incidents \(OPEN 1, RESOLVED 1\) last seen before \S+Z\nwould delete 2 activities created before \S+Z\n$/,
    );
    const done = await runInProcess(args);
    expect(done.stdout).toMatch(
      /^deleted 2 incidents \(OPEN 1, RESOLVED 1\) .*\ndeleted 2 activities /,
    );
    const again = await runInProcess(args);
    expect(again.stdout).toMatch(/^deleted 0 incidents last seen .*\ndeleted 0 activities /);
  });

  it('keeps 90 days by default, for activities too', async () => {
    const url = await sqliteUrl();
    await seeded(url);
    const { code, stdout } = await runInProcess(['prune', '--store', url, '--dry-run']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^would delete 0 incidents .*\nwould delete 0 activities /);
  });

  it('rejects a non-positive or non-numeric age before touching the store', async () => {
    for (const bad of ['0', '-3', 'abc', '1e3', '']) {
      const { code, stderr } = await runInProcess([
        'prune',
        '--store',
        'sqlite:/nonexistent/x.sqlite',
        '--older-than',
        bad,
      ]);
      expect([bad, code]).toEqual([bad, 2]);
      expect(stderr).toContain('expected a number of days above 0');
    }
  });

  it.each(SERVERS)('says to run blackbox migrate when the %s tables are missing', async (kind) => {
    const url = await serverUrl(kind);
    const { code, stderr } = await runInProcess(['prune', '--store', url, '--dry-run']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^blackbox prune: .*blackbox migrate.*\n$/);
  });
});
