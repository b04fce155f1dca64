import type {
  ActivityRecord,
  IncidentOccurrences,
  IncidentRecord,
} from '../../src/core/store/records.js';

/** A fixed instant with milliseconds, so round trips are checked to the millisecond. */
export const T0 = Date.UTC(2025, 0, 15, 12, 0, 0, 123);
export const MINUTE = 60_000;

let sequence = 0;

/** A unique incident ID in the counter namespace (`INCIDENT-0001`…). */
export function nextIncidentId(): string {
  sequence += 1;
  return `INCIDENT-${String(sequence).padStart(4, '0')}`;
}

export function incidentRecord(overrides: Partial<IncidentRecord> = {}): IncidentRecord {
  return {
    incidentId: nextIncidentId(),
    fingerprint: 'Error:boom:/boom',
    httpStatus: 500,
    method: 'GET',
    path: '/boom',
    route: '/boom',
    queryString: 'a=1&b=%C3%A9',
    requestId: 'req-first',
    userId: 'user-7',
    ipAddress: '203.0.113.9',
    userAgent: 'curl/8.5.0',
    headers: { accept: 'application/json', 'x-note': 'é ✓ "quoted"' },
    contentType: 'application/json',
    bodyPreview: '{"name":"Zoë"}',
    exceptionClass: 'TypeError',
    exceptionMessage: 'boom: could not read "price"',
    stacktrace: 'TypeError: boom\n    at handler (app.js:1:1)',
    headersSent: true,
    tags: ['checkout', 'beta'],
    ...overrides,
  };
}

/** One flushed batch; `at` is both first and last occurrence unless given. */
export function occurrences(
  overrides: Partial<Omit<IncidentOccurrences, 'record'>> & {
    record?: Partial<IncidentRecord>;
  } = {},
): IncidentOccurrences {
  const { record, ...rest } = overrides;
  return {
    record: incidentRecord(record),
    count: 1,
    firstSeenAt: T0,
    lastSeenAt: T0,
    lastRequestId: 'req-last',
    ...rest,
  };
}

export function activityRecord(overrides: Partial<ActivityRecord> = {}): ActivityRecord {
  return {
    createdAt: T0,
    method: 'POST',
    path: '/items',
    fullPath: '/items?draft=1',
    route: '/items',
    handler: 'createItem',
    httpStatus: 201,
    aborted: false,
    responseTimeMs: 12.625,
    requestId: 'req-a',
    incidentId: null,
    userId: 'user-1',
    isAuthenticated: true,
    ipAddress: '198.51.100.4',
    userAgent: 'Mozilla/5.0',
    objectType: 'Item',
    objectId: '42',
    requestHeaders: { 'content-type': 'application/json' },
    requestBody: '{"name":"pen","price":2}',
    responseHeaders: { etag: 'W/"1"' },
    responseBody: '{"id":42}',
    action: 'CREATE',
    customAction: null,
    customPayload: { nested: [1, 'two', { three: true }] },
    instanceBefore: null,
    instanceAfter: { id: 42, name: 'pen', price: 2 },
    instanceDiff: { name: [null, 'pen'] },
    extra: 'just a string',
    ...overrides,
  };
}
