/** Statuses an incident moves through; `resolved_at` is set on every path to RESOLVED. */
export const INCIDENT_STATUSES = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED', 'SUPPRESSED'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** Statuses that absorb repeats of the same fingerprint within the dedup window. */
export const ABSORBING_STATUSES: readonly IncidentStatus[] = ['OPEN', 'ACKNOWLEDGED', 'SUPPRESSED'];

/** Activity actions; a user's own label is stored in `custom_action`. */
export const ACTIVITY_ACTIONS = ['VIEW', 'CREATE', 'UPDATE', 'DELETE', 'CUSTOM'] as const;
export type ActivityAction = (typeof ACTIVITY_ACTIONS)[number];

/** The request data of an incident's first occurrence, already redacted and truncated. */
export interface IncidentRecord {
  incidentId: string;
  fingerprint: string;
  httpStatus: number;
  method: string;
  path: string;
  route: string | null;
  queryString: string | null;
  requestId: string;
  userId: string | null;
  ipAddress: string | null;
  userAgent: string | null;
  headers: Record<string, string>;
  contentType: string | null;
  bodyPreview: string | null;
  exceptionClass: string | null;
  exceptionMessage: string | null;
  stacktrace: string | null;
  headersSent: boolean;
  tags: string[];
}

/**
 * What one process flushes for one incident ID: the first occurrence's data plus how many
 * occurrences it counted since the last flush. Times are epoch milliseconds (UTC instants), so a
 * batch survives a round trip through the JSON Lines fallback file unchanged.
 */
export interface IncidentOccurrences {
  record: IncidentRecord;
  count: number;
  firstSeenAt: number;
  lastSeenAt: number;
  lastRequestId: string;
}

/** Where a flushed batch ended up: the incident it was counted in and that incident's status. */
export interface IncidentWriteResult {
  /** The ID the process handed out (maybe now an alias). */
  issuedId: string;
  /** The public ID of the incident the occurrences were counted in. */
  incidentId: string;
  status: IncidentStatus;
}

/** One row of `blackbox_activities`, without the surrogate key. JSON columns hold plain values. */
export interface ActivityRecord {
  createdAt: number;
  method: string;
  path: string;
  fullPath: string;
  route: string | null;
  handler: string | null;
  httpStatus: number;
  aborted: boolean;
  responseTimeMs: number;
  requestId: string;
  incidentId: string | null;
  userId: string | null;
  isAuthenticated: boolean;
  ipAddress: string | null;
  userAgent: string | null;
  objectType: string | null;
  objectId: string | null;
  requestHeaders: Record<string, string>;
  requestBody: string | null;
  responseHeaders: Record<string, string>;
  responseBody: string | null;
  action: string | null;
  customAction: string | null;
  customPayload: unknown;
  instanceBefore: unknown;
  instanceAfter: unknown;
  /**
   * `{ field: [old, new] }`; a `'[Truncated: …]'` string when its JSON was over
   * `activity.maxChangeBytes` (as any change column can be).
   */
  instanceDiff: Record<string, [unknown, unknown]> | string | null;
  extra: unknown;
}

/** An incident as read back from a store (the dashboard, the API and the CLI see this). */
export interface StoredIncident extends Omit<IncidentRecord, 'tags'> {
  id: number;
  status: IncidentStatus;
  lastRequestId: string;
  occurrenceCount: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
  resolvedAt: Date | null;
  notes: string | null;
  tags: string[];
  /** Other IDs clients were given for occurrences counted in this incident. */
  aliases: string[];
}

export interface StoredActivity extends Omit<ActivityRecord, 'createdAt'> {
  id: number;
  createdAt: Date;
}
