import { BlackboxError } from '../../core/errors/blackbox-error.js';
import { INCIDENT_STATUSES, type IncidentStatus } from '../../core/store/records.js';
import type { ReplayEvent } from '../../core/store/store.js';

/** A block larger than this is a bug in the caller, not a real need. */
const MAX_BLOCK = 1_000_000;

/**
 * Rejects a block size that is not a positive whole number, before it reaches the counter.
 *
 * @example
 * assertBlockSize(20); // ok
 * assertBlockSize(0); // throws BlackboxError('invalid_input')
 */
export function assertBlockSize(count: number): void {
  if (Number.isSafeInteger(count) && count >= 1 && count <= MAX_BLOCK) return;
  throw new BlackboxError(
    'invalid_input',
    `reserveIncidentNumbers: count must be a whole number from 1 to ${MAX_BLOCK}, got ${count}`,
  );
}

/**
 * Narrows a status read from a caller (the dashboard, the CLI) to the four known ones.
 *
 * @example
 * assertStatus('RESOLVED'); // ok
 */
export function assertStatus(status: string): asserts status is IncidentStatus {
  if ((INCIDENT_STATUSES as readonly string[]).includes(status)) return;
  throw new BlackboxError(
    'invalid_input',
    `status: expected one of ${INCIDENT_STATUSES.join(', ')}, got "${status}"`,
  );
}

/**
 * Checks every fallback event before any is applied, so a bad line fails the replay up front
 * instead of half-way through.
 *
 * @example
 * assertReplayEvents([{ v: 1, op_id: '01J…', kind: 'activity', record }]);
 */
export function assertReplayEvents(events: readonly ReplayEvent[]): void {
  for (const event of events) {
    const { v, op_id: opId, kind } = event as { v: unknown; op_id: unknown; kind: unknown };
    const known = v === 1 && (kind === 'incident' || kind === 'activity');
    if (known && typeof opId === 'string' && opId !== '') continue;
    throw new BlackboxError(
      'invalid_input',
      `replay: unsupported event (v=${String(v)}, kind=${String(kind)}, op_id=${String(opId)})`,
    );
  }
}

/**
 * Rejects an invalid `Date` (`new Date('nope')`) among query bounds or prune cutoffs: compared
 * as NaN it would match nothing in one store and everything in another, and a prune must never
 * guess.
 *
 * @example
 * assertDates({ since: query.since, until: query.until });
 */
export function assertDates(values: Record<string, Date | undefined>): void {
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    if (value instanceof Date && !Number.isNaN(value.getTime())) continue;
    throw new BlackboxError(
      'invalid_input',
      `${name}: expected a valid Date, got ${String(value)}`,
    );
  }
}
