import type { StoredActivity, StoredIncident } from '../../core/store/records.js';

/** An incident as the memory store keeps it; aliases live in their own map, as in SQL. */
export type MemoryIncident = Omit<StoredIncident, 'aliases'>;

/** Everything the memory store holds; one per store, mutated only by its own methods. */
export interface MemoryState {
  counter: number;
  lastIncidentRowId: number;
  lastActivityRowId: number;
  /** By public incident ID. */
  incidents: Map<string, MemoryIncident>;
  /** Alias → public incident ID. */
  aliases: Map<string, string>;
  activities: Map<number, StoredActivity>;
  appliedOps: Set<string>;
}

/** An empty store: the counter starts at 0, so the first block begins at 1 as in SQL. */
export function createMemoryState(): MemoryState {
  return {
    counter: 0,
    lastIncidentRowId: 0,
    lastActivityRowId: 0,
    incidents: new Map(),
    aliases: new Map(),
    activities: new Map(),
    appliedOps: new Set(),
  };
}

/** Finds an incident by its public ID or by one of its aliases. */
export function findIncident(state: MemoryState, idOrAlias: string): MemoryIncident | undefined {
  const canonical = state.aliases.get(idOrAlias) ?? idOrAlias;
  return state.incidents.get(canonical);
}

/**
 * Copies an incident out of the store with its aliases, so that callers can never mutate what
 * the store holds (the SQL stores give the same guarantee by construction).
 */
export function readIncident(state: MemoryState, incident: MemoryIncident): StoredIncident {
  const aliases: string[] = [];
  for (const [alias, target] of state.aliases) {
    if (target === incident.incidentId) aliases.push(alias);
  }
  return { ...structuredClone(incident), aliases: aliases.sort() };
}

/** Copies an activity out of the store (see `readIncident`). */
export function readActivity(activity: StoredActivity): StoredActivity {
  return structuredClone(activity);
}
