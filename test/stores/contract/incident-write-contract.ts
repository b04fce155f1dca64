import { expect, it } from 'vitest';
import type { IncidentStatus } from '../../../src/core/store/records.js';
import type { Store } from '../../../src/core/store/store.js';
import { MINUTE, T0, incidentRecord, occurrences } from '../store-fixtures.js';

const WINDOW = 5 * MINUTE;

export function defineIncidentWriteContract(store: () => Store): void {
  it('stores a new incident with every column round-tripping', async () => {
    const record = { exceptionMessage: 'boom: 100% of _nothing_ — “quoted” ✓', tags: ['a', 'é'] };
    const batch = occurrences({ record, count: 3, firstSeenAt: T0, lastSeenAt: T0 + 1_001 });
    const [result] = await store().writeIncidents([batch], { dedupWindowMs: WINDOW });
    const id = batch.record.incidentId;
    expect(result).toEqual({ issuedId: id, incidentId: id, status: 'OPEN' });
    expect(await store().getIncident(id)).toEqual({
      ...batch.record,
      id: expect.any(Number),
      status: 'OPEN',
      lastRequestId: 'req-last',
      occurrenceCount: 3,
      firstSeenAt: new Date(T0),
      lastSeenAt: new Date(T0 + 1_001),
      resolvedAt: null,
      notes: null,
      aliases: [],
    });
  });

  it('round-trips nulls, false and empty JSON values', async () => {
    const record = incidentRecord({
      route: null,
      queryString: null,
      userId: null,
      ipAddress: null,
      userAgent: null,
      contentType: null,
      bodyPreview: null,
      exceptionClass: null,
      exceptionMessage: null,
      stacktrace: null,
      headersSent: false,
      headers: {},
      tags: [],
    });
    await store().writeIncidents([occurrences({ record })], { dedupWindowMs: 0 });
    const stored = await store().getIncident(record.incidentId);
    expect(stored).toMatchObject({ ...record, occurrenceCount: 1 });
  });

  it('stores text with NUL characters (PostgreSQL rejects them) as U+FFFD', async () => {
    const batch = occurrences({
      record: incidentRecord({
        exceptionClass: 'Weird\u0000Error',
        exceptionMessage: 'bad name: a\u0000b',
        stacktrace: 'Error: a\u0000b\n    at x',
        route: '/boom/\u0000',
        userAgent: 'agent\u0000',
        tags: ['t\u0000'],
      }),
    });
    await store().writeIncidents([batch], { dedupWindowMs: WINDOW });
    expect(await store().getIncident(batch.record.incidentId)).toMatchObject({
      exceptionClass: 'Weird\uFFFDError',
      exceptionMessage: 'bad name: a\uFFFDb',
      stacktrace: 'Error: a\uFFFDb\n    at x',
      route: '/boom/\uFFFD',
      userAgent: 'agent\uFFFD',
      tags: ['t\u0000'],
    });
  });

  it('inserts an ID from the outage namespace verbatim', async () => {
    const incidentId = 'INCIDENT-01JABCDEF0123456789XYZABCD';
    const [result] = await store().writeIncidents([occurrences({ record: { incidentId } })], {
      dedupWindowMs: WINDOW,
    });
    expect(result?.incidentId).toBe(incidentId);
    expect((await store().getIncident(incidentId))?.incidentId).toBe(incidentId);
  });

  it('merges a repeat within the window and records the issued ID as an alias', async () => {
    const first = occurrences({ record: { requestId: 'req-1' }, lastRequestId: 'req-1' });
    await store().writeIncidents([first], { dedupWindowMs: WINDOW });
    const other = occurrences({
      record: { requestId: 'req-2', path: '/other-data' },
      count: 4,
      firstSeenAt: T0 + MINUTE,
      lastSeenAt: T0 + 2 * MINUTE,
      lastRequestId: 'req-9',
    });
    const [result] = await store().writeIncidents([other], { dedupWindowMs: WINDOW });
    const canonical = first.record.incidentId;
    expect(result).toEqual({
      issuedId: other.record.incidentId,
      incidentId: canonical,
      status: 'OPEN',
    });
    const merged = await store().getIncident(other.record.incidentId);
    expect(merged).toMatchObject({
      incidentId: canonical,
      requestId: 'req-1', // the first occurrence's request data is kept
      path: '/boom',
      lastRequestId: 'req-9',
      occurrenceCount: 5,
      firstSeenAt: new Date(T0),
      lastSeenAt: new Date(T0 + 2 * MINUTE),
      aliases: [other.record.incidentId],
    });
  });

  it('keeps the later last_seen_at and its request when an older batch arrives late', async () => {
    const first = occurrences({ lastSeenAt: T0 + MINUTE, lastRequestId: 'req-new' });
    await store().writeIncidents([first], { dedupWindowMs: WINDOW });
    const late = occurrences({ firstSeenAt: T0, lastSeenAt: T0 + 10, lastRequestId: 'req-old' });
    await store().writeIncidents([late], { dedupWindowMs: WINDOW });
    const merged = await store().getIncident(first.record.incidentId);
    expect(merged).toMatchObject({ occurrenceCount: 2, lastSeenAt: new Date(T0 + MINUTE) });
    expect(merged?.lastRequestId).toBe('req-new');
  });

  it('measures the window from last_seen_at and does not merge outside it', async () => {
    const first = occurrences({ lastSeenAt: T0 });
    await store().writeIncidents([first], { dedupWindowMs: WINDOW });
    const edge = occurrences({ firstSeenAt: T0 + WINDOW, lastSeenAt: T0 + WINDOW });
    const [inside] = await store().writeIncidents([edge], { dedupWindowMs: WINDOW });
    expect(inside?.incidentId).toBe(first.record.incidentId);
    const beyond = T0 + 2 * WINDOW + 1;
    const late = occurrences({ firstSeenAt: beyond, lastSeenAt: beyond });
    const [outside] = await store().writeIncidents([late], { dedupWindowMs: WINDOW });
    expect(outside?.incidentId).toBe(late.record.incidentId);
  });

  it.each([0, -1, Number.NaN])('never merges when the window is %s', async (dedupWindowMs) => {
    const first = occurrences();
    const second = occurrences();
    const results = await store().writeIncidents([first, second], { dedupWindowMs });
    expect(results.map((r) => r.incidentId)).toEqual([
      first.record.incidentId,
      second.record.incidentId,
    ]);
  });

  it('merges the batches of one call in order', async () => {
    const [a, b] = [occurrences(), occurrences({ firstSeenAt: T0 + 1, lastSeenAt: T0 + 1 })];
    const results = await store().writeIncidents([a, b], { dedupWindowMs: WINDOW });
    expect(results.map((r) => r.incidentId)).toEqual([a.record.incidentId, a.record.incidentId]);
  });

  it('opens a new incident for a repeat of a RESOLVED one', async () => {
    const first = occurrences();
    await store().writeIncidents([first], { dedupWindowMs: WINDOW });
    await store().setIncidentStatus(first.record.incidentId, 'RESOLVED');
    const repeat = occurrences({ firstSeenAt: T0 + 1, lastSeenAt: T0 + 1 });
    const [result] = await store().writeIncidents([repeat], { dedupWindowMs: WINDOW });
    expect(result).toMatchObject({ incidentId: repeat.record.incidentId, status: 'OPEN' });
  });

  it.each<IncidentStatus>(['ACKNOWLEDGED', 'SUPPRESSED'])(
    'lets a %s incident absorb repeats',
    async (status) => {
      const first = occurrences();
      await store().writeIncidents([first], { dedupWindowMs: WINDOW });
      await store().setIncidentStatus(first.record.incidentId, status);
      const repeat = occurrences({ firstSeenAt: T0 + 1, lastSeenAt: T0 + 1 });
      const [result] = await store().writeIncidents([repeat], { dedupWindowMs: WINDOW });
      expect(result).toEqual({
        issuedId: repeat.record.incidentId,
        incidentId: first.record.incidentId,
        status,
      });
    },
  );

  it('adds a later batch of the same issued ID to its incident, even once RESOLVED', async () => {
    const first = occurrences({ count: 2 });
    await store().writeIncidents([first], { dedupWindowMs: WINDOW });
    await store().setIncidentStatus(first.record.incidentId, 'RESOLVED');
    const again = {
      ...first,
      count: 3,
      firstSeenAt: T0 + 5,
      lastSeenAt: T0 + 6,
      lastRequestId: 'req-z',
    };
    const [result] = await store().writeIncidents([again], { dedupWindowMs: 0 });
    expect(result).toMatchObject({ incidentId: first.record.incidentId, status: 'RESOLVED' });
    const stored = await store().getIncident(first.record.incidentId);
    expect(stored).toMatchObject({ occurrenceCount: 5, lastRequestId: 'req-z', aliases: [] });
  });

  it('adds a later batch of an alias to the incident it points to', async () => {
    const first = occurrences();
    const repeat = occurrences({ firstSeenAt: T0 + 1, lastSeenAt: T0 + 1 });
    await store().writeIncidents([first, repeat], { dedupWindowMs: WINDOW });
    await store().writeIncidents([{ ...repeat, count: 10 }], { dedupWindowMs: 0 });
    const stored = await store().getIncident(repeat.record.incidentId);
    expect(stored).toMatchObject({ incidentId: first.record.incidentId, occurrenceCount: 12 });
  });
}
