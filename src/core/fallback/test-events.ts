import type { ActivityRecord, IncidentOccurrences } from '../store/records.js';
import type { ReplayEvent } from '../store/store.js';
import { newOpId } from './fallback-file.js';

/**
 * Sample fallback events for tests (here and in test/cli): complete records with overrides.
 *
 * @example
 * const event = incidentEvent({ incidentId: 'INCIDENT-0042' });
 */
export function incidentEvent(record: Partial<IncidentOccurrences['record']> = {}): ReplayEvent {
  const at = Date.UTC(2025, 0, 2, 3, 4, 5);
  const occurrences: IncidentOccurrences = {
    record: {
      incidentId: 'INCIDENT-0001',
      fingerprint: 'Error:boom:/boom',
      httpStatus: 500,
      method: 'GET',
      path: '/boom',
      route: '/boom',
      queryString: null,
      requestId: 'req-1',
      userId: null,
      ipAddress: '127.0.0.1',
      userAgent: 'test',
      headers: { accept: 'application/json' },
      contentType: null,
      bodyPreview: null,
      exceptionClass: 'Error',
      exceptionMessage: 'boom',
      stacktrace: 'Error: boom\n    at handler (app.js:1:1)',
      headersSent: false,
      tags: [],
      ...record,
    },
    count: 1,
    firstSeenAt: at,
    lastSeenAt: at,
    lastRequestId: record.requestId ?? 'req-1',
  };
  return { v: 1, op_id: newOpId(), kind: 'incident', record: occurrences };
}

/** A sample activity event; see `incidentEvent`. */
export function activityEvent(overrides: Partial<ActivityRecord> = {}): ReplayEvent {
  const record: ActivityRecord = {
    createdAt: Date.UTC(2025, 0, 2, 3, 4, 5),
    method: 'GET',
    path: '/ok',
    fullPath: '/ok',
    route: '/ok',
    handler: null,
    httpStatus: 200,
    aborted: false,
    responseTimeMs: 3,
    requestId: 'req-2',
    incidentId: null,
    userId: null,
    isAuthenticated: false,
    ipAddress: '127.0.0.1',
    userAgent: 'test',
    objectType: null,
    objectId: null,
    requestHeaders: {},
    requestBody: null,
    responseHeaders: {},
    responseBody: null,
    action: 'VIEW',
    customAction: null,
    customPayload: null,
    instanceBefore: null,
    instanceAfter: null,
    instanceDiff: null,
    extra: null,
    ...overrides,
  };
  return { v: 1, op_id: newOpId(), kind: 'activity', record };
}
