import { expect, it } from 'vitest';
import type { ActivityQuery, Store } from '../../../src/core/store/store.js';
import { MINUTE, T0, activityRecord } from '../store-fixtures.js';
import { collectPages } from './incident-list-contract.js';

async function seed(store: Store) {
  await store.writeActivities([
    activityRecord({
      createdAt: T0,
      requestId: 'r-a',
      method: 'GET',
      httpStatus: 200,
      action: 'VIEW',
    }),
    activityRecord({
      createdAt: T0 + MINUTE,
      requestId: 'r-b',
      userId: 'u-b',
      path: '/b',
      route: '/b/:id',
    }),
    activityRecord({
      createdAt: T0 + 2 * MINUTE,
      requestId: 'r-c',
      isAuthenticated: false,
      userId: null,
    }),
    activityRecord({
      createdAt: T0 + 3 * MINUTE,
      requestId: 'r-d',
      action: 'CUSTOM',
      customAction: 'Export_CSV',
    }),
  ]);
}

const requestIds = (page: { results: { requestId: string }[] }) =>
  page.results.map((a) => a.requestId);

export function defineActivityContract(store: () => Store): void {
  it('stores an activity with every column round-tripping', async () => {
    const record = activityRecord({ aborted: true, incidentId: 'INCIDENT-0042', customPayload: 0 });
    await store().writeActivities([record]);
    const [listed] = (await store().listActivities({})).results;
    expect(listed).toEqual({ ...record, id: expect.any(Number), createdAt: new Date(T0) });
    expect(await store().getActivity(listed!.id)).toEqual(listed);
    expect(await store().getActivity(listed!.id + 1_000)).toBeUndefined();
  });

  it('round-trips null JSON columns and empty headers', async () => {
    const record = activityRecord({
      customPayload: null,
      instanceAfter: null,
      instanceDiff: null,
      extra: null,
      requestHeaders: {},
      responseHeaders: {},
      route: null,
      handler: null,
      action: null,
    });
    await store().writeActivities([record]);
    const [listed] = (await store().listActivities({})).results;
    expect(listed).toMatchObject({ ...record, createdAt: new Date(T0) });
  });

  it('returns JSON columns as JSON: a Date as its ISO text, undefined as null', async () => {
    const record = activityRecord({ customPayload: { at: new Date(T0), n: 1 }, extra: undefined });
    await store().writeActivities([record]);
    const [listed] = (await store().listActivities({})).results;
    expect(listed?.customPayload).toEqual({ at: new Date(T0).toISOString(), n: 1 });
    expect(listed?.extra).toBeNull();
  });

  it('inserts 1,000 activities in one call and pages through them newest first', async () => {
    const records = Array.from({ length: 1_000 }, (_, i) =>
      activityRecord({ createdAt: T0 + Math.floor(i / 3), requestId: `r-${i}` }),
    );
    await store().writeActivities(records);
    const all = await collectPages((cursor) => store().listActivities({ limit: 200, cursor }));
    expect(all).toHaveLength(1_000);
    expect(new Set(all.map((a) => a.id)).size).toBe(1_000);
    const keys = all.map((a) => [a.createdAt.getTime(), a.id] as const);
    const sorted = [...keys].sort((x, y) => y[0] - x[0] || y[1] - x[1]);
    expect(keys).toEqual(sorted);
  });

  it.each<[string, ActivityQuery, string[]]>([
    ['method (any case)', { method: 'get' }, ['r-a']],
    ['httpStatus', { httpStatus: 200 }, ['r-a']],
    ['path', { path: '/b' }, ['r-b']],
    ['route', { route: '/b/:id' }, ['r-b']],
    ['user', { user: 'u-b' }, ['r-b']],
    ['action', { action: 'CUSTOM' }, ['r-d']],
    ['customAction', { customAction: 'Export_CSV' }, ['r-d']],
    ['requestId', { requestId: 'r-c' }, ['r-c']],
    ['isAuthenticated', { isAuthenticated: false }, ['r-c']],
    ['since (inclusive)', { since: new Date(T0 + 2 * MINUTE) }, ['r-d', 'r-c']],
    ['until (inclusive)', { until: new Date(T0 + MINUTE) }, ['r-b', 'r-a']],
    ['search, any case', { search: 'EXPORT_csv' }, ['r-d']],
    ['search with a literal _', { search: 'export_' }, ['r-d']],
    ['search with a literal %', { search: 'r-%' }, []],
  ])('filters by %s', async (_name, query, expected) => {
    await seed(store());
    expect(requestIds(await store().listActivities(query))).toEqual(expected);
  });

  it('stores text with NUL characters (PostgreSQL rejects them) as U+FFFD', async () => {
    await store().writeActivities([
      activityRecord({
        requestId: 'r-nul',
        fullPath: '/x?q=a\u0000b',
        handler: 'h\u0000',
        userAgent: 'agent\u0000',
        customAction: 'Export\u0000',
        instanceAfter: { name: 'a\u0000b' },
      }),
    ]);
    const [row] = (await store().listActivities({ requestId: 'r-nul' })).results;
    expect(row).toMatchObject({
      fullPath: '/x?q=a\uFFFDb',
      handler: 'h\uFFFD',
      userAgent: 'agent\uFFFD',
      customAction: 'Export\uFFFD',
      // JSON columns keep NUL as the escape \u0000: text every database accepts.
      instanceAfter: { name: 'a\u0000b' },
    });
  });

  it('writes a batch bigger than a statement may be (MySQL: max_allowed_packet, 16 MB on MariaDB)', async () => {
    const big = 'b'.repeat(1024 * 1024);
    const records = Array.from({ length: 24 }, (_, i) =>
      activityRecord({ requestId: `r-big-${i}`, requestBody: `${i}:${big}`, createdAt: T0 + i }),
    );
    await store().writeActivities(records);
    const [last] = (await store().listActivities({ requestId: 'r-big-23' })).results;
    expect(last?.requestBody).toBe(`23:${big}`);
    expect((await store().listActivities({ limit: 100 })).results).toHaveLength(24);
  });

  it('accepts an empty batch', async () => {
    await store().writeActivities([]);
    expect((await store().listActivities({})).results).toEqual([]);
  });
}
