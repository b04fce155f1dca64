import { expect, it } from 'vitest';
import type { ReplayEvent, Store } from '../../../src/core/store/store.js';
import { MINUTE, T0, activityRecord, occurrences } from '../store-fixtures.js';

const DAY = 24 * 60 * MINUTE;

function events(): ReplayEvent[] {
  const first = occurrences();
  const repeat = occurrences({ firstSeenAt: T0 + 1, lastSeenAt: T0 + 1, count: 2 });
  return [
    { v: 1, op_id: 'op-1', kind: 'incident', record: first },
    { v: 1, op_id: 'op-2', kind: 'incident', record: repeat },
    { v: 1, op_id: 'op-3', kind: 'activity', record: activityRecord({ requestId: 'r-1' }) },
    { v: 1, op_id: 'op-4', kind: 'activity', record: activityRecord({ requestId: 'r-2' }) },
  ];
}

export function defineReplayPruneContract(store: () => Store): void {
  it('applies each fallback event once, however often it is replayed', async () => {
    const input = events();
    expect(await store().replay(input, { dedupWindowMs: MINUTE })).toEqual({
      applied: 4,
      skipped: 0,
    });
    expect(await store().replay(input, { dedupWindowMs: MINUTE })).toEqual({
      applied: 0,
      skipped: 4,
    });
    const incidents = (await store().listIncidents({})).results;
    expect(incidents.map((i) => [i.occurrenceCount, i.aliases.length])).toEqual([[3, 1]]);
    expect((await store().listActivities({})).results).toHaveLength(2);
  });

  it('applies a repeated op_id within one replay once', async () => {
    const [event] = events();
    const result = await store().replay([event!, event!], { dedupWindowMs: 0 });
    expect(result).toEqual({ applied: 1, skipped: 1 });
  });

  it('rejects an event it does not understand before applying any', async () => {
    const bad = {
      v: 2,
      op_id: 'op-x',
      kind: 'incident',
      record: occurrences(),
    } as unknown as ReplayEvent;
    await expect(store().replay([...events(), bad], { dedupWindowMs: 0 })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect((await store().listActivities({})).results).toHaveLength(0);
  });

  it('prunes old incidents (counted by status, with their aliases) and old activities', async () => {
    const old = occurrences({ firstSeenAt: T0 - 10 * DAY, lastSeenAt: T0 - 10 * DAY });
    const oldAlias = occurrences({ firstSeenAt: T0 - 10 * DAY + 1, lastSeenAt: T0 - 10 * DAY + 1 });
    const oldResolved = occurrences({ record: { fingerprint: 'other' }, lastSeenAt: T0 - 9 * DAY });
    const recent = occurrences({ record: { fingerprint: 'recent' }, lastSeenAt: T0 });
    await store().writeIncidents([old, oldAlias, oldResolved, recent], { dedupWindowMs: MINUTE });
    await store().setIncidentStatus(oldResolved.record.incidentId, 'RESOLVED');
    await store().writeActivities([
      activityRecord({ createdAt: T0 - 10 * DAY }),
      activityRecord({ createdAt: T0 - DAY - 1 }),
      activityRecord({ createdAt: T0 }),
    ]);
    const cutoff = {
      incidentsOlderThan: new Date(T0 - DAY),
      activitiesOlderThan: new Date(T0 - DAY),
    };
    const expected = { incidentsByStatus: { OPEN: 1, RESOLVED: 1 }, activities: 2 };
    expect(await store().prune({ ...cutoff, dryRun: true })).toEqual(expected);
    expect((await store().listIncidents({})).results).toHaveLength(3);
    expect(await store().prune(cutoff)).toEqual(expected);
    expect(await store().getIncident(old.record.incidentId)).toBeUndefined();
    expect(await store().getIncident(oldAlias.record.incidentId)).toBeUndefined();
    expect((await store().listIncidents({})).results.map((i) => i.incidentId)).toEqual([
      recent.record.incidentId,
    ]);
    expect((await store().listActivities({})).results).toHaveLength(1);
  });

  it('rejects an invalid cutoff date and deletes nothing', async () => {
    await store().writeActivities([activityRecord()]);
    const invalid = new Date('not a date');
    await expect(store().prune({ activitiesOlderThan: invalid })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(store().listActivities({ since: invalid })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect((await store().listActivities({})).results).toHaveLength(1);
  });

  it('prunes more rows than one batch holds', async () => {
    const records = Array.from({ length: 1_234 }, (_, i) =>
      activityRecord({ createdAt: T0 - DAY - i }),
    );
    await store().writeActivities([...records, activityRecord({ createdAt: T0 })]);
    const result = await store().prune({ activitiesOlderThan: new Date(T0) });
    expect(result).toEqual({ incidentsByStatus: {}, activities: 1_234 });
    expect((await store().listActivities({})).results).toHaveLength(1);
  });

  it('prunes nothing when given no cutoff, and closes twice without error', async () => {
    await store().writeActivities([activityRecord()]);
    expect(await store().prune({})).toEqual({ incidentsByStatus: {}, activities: 0 });
    await store().close();
    await store().close();
  });
}
