import type { BlackboxConfig } from '../config/resolve-config.js';
import { pathMatchesAny, sampled } from '../capture/capture-rules.js';
import type { ActivityRecorder } from '../engine/engine-parts.js';
import type { FinishInfo, RequestScope } from '../engine/request-scope.js';
import type { WriteQueue } from '../writes/write-queue.js';
import { buildActivityRecord } from './activity-record.js';

/**
 * Turns finished requests into activity rows on the write queue, honouring `activity.enabled`,
 * `activity.ignorePaths` and `activity.sampleRate` (one roll per request). Building a row must
 * never break the response, so a failure costs that row and is reported once.
 */
export function createActivityRecorder(
  config: BlackboxConfig,
  queue: WriteQueue,
): ActivityRecorder {
  const { activity } = config;
  return {
    wants(path: string): boolean {
      if (!activity.enabled || pathMatchesAny(activity.ignorePaths, path)) return false;
      return sampled(activity.sampleRate);
    },
    record(scope: RequestScope, info: FinishInfo, durationMs: number): void {
      try {
        queue.enqueueActivity(buildActivityRecord(config, scope, info, durationMs));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        config.logger.errorOnce('activity-build', `could not build an activity row: ${reason}`);
      }
    },
  };
}
