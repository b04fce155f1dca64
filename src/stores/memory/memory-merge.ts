import { withStorableText } from '../shared/storable-text.js';
import {
  ABSORBING_STATUSES,
  type IncidentOccurrences,
  type IncidentWriteResult,
} from '../../core/store/records.js';
import { throughJson } from '../shared/json.js';
import { findIncident, type MemoryIncident, type MemoryState } from './memory-state.js';

/**
 * Counts one flushed batch where the SQL stores would: in the incident its issued ID already
 * names (even a RESOLVED one), else in the most recent absorbing incident of its fingerprint
 * within the window (recording the ID as an alias), else in a new incident.
 *
 * @example
 * mergeIncident(state, batch, 60_000); // { issuedId, incidentId, status }
 */
export function mergeIncident(
  state: MemoryState,
  batch: IncidentOccurrences,
  windowMs: number,
): IncidentWriteResult {
  const issuedId = batch.record.incidentId;
  const target = findIncident(state, issuedId) ?? findAbsorbing(state, batch, windowMs);
  if (target === undefined) {
    const created = insertIncident(state, batch);
    return { issuedId, incidentId: created.incidentId, status: created.status };
  }
  addOccurrences(target, batch);
  if (target.incidentId !== issuedId) state.aliases.set(issuedId, target.incidentId);
  return { issuedId, incidentId: target.incidentId, status: target.status };
}

function findAbsorbing(
  state: MemoryState,
  batch: IncidentOccurrences,
  windowMs: number,
): MemoryIncident | undefined {
  if (!(windowMs > 0)) return undefined; // 0, negative or NaN: never merge
  const earliest = batch.firstSeenAt - windowMs;
  let best: MemoryIncident | undefined;
  for (const incident of state.incidents.values()) {
    if (incident.fingerprint !== batch.record.fingerprint) continue;
    if (!ABSORBING_STATUSES.includes(incident.status)) continue;
    if (incident.lastSeenAt.getTime() < earliest) continue;
    if (best === undefined || isNewer(incident, best)) best = incident;
  }
  return best;
}

function isNewer(a: MemoryIncident, b: MemoryIncident): boolean {
  const byTime = a.lastSeenAt.getTime() - b.lastSeenAt.getTime();
  return byTime !== 0 ? byTime > 0 : a.id > b.id;
}

function addOccurrences(target: MemoryIncident, batch: IncidentOccurrences): void {
  target.occurrenceCount += batch.count;
  if (batch.lastSeenAt >= target.lastSeenAt.getTime()) {
    target.lastSeenAt = new Date(batch.lastSeenAt);
    target.lastRequestId = batch.lastRequestId;
  }
}

function insertIncident(state: MemoryState, batch: IncidentOccurrences): MemoryIncident {
  const record = withStorableText(structuredClone(batch.record));
  const incident: MemoryIncident = {
    ...record,
    headers: throughJson(record.headers),
    tags: throughJson(record.tags),
    id: ++state.lastIncidentRowId,
    status: 'OPEN',
    lastRequestId: batch.lastRequestId,
    occurrenceCount: batch.count,
    firstSeenAt: new Date(batch.firstSeenAt),
    lastSeenAt: new Date(batch.lastSeenAt),
    resolvedAt: null,
    notes: null,
  };
  state.incidents.set(incident.incidentId, incident);
  return incident;
}
