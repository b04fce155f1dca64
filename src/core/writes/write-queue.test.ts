import { describe, expect, it } from 'vitest';
import type { QueuedActivity } from '../activity/captured-headers.js';
import { IncidentBook } from '../incidents/incident-book.js';
import { createRedaction } from '../redact/index.js';
import { createOnceLogger } from '../log/logger.js';
import type { ActivityRecord, IncidentOccurrences, IncidentRecord } from '../store/records.js';
import type { ReplayEvent, Store } from '../store/store.js';
import { StoreConnection } from './store-connection.js';
import { WriteQueue, type FallbackSink } from './write-queue.js';
import { createWriteStats } from './write-stats.js';

const silent = createOnceLogger({ warn: () => {}, error: () => {} });

function fakeStore(behaviour: { fail?: boolean } = {}) {
  const incidents: IncidentOccurrences[] = [];
  const activities: ActivityRecord[] = [];
  /** The size of each `writeActivities` call, in order. */
  const batches: number[] = [];
  const store = {
    description: 'fake',
    open: async () => {},
    close: async () => {},
    reserveIncidentNumbers: async () => 1,
    writeIncidents: async (batches: IncidentOccurrences[]) => {
      if (behaviour.fail) throw new Error('disk I/O error');
      incidents.push(...batches);
      return batches.map((b) => ({
        issuedId: b.record.incidentId,
        incidentId: b.record.incidentId,
        status: 'OPEN' as const,
      }));
    },
    writeActivities: async (records: ActivityRecord[]) => {
      if (behaviour.fail) throw new Error('disk I/O error');
      batches.push(records.length);
      // A store answers on a later turn of the event loop, as a database or a thread does.
      await new Promise((resolve) => setImmediate(resolve));
      activities.push(...records);
    },
  } as unknown as Store;
  return { store, incidents, activities, batches };
}

function fakeFallback(): FallbackSink & { events: ReplayEvent[] } {
  const events: ReplayEvent[] = [];
  return {
    events,
    append: async (batch) => (events.push(...batch), { written: batch.length, dropped: 0 }),
    appendSync: (batch) => (events.push(...batch), { written: batch.length, dropped: 0 }),
  };
}

async function setup(
  options: {
    fail?: boolean;
    maxQueueSize?: number;
    fallback?: boolean;
    open?: boolean;
    batchSize?: number;
  } = {},
) {
  const { store, incidents, activities, batches } = fakeStore(options);
  const connection = new StoreConnection(store, silent, { initialMs: 60_000, maxMs: 60_000 });
  if (options.open !== false) await connection.open();
  let n = 0;
  const book = new IncidentBook(60_000, () => `INCIDENT-${++n}`);
  const fallback = options.fallback === false ? undefined : fakeFallback();
  const stats = createWriteStats();
  const queue = new WriteQueue({
    book,
    connection,
    fallback,
    stats,
    dedupWindowMs: 60_000,
    flushIntervalMs: 60_000,
    batchSize: options.batchSize ?? 2,
    maxQueueSize: options.maxQueueSize ?? 100,
  });
  const occur = (fingerprint: string) =>
    book.record({
      fingerprint,
      requestId: 'r',
      now: Date.now(),
      build: (incidentId) => ({ incidentId }) as IncidentRecord,
    });
  return { queue, stats, incidents, activities, batches, fallback, occur, connection };
}

const activity = (requestId: string) => ({ requestId }) as ActivityRecord;

/** An activity as the recorder queues it: headers as captured, redacted on the way out. */
const capturedActivity = (requestId: string): QueuedActivity =>
  ({
    requestId,
    requestHeaders: {},
    responseHeaders: {},
    captured: {
      redaction: createRedaction({ enabled: true, mask: '[REDACTED]' }),
      request: { cookie: 'sid=s3cret' },
      response: 'HTTP/1.1 200 OK\r\nSet-Cookie: sid=s3cret\r\n\r\n',
    },
  }) as unknown as QueuedActivity;

describe('WriteQueue', () => {
  it('writes incident counts and activities in batches and counts them', async () => {
    const { queue, stats, incidents, activities, occur } = await setup();
    occur('a');
    occur('a');
    occur('b');
    for (const id of ['1', '2', '3']) queue.enqueueActivity(activity(id));
    await queue.flush();
    expect(incidents.map((b) => b.count)).toEqual([2, 1]);
    expect(activities.map((a) => a.requestId)).toEqual(['1', '2', '3']);
    expect(stats.stored).toEqual({ incidentBatches: 2, incidentOccurrences: 3, activities: 3 });
    expect(queue.size).toBe(0);
  });

  it('writes a steady stream in full batches, not one small batch per record past the size', async () => {
    // A server finishes many requests per turn of the event loop: each record past the batch
    // size used to schedule a flush of its own, and each became a batch of whatever had
    // arrived by then (measured: batches of 50 instead of 500, costing SQLite 40 % more a row).
    const { queue, activities, batches } = await setup({ batchSize: 90 });
    let sent = 0;
    for (let turn = 0; turn < 20; turn++) {
      for (let i = 0; i < 20; i++) queue.enqueueActivity(activity(String(sent++)));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await queue.close();
    expect(activities.map((a) => a.requestId)).toEqual(
      Array.from({ length: sent }, (_, i) => String(i)),
    );
    // Full batches as they fill up (a remainder waits for the next one); the rest on close.
    expect(batches).toEqual([90, 90, 90, 90, 40]);
  });

  it('sends a batch the store refuses to the fallback file as replayable events', async () => {
    const { queue, stats, fallback, occur } = await setup({ fail: true });
    occur('a');
    queue.enqueueActivity(activity('1'));
    await queue.flush();
    expect(fallback!.events.map((e) => e.kind)).toEqual(['incident', 'activity']);
    expect(new Set(fallback!.events.map((e) => e.op_id)).size).toBe(2);
    expect(stats.spilled.store_failed).toBe(2);
  });

  it('spills what arrives while the store is down', async () => {
    const { queue, stats, fallback, connection } = await setup({ open: false });
    connection.state = 'down';
    queue.enqueueActivity(activity('1'));
    await queue.flush();
    expect(fallback!.events).toHaveLength(1);
    expect(stats.spilled.store_unavailable).toBe(1);
  });

  it('sends records past maxQueueSize straight to the fallback file', async () => {
    const { queue, stats, fallback } = await setup({ maxQueueSize: 1 });
    queue.enqueueActivity(activity('kept'));
    queue.enqueueActivity(activity('spilled'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stats.spilled.queue_full).toBe(1);
    expect(fallback!.events.map((e) => (e.record as ActivityRecord).requestId)).toEqual([
      'spilled',
    ]);
  });

  it('spills a burst past maxQueueSize as one fallback write', async () => {
    const { queue, fallback } = await setup({ maxQueueSize: 1 });
    let appends = 0;
    const append = fallback!.append.bind(fallback);
    fallback!.append = (batch) => (appends++, append(batch));
    for (let i = 0; i < 100; i++) queue.enqueueActivity(activity(String(i)));
    await new Promise((resolve) => setImmediate(resolve));
    expect(appends).toBe(1);
    expect(fallback!.events).toHaveLength(99);
  });

  it('hands a store and the fallback file redacted headers, never the captured ones', async () => {
    const stored = await setup();
    stored.queue.enqueueActivity(capturedActivity('1'));
    await stored.queue.flush();
    const failed = await setup({ fail: true });
    failed.queue.enqueueActivity(capturedActivity('2'));
    await failed.queue.flush();
    const records = [stored.activities[0], failed.fallback!.events[0]!.record] as QueuedActivity[];
    for (const record of records) {
      expect(JSON.stringify(record)).not.toContain('s3cret');
      expect('captured' in record).toBe(false);
      expect(record.requestHeaders).toEqual({ cookie: '[REDACTED]' });
      expect(record.responseHeaders).toEqual({ 'set-cookie': '[REDACTED]' });
    }
  });

  it('counts records as dropped only when there is no fallback file', async () => {
    const { queue, stats } = await setup({ fail: true, fallback: false });
    queue.enqueueActivity(activity('1'));
    await queue.flush();
    expect(stats.dropped.fallback_disabled).toBe(1);
  });

  it('writes everything pending to the fallback file synchronously on shutdown', async () => {
    const { queue, stats, fallback, occur } = await setup();
    occur('a');
    queue.enqueueActivity(activity('1'));
    queue.spillSync();
    expect(fallback!.events).toHaveLength(2);
    expect(stats.spilled.shutdown).toBe(2);
  });
});
