import { expect, it } from 'vitest';
import type { StoredIncident } from '../../../src/core/store/records.js';
import type { IncidentQuery, Page, Store } from '../../../src/core/store/store.js';
import { MINUTE, T0, occurrences } from '../store-fixtures.js';

/** Follows `next` until the end; fails on a repeated cursor rather than looping forever. */
export async function collectPages<T>(list: (cursor?: string) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  const seen = new Set<string>();
  for (let cursor: string | undefined; ;) {
    const page = await list(cursor);
    all.push(...page.results);
    if (page.next === null) return all;
    expect(seen.has(page.next)).toBe(false);
    seen.add(page.next);
    cursor = page.next;
  }
}

const ids = (page: { results: StoredIncident[] }) => page.results.map((i) => i.incidentId);

/** Five incidents that differ in every filtered field; `c` and `d` share a last_seen_at. */
async function seed(store: Store) {
  const make = (minutes: number, record: Parameters<typeof occurrences>[0] = {}) =>
    occurrences({
      ...record,
      firstSeenAt: T0 + minutes * MINUTE,
      lastSeenAt: T0 + minutes * MINUTE,
    });
  const a = make(0, {
    record: { fingerprint: 'fa', httpStatus: 502, method: 'POST', path: '/pay' },
  });
  const b = make(1, {
    record: { fingerprint: 'fb', route: '/items/:id', path: '/items/7', userId: 'u-2' },
  });
  const c = make(2, {
    record: { fingerprint: 'fc', requestId: 'req-c', exceptionMessage: 'Disk 100% full' },
  });
  const d = make(2, {
    record: { fingerprint: 'fd', exceptionClass: 'RangeError' },
    lastRequestId: 'req-d2',
  });
  const e = make(3, { record: { fingerprint: 'fe', exceptionMessage: 'Disk 100x full' } });
  await store.writeIncidents([a, b, c, d, e], { dedupWindowMs: 0 });
  await store.setIncidentStatus(b.record.incidentId, 'ACKNOWLEDGED');
  return {
    a: a.record.incidentId,
    b: b.record.incidentId,
    c: c.record.incidentId,
    d: d.record.incidentId,
    e: e.record.incidentId,
  };
}

export function defineIncidentListContract(store: () => Store): void {
  it('lists newest first (last_seen_at, then id) and pages without duplicates or gaps', async () => {
    const { a, b, c, d, e } = await seed(store());
    expect(ids(await store().listIncidents({}))).toEqual([e, d, c, b, a]);
    const paged = await collectPages((cursor) => store().listIncidents({ limit: 2, cursor }));
    expect(paged.map((i) => i.incidentId)).toEqual([e, d, c, b, a]);
    const first = await store().listIncidents({ limit: 2 });
    expect(first.next).not.toBeNull();
    expect((await store().listIncidents({ limit: 5 })).next).toBeNull();
  });

  it.each<[string, IncidentQuery, string[]]>([
    ['status', { status: 'ACKNOWLEDGED' }, ['b']],
    ['httpStatus', { httpStatus: 502 }, ['a']],
    ['method (any case)', { method: 'post' }, ['a']],
    ['path', { path: '/items/7' }, ['b']],
    ['route', { route: '/items/:id' }, ['b']],
    ['requestId (first request)', { requestId: 'req-c' }, ['c']],
    ['requestId (latest request)', { requestId: 'req-d2' }, ['d']],
    ['user', { user: 'u-2' }, ['b']],
    ['since (inclusive)', { since: new Date(T0 + 2 * MINUTE) }, ['e', 'd', 'c']],
    ['until (inclusive)', { until: new Date(T0 + MINUTE) }, ['b', 'a']],
    ['search, any case', { search: 'rangeERROR' }, ['d']],
    ['search with a literal %', { search: '100%' }, ['c']],
    ['search with a literal _', { search: 'x_full' }, []],
    ['several filters at once', { status: 'OPEN', search: 'disk' }, ['e', 'c']],
  ])('filters by %s', async (_name, query, expected) => {
    const seeded: Record<string, string> = await seed(store());
    expect(ids(await store().listIncidents(query))).toEqual(expected.map((key) => seeded[key]));
  });

  it('finds an incident by searching for its ID or an alias of it', async () => {
    const first = occurrences();
    const repeat = occurrences({ firstSeenAt: T0 + 1, lastSeenAt: T0 + 1 });
    await store().writeIncidents([first, repeat], { dedupWindowMs: MINUTE });
    const byAlias = await store().listIncidents({ search: repeat.record.incidentId.toLowerCase() });
    expect(ids(byAlias)).toEqual([first.record.incidentId]);
    expect(byAlias.results[0]?.aliases).toEqual([repeat.record.incidentId]);
  });

  it('pages 50 by default and never more than 200', async () => {
    const batches = Array.from({ length: 205 }, (_, i) =>
      occurrences({ firstSeenAt: T0 + i, lastSeenAt: T0 + i }),
    );
    await store().writeIncidents(batches, { dedupWindowMs: 0 });
    expect((await store().listIncidents({})).results).toHaveLength(50);
    const big = await store().listIncidents({ limit: 1_000 });
    expect(big.results).toHaveLength(200);
    expect(big.next).not.toBeNull();
  });

  it('rejects a cursor it did not issue', async () => {
    await expect(store().listIncidents({ cursor: 'not-a-cursor' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });
}
