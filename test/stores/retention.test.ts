import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { startRetentionSchedule } from '../../src/core/retention/retention-schedule.js';
import { createBlackbox } from '../../src/create-blackbox.js';
import { createKyselyStore } from '../../src/stores/kysely/kysely-store.js';
import { sqlDatabaseForUrl } from '../../src/stores/open-store.js';
import { createTestDatabase, serverAvailable, type ServerKind } from './db-servers.js';
import { tempDir } from './store-factories.js';
import { activityRecord, occurrences } from './store-fixtures.js';

const DAY = 86_400_000;
const KINDS: ServerKind[] = [
  ...((await serverAvailable('postgres')) ? ['postgres' as const] : []),
  ...((await serverAvailable('mysql')) ? ['mysql' as const] : []),
];
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function sqliteUrl(): Promise<string> {
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  return `sqlite:${join(dir, 'b.sqlite')}`;
}

describe('blackbox.prune()', () => {
  it('prunes with retentionDays by default and rejects a non-positive age without going down', async () => {
    const url = await sqliteUrl();
    const blackbox = createBlackbox({ store: url, retentionDays: 30, fallbackFileLog: false });
    await blackbox.ready();
    const { store } = blackbox.stats();
    expect(store.state).toBe('open');
    await expect(blackbox.prune({ olderThanDays: 0 })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(blackbox.prune({ activitiesOlderThanDays: Number.NaN })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    const result = await blackbox.prune({ dryRun: true });
    expect(result).toMatchObject({ incidentsByStatus: {}, activities: 0, dryRun: true });
    expect(Date.now() - result.incidentsBefore.getTime()).toBeGreaterThanOrEqual(30 * DAY);
    await blackbox.close();
  });

  it('deletes old rows through the store', async () => {
    const url = await sqliteUrl();
    const { db, dialect, description } = sqlDatabaseForUrl(url);
    const store = createKyselyStore({ db, dialect, description, ownsDb: true, migrate: true });
    const old = Date.now() - 40 * DAY;
    await store.writeIncidents([occurrences({ firstSeenAt: old, lastSeenAt: old })], {
      dedupWindowMs: 0,
    });
    await store.writeActivities([activityRecord({ createdAt: old })]);
    await store.close();
    const blackbox = createBlackbox({ store: url, fallbackFileLog: false });
    await blackbox.ready();
    expect(await blackbox.prune({ olderThanDays: 30 })).toMatchObject({
      incidentsByStatus: { OPEN: 1 },
      activities: 1,
    });
    await blackbox.close();
  });

  it('refuses a malformed retention interval at start-up, naming it', () => {
    for (const every of ['1w', '10s', 1000, '']) {
      expect(() => createBlackbox({ store: 'memory:', retention: { every } })).toThrow(
        /retention\.every/,
      );
    }
  });
});

describe('the retention lease', () => {
  const targets = ['sqlite', ...KINDS] as const;
  it.each(targets)('goes to exactly one of four instances per interval on %s', async (kind) => {
    let url: string;
    if (kind === 'sqlite') url = await sqliteUrl();
    else {
      const created = await createTestDatabase(kind);
      cleanups.push(created.drop);
      url = created.url;
    }
    const stores = Array.from({ length: 4 }, () => {
      const { db, dialect, description } = sqlDatabaseForUrl(url);
      return createKyselyStore({ db, dialect, description, ownsDb: true, migrate: true });
    });
    await Promise.all(stores.map((store) => store.open()));
    const now = Date.now();
    const claims = (at: number) => Promise.all(stores.map((s) => s.claimRetentionRun(DAY, at)));
    expect((await claims(now)).filter(Boolean)).toHaveLength(1);
    expect((await claims(now + DAY / 2)).filter(Boolean)).toHaveLength(0);
    expect((await claims(now + DAY)).filter(Boolean)).toHaveLength(1);
    await Promise.all(stores.map((store) => store.close()));
  });
});

describe('startRetentionSchedule', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('prunes once per interval when the lease is won, never when it is lost, and reports failures', async () => {
    vi.useFakeTimers();
    const prune = vi.fn(() => Promise.resolve());
    const errors: unknown[] = [];
    let win = true;
    const stop = startRetentionSchedule({
      everyMs: 60_000,
      prune,
      claim: () => (win ? Promise.resolve(true) : Promise.reject(new Error('db down'))),
      onError: (error) => errors.push(error),
    });
    await vi.advanceTimersByTimeAsync(59_999);
    expect(prune).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(prune).toHaveBeenCalledTimes(1);
    win = false;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(prune).toHaveBeenCalledTimes(1);
    expect(errors).toHaveLength(1);
    stop();
    win = true;
    await vi.advanceTimersByTimeAsync(120_000);
    expect(prune).toHaveBeenCalledTimes(1);
  });
});
