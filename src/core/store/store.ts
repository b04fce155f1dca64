import type {
  ActivityRecord,
  IncidentOccurrences,
  IncidentStatus,
  IncidentWriteResult,
  StoredActivity,
  StoredIncident,
} from './records.js';

export interface IncidentQuery {
  status?: IncidentStatus;
  httpStatus?: number;
  method?: string;
  path?: string;
  route?: string;
  requestId?: string;
  user?: string;
  since?: Date;
  until?: Date;
  /** Case-insensitive substring over path, incident ID, request ID and exception class/message. */
  search?: string;
  /** Opaque cursor from a previous page's `next`. */
  cursor?: string;
  limit?: number;
}

export interface ActivityQuery {
  method?: string;
  httpStatus?: number;
  path?: string;
  route?: string;
  user?: string;
  action?: string;
  customAction?: string;
  requestId?: string;
  isAuthenticated?: boolean;
  since?: Date;
  until?: Date;
  search?: string;
  cursor?: string;
  limit?: number;
}

/** A page of results, newest first; `next` is the cursor of the following page or null. */
export interface Page<T> {
  results: T[];
  next: string | null;
}

export interface WriteIncidentsOptions {
  /** Dedup window in milliseconds; 0 disables merging. The window slides from `last_seen_at`. */
  dedupWindowMs: number;
}

/** A fallback-file event (`{ v, op_id, kind, record }`), applied at most once per `op_id`. */
export type ReplayEvent =
  | { v: 1; op_id: string; kind: 'incident'; record: IncidentOccurrences }
  | { v: 1; op_id: string; kind: 'activity'; record: ActivityRecord };

export interface ReplayResult {
  applied: number;
  skipped: number;
}

export interface PruneOptions {
  incidentsOlderThan?: Date;
  activitiesOlderThan?: Date;
  dryRun?: boolean;
}

export interface PruneResult {
  incidentsByStatus: Partial<Record<IncidentStatus, number>>;
  activities: number;
}

/** The most incident batches a store applies in one transaction. */
export const ATOMIC_INCIDENT_BATCHES = 50;

/**
 * The one contract every store fulfils (memory, SQLite, PostgreSQL, MySQL). All methods may
 * reject; the write queue turns rejections into fallback-file lines, never into host errors.
 */
export interface Store {
  /** Short name for messages, e.g. `sqlite:./blackbox.sqlite` without credentials. */
  readonly description: string;
  /** Connects and, where the store migrates by itself, migrates. Safe to call again after a failure. */
  open(): Promise<void>;
  /** Reserves `count` incident numbers in one atomic statement; returns the first of the block. */
  reserveIncidentNumbers(count: number): Promise<number>;
  /**
   * Merges each batch into the incident of its ID (or the ID's alias target), else into the open
   * incident of its fingerprint within the window (recording the ID as an alias), else inserts it.
   * A call with at most {@link ATOMIC_INCIDENT_BATCHES} batches is applied all or nothing, so a
   * caller that spills a failed call to the fallback file never counts an occurrence twice.
   */
  writeIncidents(
    batches: IncidentOccurrences[],
    options: WriteIncidentsOptions,
  ): Promise<IncidentWriteResult[]>;
  writeActivities(records: ActivityRecord[]): Promise<void>;
  /** Applies fallback events whose `op_id` was never applied before, in one transaction per event. */
  replay(events: ReplayEvent[], options: WriteIncidentsOptions): Promise<ReplayResult>;
  /** Finds an incident by its public ID or by any alias. */
  getIncident(idOrAlias: string): Promise<StoredIncident | undefined>;
  listIncidents(query: IncidentQuery): Promise<Page<StoredIncident>>;
  /** Sets the status (stamping or clearing `resolved_at`); returns the updated incident. */
  setIncidentStatus(idOrAlias: string, status: IncidentStatus): Promise<StoredIncident | undefined>;
  getActivity(id: number): Promise<StoredActivity | undefined>;
  listActivities(query: ActivityQuery): Promise<Page<StoredActivity>>;
  prune(options: PruneOptions): Promise<PruneResult>;
  /** Closes what the store opened itself; a pool or Kysely instance given by the user stays open. */
  close(): Promise<void>;
}
