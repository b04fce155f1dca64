import { BlackboxError } from '../errors/blackbox-error.js';
import type { PruneResult, Store } from '../store/store.js';

const DAY_MS = 86_400_000;

/** Ages in days: incidents by their last occurrence, activities by their creation. */
export interface PruneByAgeOptions {
  /** Incidents last seen more than this many days ago go. */
  olderThanDays: number;
  /** Activities created more than this many days ago go; default: `olderThanDays`. */
  activitiesOlderThanDays?: number;
  /** Count what would go, delete nothing. */
  dryRun?: boolean;
  /** The reference instant (epoch ms); default: now. */
  now?: number;
}

/** What was (or would be) deleted, and the cutoffs used. */
export interface PruneByAgeResult extends PruneResult {
  incidentsBefore: Date;
  activitiesBefore: Date;
  dryRun: boolean;
}

/**
 * Deletes incidents and activities older than the given ages, in the store's small batches
 * (`blackbox prune`, `blackbox.prune()` and the retention schedule all come here). A
 * non-positive or non-numeric age is refused before anything is deleted.
 *
 * @example
 * const result = await pruneByAge(store, { olderThanDays: 90, dryRun: true });
 * result.incidentsByStatus; // { RESOLVED: 12, OPEN: 3 }
 */
export async function pruneByAge(
  store: Store,
  options: PruneByAgeOptions,
): Promise<PruneByAgeResult> {
  const incidentDays = assertAgeDays('olderThanDays', options.olderThanDays);
  const activityDays = assertAgeDays(
    'activitiesOlderThanDays',
    options.activitiesOlderThanDays ?? incidentDays,
  );
  const now = options.now ?? Date.now();
  const incidentsBefore = new Date(now - incidentDays * DAY_MS);
  const activitiesBefore = new Date(now - activityDays * DAY_MS);
  const dryRun = options.dryRun === true;
  const result = await store.prune({
    incidentsOlderThan: incidentsBefore,
    activitiesOlderThan: activitiesBefore,
    dryRun,
  });
  return { ...result, incidentsBefore, activitiesBefore, dryRun };
}

/**
 * Checks an age in days: a finite number above 0.
 *
 * @example
 * assertAgeDays('olderThanDays', 30); // 30
 */
export function assertAgeDays(name: string, value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
  throw new BlackboxError(
    'invalid_input',
    `${name}: expected a number of days above 0, got ${String(value)}`,
  );
}
