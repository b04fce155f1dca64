import type { IncidentOccurrences, IncidentRecord, IncidentWriteResult } from '../store/records.js';

interface Entry {
  incidentId: string;
  record: IncidentRecord;
  pending: number;
  firstPendingAt: number;
  lastSeenAt: number;
  lastRequestId: string;
}

export interface OccurrenceInput {
  fingerprint: string;
  requestId: string;
  now: number;
  /** Builds the record of a first occurrence; repeats never pay for it. */
  build: (incidentId: string) => IncidentRecord;
}

/**
 * In-process dedup: a repeat of a fingerprint within the window reuses the ID already handed out
 * and only bumps a counter, so a burst of one failure costs one row update per flush. The window
 * slides from the last occurrence. Across processes the store merges at flush time.
 */
export class IncidentBook {
  private readonly byKey = new Map<string, Entry>();
  private pendingEntries = 0;

  constructor(
    private readonly windowMs: number,
    private readonly issueId: () => string,
  ) {}

  /** Counts one occurrence and returns the incident ID the client gets. */
  record(input: OccurrenceInput): string {
    const key = this.windowMs > 0 ? input.fingerprint : `${input.fingerprint}#${input.requestId}`;
    const entry = this.byKey.get(key);
    if (entry && input.now - entry.lastSeenAt <= this.windowMs) {
      if (entry.pending === 0) {
        entry.firstPendingAt = input.now;
        this.pendingEntries += 1;
      }
      entry.pending += 1;
      entry.lastSeenAt = Math.max(entry.lastSeenAt, input.now);
      entry.lastRequestId = input.requestId;
      return entry.incidentId;
    }
    const incidentId = this.issueId();
    this.pendingEntries += 1;
    this.byKey.delete(key);
    // An expired entry may still hold unflushed occurrences: park it until the next drain.
    if (entry && entry.pending > 0) this.byKey.set(`${key}\u0000${entry.incidentId}`, entry);
    this.byKey.set(key, {
      incidentId,
      record: input.build(incidentId),
      pending: 1,
      firstPendingAt: input.now,
      lastSeenAt: input.now,
      lastRequestId: input.requestId,
    });
    return incidentId;
  }

  /** Number of incident IDs with occurrences waiting for a flush. */
  get pendingCount(): number {
    return this.pendingEntries;
  }

  /** Takes every pending count as one batch per incident ID and forgets expired entries. */
  drain(now: number): IncidentOccurrences[] {
    const batches: IncidentOccurrences[] = [];
    this.pendingEntries = 0;
    for (const [key, entry] of this.byKey) {
      if (entry.pending > 0) {
        batches.push({
          record: entry.record,
          count: entry.pending,
          firstSeenAt: entry.firstPendingAt,
          lastSeenAt: entry.lastSeenAt,
          lastRequestId: entry.lastRequestId,
        });
        entry.pending = 0;
      } else if (now - entry.lastSeenAt > this.windowMs) {
        this.byKey.delete(key);
      }
    }
    return batches;
  }

  /**
   * Learns where flushed batches landed. A resolved incident must not absorb further repeats,
   * so its entry is dropped and the next occurrence opens a new incident.
   */
  settle(results: readonly IncidentWriteResult[]): void {
    const resolved = new Set(
      results.filter((result) => result.status === 'RESOLVED').map((r) => r.issuedId),
    );
    if (resolved.size === 0) return;
    for (const [key, entry] of this.byKey) {
      if (resolved.has(entry.incidentId) && entry.pending === 0) this.byKey.delete(key);
    }
  }
}
