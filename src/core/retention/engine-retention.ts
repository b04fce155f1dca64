import type { OnceLogger } from '../log/logger.js';
import type { StoreConnection } from '../writes/store-connection.js';
import { parseEvery } from './parse-every.js';
import { assertAgeDays, pruneByAge, type PruneByAgeResult } from './prune-by-age.js';
import { hasRetentionLease, startRetentionSchedule } from './retention-schedule.js';

/** What `blackbox.prune()` takes; ages default to the `retentionDays` option. */
export interface BlackboxPruneOptions {
  olderThanDays?: number;
  activitiesOlderThanDays?: number;
  dryRun?: boolean;
}

/**
 * One pruning pass through the engine's store connection. Ages are checked first, so a bad
 * argument rejects without marking the store down.
 *
 * @example
 * await prunePass(connection, 90, { dryRun: true });
 */
export async function prunePass(
  connection: StoreConnection,
  retentionDays: number,
  options: BlackboxPruneOptions = {},
): Promise<PruneByAgeResult> {
  const olderThanDays = assertAgeDays('olderThanDays', options.olderThanDays ?? retentionDays);
  const activities = options.activitiesOlderThanDays;
  if (activities !== undefined) assertAgeDays('activitiesOlderThanDays', activities);
  return connection.run((store) =>
    pruneByAge(store, {
      olderThanDays,
      activitiesOlderThanDays: activities,
      dryRun: options.dryRun,
    }),
  );
}

/**
 * Starts the `retention: { every }` schedule when configured (validating `every` now, at
 * start-up); returns its stop function. Only the instance that claims the store's lease prunes.
 *
 * @example
 * const stop = startEngineRetention({ every: '1d' }, 90, connection, logger);
 */
export function startEngineRetention(
  retention: { every: string | number } | undefined,
  retentionDays: number,
  connection: StoreConnection,
  logger: OnceLogger,
): (() => void) | undefined {
  if (retention === undefined) return undefined;
  const everyMs = parseEvery(retention.every);
  return startRetentionSchedule({
    everyMs,
    claim: (ms, now) =>
      connection.run((store) =>
        hasRetentionLease(store) ? store.claimRetentionRun(ms, now) : Promise.resolve(true),
      ),
    prune: () => prunePass(connection, retentionDays),
    onError: (error) =>
      logger.errorOnce(
        'retention',
        `scheduled pruning failed (retried next interval): ${error instanceof Error ? error.message : String(error)}`,
      ),
  });
}
