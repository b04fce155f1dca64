import type { StoredActivity } from '../../core/store/records.js';
import type { ActivityQuery, IncidentQuery, Page } from '../../core/store/store.js';
import { clampLimit, decodeCursor, toPage } from '../shared/page.js';
import { containsIgnoringCase } from '../shared/search.js';
import { assertDates } from '../shared/validate.js';
import type { MemoryIncident } from './memory-state.js';

/** Filters, sorts newest first and pages rows the way the SQL stores' keyset queries do. */
export function pageOf<T extends { id: number }>(
  rows: Iterable<T>,
  query: { cursor?: string; limit?: number; since?: Date; until?: Date },
  timeOf: (row: T) => Date,
): Page<T> {
  const limit = clampLimit(query.limit);
  const after = decodeCursor(query.cursor);
  assertDates({ since: query.since, until: query.until });
  const key = (row: T) => ({ at: timeOf(row).getTime(), id: row.id });
  const sorted = [...rows]
    .filter((row) => after === undefined || isBefore(key(row), after))
    .sort((a, b) => key(b).at - key(a).at || b.id - a.id);
  return toPage(sorted.slice(0, limit + 1), limit, key);
}

function isBefore(a: { at: number; id: number }, b: { at: number; id: number }): boolean {
  return a.at < b.at || (a.at === b.at && a.id < b.id);
}

/** The memory twin of the SQL incident filters; `aliasesOf` lets search find an issued ID. */
export function matchesIncident(
  incident: MemoryIncident,
  query: IncidentQuery,
  aliasesOf: (incidentId: string) => string[],
): boolean {
  const q = query;
  const requestIds = [incident.requestId, incident.lastRequestId];
  if (q.status !== undefined && incident.status !== q.status) return false;
  if (q.httpStatus !== undefined && incident.httpStatus !== q.httpStatus) return false;
  if (q.method !== undefined && incident.method !== q.method.toUpperCase()) return false;
  if (q.path !== undefined && incident.path !== q.path) return false;
  if (q.route !== undefined && incident.route !== q.route) return false;
  if (q.requestId !== undefined && !requestIds.includes(q.requestId)) return false;
  if (q.user !== undefined && incident.userId !== q.user) return false;
  if (!inRange(incident.lastSeenAt, q.since, q.until)) return false;
  if (q.search === undefined || q.search === '') return true;
  const texts = [
    incident.exceptionClass,
    incident.exceptionMessage,
    ...aliasesOf(incident.incidentId),
  ];
  return containsIgnoringCase(
    [incident.path, incident.incidentId, ...requestIds, ...texts],
    q.search,
  );
}

/** The memory twin of the SQL activity filters. */
export function matchesActivity(activity: StoredActivity, query: ActivityQuery): boolean {
  const a = activity;
  const q = query;
  if (q.method !== undefined && a.method !== q.method.toUpperCase()) return false;
  if (q.httpStatus !== undefined && a.httpStatus !== q.httpStatus) return false;
  if (q.path !== undefined && a.path !== q.path) return false;
  if (q.route !== undefined && a.route !== q.route) return false;
  if (q.user !== undefined && a.userId !== q.user) return false;
  if (q.action !== undefined && a.action !== q.action) return false;
  if (q.customAction !== undefined && a.customAction !== q.customAction) return false;
  if (q.requestId !== undefined && a.requestId !== q.requestId) return false;
  if (q.isAuthenticated !== undefined && a.isAuthenticated !== q.isAuthenticated) return false;
  if (!inRange(a.createdAt, q.since, q.until)) return false;
  if (q.search === undefined || q.search === '') return true;
  const fields = [a.path, a.fullPath, a.route, a.requestId, a.incidentId, a.userId];
  return containsIgnoringCase([...fields, a.customAction], q.search);
}

/** `since` and `until` are both inclusive, as the SQL stores' `>=` / `<=`. */
function inRange(at: Date, since: Date | undefined, until: Date | undefined): boolean {
  if (since !== undefined && at.getTime() < since.getTime()) return false;
  return until === undefined || at.getTime() <= until.getTime();
}
