import {
  settleActivity,
  settlesCapturedHeaders,
  type QueuedActivity,
} from '../activity/captured-headers.js';
import { newOpId } from '../fallback/fallback-file.js';
import type { IncidentBook } from '../incidents/incident-book.js';
import type { IncidentOccurrences } from '../store/records.js';
import { ATOMIC_INCIDENT_BATCHES, type ReplayEvent } from '../store/store.js';
import type { StoreConnection } from './store-connection.js';
import type { SpillReason, WriteStats } from './write-stats.js';

/** What the queue needs of the fallback file (see core/fallback). */
export interface FallbackSink {
  append(events: ReplayEvent[]): Promise<{ written: number; dropped: number }>;
  appendSync(events: ReplayEvent[]): { written: number; dropped: number };
}

export interface WriteQueueOptions {
  book: IncidentBook;
  connection: StoreConnection;
  fallback: FallbackSink | undefined;
  stats: WriteStats;
  dedupWindowMs: number;
  flushIntervalMs: number;
  batchSize: number;
  maxQueueSize: number;
  now?: () => number;
}

interface Pending {
  incidents: IncidentOccurrences[];
  activities: QueuedActivity[];
}

/**
 * Keeps every store write off the request path: activities wait here and incident counts wait in
 * the book until a flush on a timer or on size. A batch the store cannot take goes to the
 * fallback file; only a fallback that is off or failing loses records, and each loss is counted.
 */
export class WriteQueue {
  private activities: QueuedActivity[] = [];
  /** Activities past `maxQueueSize`, spilled together on the next tick (one file write, not one each). */
  private overflow: QueuedActivity[] = [];
  private flushing: Promise<void> | undefined;
  /** A size-triggered flush is waiting for its turn of the event loop. */
  private flushScheduled = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => number;

  constructor(private readonly options: WriteQueueOptions) {
    this.now = options.now ?? Date.now;
  }

  start(): void {
    this.timer ??= setInterval(() => void this.flush(), this.options.flushIntervalMs);
    this.timer.unref();
  }

  get size(): number {
    return this.activities.length + this.options.book.pendingCount;
  }

  /** Queues an activity; when the queue is full it goes straight to the fallback file. */
  enqueueActivity(record: QueuedActivity): void {
    if (this.size >= this.options.maxQueueSize) {
      if (this.overflow.push(record) === 1) setImmediate(() => void this.spillOverflow());
      return;
    }
    this.activities.push(record);
    if (this.activities.length >= this.options.batchSize) this.flushSoon();
  }

  /** Called after the book counted an occurrence, so a burst of new incidents flushes early. */
  noteIncident(): void {
    if (this.options.book.pendingCount >= this.options.batchSize) this.flushSoon();
  }

  /** Writes everything pending; concurrent calls share one flush, and a call during it queues another. */
  async flush(): Promise<void> {
    return this.flushPending('all');
  }

  /** `whole-batches` leaves the activities past the last full batch for the next flush. */
  private async flushPending(amount: 'all' | 'whole-batches'): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.size === 0) return;
    this.flushing = this.writePending(amount).finally(() => {
      this.flushing = undefined;
      // What arrived during the write: a full batch goes now, less waits for the timer.
      const { batchSize, book } = this.options;
      if (this.activities.length >= batchSize || book.pendingCount >= batchSize) this.flushSoon();
    });
    return this.flushing;
  }

  /** Stops the timer and flushes what is left. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  /** Last resort on a shutdown deadline: everything still pending goes to the fallback file now. */
  spillSync(): void {
    const pending = this.take();
    pending.activities.push(...this.overflow);
    this.overflow = [];
    const events = toEvents(pending);
    if (events.length === 0) return;
    this.count('shutdown', pending);
    this.recordFallbackResult(this.options.fallback?.appendSync(events), events.length);
  }

  private async spillOverflow(): Promise<void> {
    const activities = this.overflow;
    this.overflow = [];
    await this.spill({ incidents: [], activities }, 'queue_full');
  }

  /**
   * One flush per crossing of the batch size. A server finishes many requests per turn of the
   * event loop, and a flush scheduled by each of them became a batch of its own, of whatever
   * had arrived by then: SQLite took 40 % more time a row in those batches of 50.
   */
  private flushSoon(): void {
    if (this.flushing || this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      // Full batches only: a remainder of 43 would be a write (a transaction) of its own.
      void this.flushPending('whole-batches');
    });
  }

  private take(amount: 'all' | 'whole-batches' = 'all'): Pending {
    const incidents = this.options.book.drain(this.now());
    const { batchSize } = this.options;
    const kept = amount === 'all' ? 0 : this.activities.length % batchSize;
    const activities = this.activities;
    this.activities = kept === 0 ? [] : activities.splice(activities.length - kept, kept);
    return { incidents, activities };
  }

  private async writePending(amount: 'all' | 'whole-batches'): Promise<void> {
    const { connection } = this.options;
    if (connection.state === 'opening') await connection.open();
    const pending = this.take(amount);
    if (connection.state !== 'open') return this.spill(pending, 'store_unavailable');
    try {
      await this.writeToStore(pending);
    } catch {
      await this.spill(pending, 'store_failed');
    }
  }

  private async writeToStore({ incidents, activities }: Pending): Promise<void> {
    const { connection, stats, book, dedupWindowMs, batchSize } = this.options;
    // Written batches leave the pending arrays at once, so a later failure spills only the rest.
    while (incidents.length > 0) {
      // One atomic call at a time: a failure then spills only what was not committed.
      const batch = incidents.slice(0, Math.min(batchSize, ATOMIC_INCIDENT_BATCHES));
      const results = await connection.run((s) => s.writeIncidents(batch, { dedupWindowMs }));
      book.settle(results);
      incidents.splice(0, batch.length);
      stats.stored.incidentBatches += batch.length;
      stats.stored.incidentOccurrences += batch.reduce((sum, b) => sum + b.count, 0);
    }
    while (activities.length > 0) {
      const batch = activities.slice(0, batchSize);
      // Headers are redacted before the store sees them, unless the store does it (see
      // captured-headers.ts): a user's store never gets an unredacted header.
      await connection.run((s) =>
        s.writeActivities(settlesCapturedHeaders(s) ? batch : batch.map(settleActivity)),
      );
      activities.splice(0, batch.length);
      stats.stored.activities += batch.length;
    }
  }

  private async spill(pending: Pending, reason: SpillReason): Promise<void> {
    const events = toEvents(pending);
    if (events.length === 0) return;
    this.count(reason, pending);
    this.recordFallbackResult(await this.options.fallback?.append(events), events.length);
  }

  private count(reason: SpillReason, pending: Pending): void {
    this.options.stats.spilled[reason] += pending.incidents.length + pending.activities.length;
  }

  private recordFallbackResult(result: { dropped: number } | undefined, total: number): void {
    const { dropped } = this.options.stats;
    if (!result) dropped.fallback_disabled += total;
    else dropped.fallback_failed += result.dropped;
  }
}

function toEvents({ incidents, activities }: Pending): ReplayEvent[] {
  return [
    ...incidents.map((record): ReplayEvent => ({
      v: 1,
      op_id: newOpId(),
      kind: 'incident',
      record,
    })),
    ...activities.map((record): ReplayEvent => ({
      v: 1,
      op_id: newOpId(),
      kind: 'activity',
      record: settleActivity(record),
    })),
  ];
}
