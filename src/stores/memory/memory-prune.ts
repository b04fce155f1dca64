import type { PruneOptions, PruneResult } from '../../core/store/store.js';
import { assertDates } from '../shared/validate.js';
import type { MemoryState } from './memory-state.js';

/**
 * Deletes incidents last seen before `incidentsOlderThan` (with their aliases) and activities
 * created before `activitiesOlderThan`; with `dryRun` it only counts.
 *
 * @example
 * pruneMemory(state, { activitiesOlderThan: new Date(Date.now() - 30 * 86_400_000) });
 */
export function pruneMemory(state: MemoryState, options: PruneOptions): PruneResult {
  assertDates({
    incidentsOlderThan: options.incidentsOlderThan,
    activitiesOlderThan: options.activitiesOlderThan,
  });
  const result: PruneResult = { incidentsByStatus: {}, activities: 0 };
  const dryRun = options.dryRun === true;
  const incidentCutoff = options.incidentsOlderThan?.getTime();
  const activityCutoff = options.activitiesOlderThan?.getTime();
  for (const incident of [...state.incidents.values()]) {
    if (incidentCutoff === undefined || incident.lastSeenAt.getTime() >= incidentCutoff) continue;
    const byStatus = result.incidentsByStatus;
    byStatus[incident.status] = (byStatus[incident.status] ?? 0) + 1;
    if (!dryRun) deleteIncident(state, incident.incidentId);
  }
  for (const activity of [...state.activities.values()]) {
    if (activityCutoff === undefined || activity.createdAt.getTime() >= activityCutoff) continue;
    result.activities += 1;
    if (!dryRun) state.activities.delete(activity.id);
  }
  return result;
}

function deleteIncident(state: MemoryState, incidentId: string): void {
  state.incidents.delete(incidentId);
  for (const [alias, target] of state.aliases) {
    if (target === incidentId) state.aliases.delete(alias);
  }
}
