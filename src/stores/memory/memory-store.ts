import { withStorableText } from '../shared/storable-text.js';
import type {
  ActivityRecord,
  IncidentStatus,
  StoredActivity,
  StoredIncident,
} from '../../core/store/records.js';
import type { ReplayEvent, Store, WriteIncidentsOptions } from '../../core/store/store.js';
import { throughJson } from '../shared/json.js';
import { assertBlockSize, assertReplayEvents, assertStatus } from '../shared/validate.js';
import { matchesActivity, matchesIncident, pageOf } from './memory-filters.js';
import { mergeIncident } from './memory-merge.js';
import { pruneMemory } from './memory-prune.js';
import {
  createMemoryState,
  findIncident,
  readActivity,
  readIncident,
  type MemoryState,
} from './memory-state.js';

/**
 * A store that keeps everything in this process (`store: 'memory:'`, and tests). It fulfils the
 * whole `Store` contract, with the same merge rules as the SQL stores, but nothing survives a
 * restart and nothing is shared between processes.
 *
 * @example
 * const store = createMemoryStore();
 * await store.open();
 * const first = await store.reserveIncidentNumbers(20); // 1
 */
export function createMemoryStore(): Store {
  const state = createMemoryState();
  const aliasesOf = (id: string) => [...state.aliases].filter(([, t]) => t === id).map(([a]) => a);
  return {
    description: 'memory:',
    open: () => settle(() => undefined),
    reserveIncidentNumbers: (count) =>
      settle(() => {
        assertBlockSize(count);
        state.counter += count;
        return state.counter - count + 1;
      }),
    writeIncidents: (batches, options) =>
      settle(() => batches.map((batch) => mergeIncident(state, batch, options.dedupWindowMs))),
    writeActivities: (records) =>
      settle(() => records.forEach((record) => insertActivity(state, record))),
    replay: (events, options) => settle(() => replayMemory(state, events, options)),
    getIncident: (idOrAlias) =>
      settle(() => {
        const incident = findIncident(state, idOrAlias);
        return incident && readIncident(state, incident);
      }),
    listIncidents: (query) =>
      settle(() => {
        const rows = [...state.incidents.values()].filter((i) =>
          matchesIncident(i, query, aliasesOf),
        );
        const page = pageOf(rows, query, (incident) => incident.lastSeenAt);
        return { ...page, results: page.results.map((incident) => readIncident(state, incident)) };
      }),
    setIncidentStatus: (idOrAlias, status) => settle(() => setStatus(state, idOrAlias, status)),
    getActivity: (id) =>
      settle(() => {
        const activity = state.activities.get(id);
        return activity && readActivity(activity);
      }),
    listActivities: (query) =>
      settle(() => {
        const rows = [...state.activities.values()].filter((a) => matchesActivity(a, query));
        const page = pageOf(rows, query, (activity) => activity.createdAt);
        return { ...page, results: page.results.map(readActivity) };
      }),
    prune: (options) => settle(() => pruneMemory(state, options)),
    close: () => settle(() => undefined),
  };
}

/** Runs synchronous work as a promise, so a thrown error becomes a rejection as in SQL stores. */
function settle<T>(work: () => T): Promise<T> {
  return new Promise((resolve) => resolve(work()));
}

function setStatus(
  state: MemoryState,
  idOrAlias: string,
  status: IncidentStatus,
): StoredIncident | undefined {
  assertStatus(status);
  const incident = findIncident(state, idOrAlias);
  if (incident === undefined) return undefined;
  // Re-resolving keeps the first stamp: "resolved at" answers when it was fixed.
  const keepStamp = status === 'RESOLVED' && incident.status === 'RESOLVED';
  if (!keepStamp || incident.resolvedAt === null) {
    incident.resolvedAt = status === 'RESOLVED' ? new Date() : null;
  }
  incident.status = status;
  return readIncident(state, incident);
}

function insertActivity(state: MemoryState, record: ActivityRecord): void {
  const activity: StoredActivity = {
    ...withStorableText(structuredClone(record)),
    id: ++state.lastActivityRowId,
    createdAt: new Date(record.createdAt),
    // The JSON columns as the SQL stores return them.
    requestHeaders: throughJson(record.requestHeaders),
    responseHeaders: throughJson(record.responseHeaders),
    customPayload: throughJson(record.customPayload),
    instanceBefore: throughJson(record.instanceBefore),
    instanceAfter: throughJson(record.instanceAfter),
    instanceDiff: throughJson(record.instanceDiff),
    extra: throughJson(record.extra),
  };
  state.activities.set(activity.id, activity);
}

function replayMemory(
  state: MemoryState,
  events: ReplayEvent[],
  options: WriteIncidentsOptions,
): { applied: number; skipped: number } {
  assertReplayEvents(events);
  let applied = 0;
  for (const event of events) {
    if (state.appliedOps.has(event.op_id)) continue;
    if (event.kind === 'incident') mergeIncident(state, event.record, options.dedupWindowMs);
    else insertActivity(state, event.record);
    state.appliedOps.add(event.op_id);
    applied += 1;
  }
  return { applied, skipped: events.length - applied };
}
