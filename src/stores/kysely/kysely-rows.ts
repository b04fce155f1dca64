import type { Insertable, Selectable } from 'kysely';
import type {
  ActivityRecord,
  IncidentOccurrences,
  IncidentStatus,
  StoredActivity,
  StoredIncident,
} from '../../core/store/records.js';
import { ACTIVITY_COLUMNS, INCIDENT_COLUMNS, clipLimits } from './kysely-columns.js';
import type { StoreDialect } from './kysely-dialect.js';
import type { ActivitiesTable, IncidentsTable } from './kysely-tables.js';
import * as json from '../shared/json.js';
import { storableText } from '../shared/storable-text.js';
import * as v from './kysely-values.js';

const INCIDENT_LIMITS = clipLimits(INCIDENT_COLUMNS);
const ACTIVITY_LIMITS = clipLimits(ACTIVITY_COLUMNS);

/** The row of a new incident: its first occurrence's request data plus the batch's counts. */
export function toIncidentRow(
  batch: IncidentOccurrences,
  dialect: StoreDialect,
): Insertable<IncidentsTable> {
  const r = batch.record;
  return v.clipRow(
    {
      incident_id: r.incidentId,
      fingerprint: r.fingerprint,
      status: 'OPEN' satisfies IncidentStatus,
      http_status: r.httpStatus,
      method: r.method,
      path: r.path,
      route: r.route,
      query_string: r.queryString,
      request_id: r.requestId,
      last_request_id: batch.lastRequestId,
      user_id: r.userId,
      ip_address: r.ipAddress,
      user_agent: r.userAgent,
      headers: json.toJsonText(r.headers),
      content_type: r.contentType,
      body_preview: r.bodyPreview,
      exception_class: r.exceptionClass,
      exception_message: r.exceptionMessage,
      stacktrace: r.stacktrace,
      headers_sent: dialect.encodeBool(r.headersSent),
      occurrence_count: batch.count,
      first_seen_at: dialect.encodeTime(batch.firstSeenAt),
      last_seen_at: dialect.encodeTime(batch.lastSeenAt),
      resolved_at: null,
      notes: null,
      tags: json.toJsonText(r.tags),
    },
    INCIDENT_LIMITS,
  );
}

/** Reads an incident row back, whichever way the dialect returns times, booleans and big integers. */
export function fromIncidentRow(
  row: Selectable<IncidentsTable>,
  aliases: string[],
  dialect: StoreDialect,
): StoredIncident {
  return {
    id: v.fromDbInt(row.id),
    incidentId: row.incident_id,
    fingerprint: row.fingerprint,
    status: row.status as IncidentStatus,
    httpStatus: row.http_status,
    method: row.method,
    path: row.path,
    route: row.route,
    queryString: row.query_string,
    requestId: row.request_id,
    lastRequestId: row.last_request_id,
    userId: row.user_id,
    ipAddress: row.ip_address,
    userAgent: row.user_agent,
    headers: json.fromJsonText(row.headers, {}),
    contentType: row.content_type,
    bodyPreview: row.body_preview,
    exceptionClass: row.exception_class,
    exceptionMessage: row.exception_message,
    stacktrace: row.stacktrace,
    headersSent: v.fromDbBool(row.headers_sent),
    occurrenceCount: v.fromDbInt(row.occurrence_count),
    firstSeenAt: dialect.decodeTime(row.first_seen_at),
    lastSeenAt: dialect.decodeTime(row.last_seen_at),
    resolvedAt: row.resolved_at === null ? null : dialect.decodeTime(row.resolved_at),
    notes: row.notes,
    tags: json.fromJsonText(row.tags, []),
    aliases,
  };
}

/**
 * Writes the values of an activity row, in `ACTIVITY_COLUMNS` order, into `target` from `at`:
 * JSON columns serialised, text clipped to the column sizes. Activities are written with every
 * request, so no row object is built: the values go straight into the statement's parameters.
 * Returns the position after the row.
 *
 * @example
 * const parameters = new Array(ACTIVITY_COLUMNS.length);
 * writeActivityValues(parameters, 0, record, sqliteStoreDialect);
 */
export function writeActivityValues(
  target: unknown[],
  at: number,
  a: ActivityRecord,
  dialect: StoreDialect,
): number {
  let i = at;
  target[i++] = dialect.encodeTime(a.createdAt);
  target[i++] = clip(a.method, 'method');
  target[i++] = clip(a.path, 'path');
  target[i++] = clip(a.fullPath, 'full_path');
  target[i++] = clip(a.route, 'route');
  target[i++] = clip(a.handler, 'handler');
  target[i++] = a.httpStatus;
  target[i++] = dialect.encodeBool(a.aborted);
  target[i++] = a.responseTimeMs;
  target[i++] = a.requestId;
  target[i++] = a.incidentId;
  target[i++] = clip(a.userId, 'user_id');
  target[i++] = dialect.encodeBool(a.isAuthenticated);
  target[i++] = clip(a.ipAddress, 'ip_address');
  target[i++] = clip(a.userAgent, 'user_agent');
  target[i++] = clip(a.objectType, 'object_type');
  target[i++] = clip(a.objectId, 'object_id');
  target[i++] = json.toJsonText(a.requestHeaders);
  target[i++] = clip(a.requestBody, 'request_body');
  target[i++] = json.toJsonText(a.responseHeaders);
  target[i++] = clip(a.responseBody, 'response_body');
  target[i++] = clip(a.action, 'action');
  target[i++] = clip(a.customAction, 'custom_action');
  target[i++] = json.toNullableJsonText(a.customPayload);
  target[i++] = json.toNullableJsonText(a.instanceBefore);
  target[i++] = json.toNullableJsonText(a.instanceAfter);
  target[i++] = json.toNullableJsonText(a.instanceDiff);
  target[i++] = json.toNullableJsonText(a.extra);
  return i;
}

/** A text column's value: storable (no NUL), clipped when the column has a size. */
function clip(value: string | null, column: string): string | null {
  if (value === null) return null;
  const limit = ACTIVITY_LIMITS.get(column);
  const text = storableText(value);
  return limit === undefined ? text : v.clipText(text, limit);
}

/** Reads an activity row back; a NULL JSON column reads as `null`. */
export function fromActivityRow(
  row: Selectable<ActivitiesTable>,
  dialect: StoreDialect,
): StoredActivity {
  return {
    id: v.fromDbInt(row.id),
    createdAt: dialect.decodeTime(row.created_at),
    method: row.method,
    path: row.path,
    fullPath: row.full_path,
    route: row.route,
    handler: row.handler,
    httpStatus: row.http_status,
    aborted: v.fromDbBool(row.aborted),
    responseTimeMs: row.response_time_ms,
    requestId: row.request_id,
    incidentId: row.incident_id,
    userId: row.user_id,
    isAuthenticated: v.fromDbBool(row.is_authenticated),
    ipAddress: row.ip_address,
    userAgent: row.user_agent,
    objectType: row.object_type,
    objectId: row.object_id,
    requestHeaders: json.fromJsonText(row.request_headers, {}),
    requestBody: row.request_body,
    responseHeaders: json.fromJsonText(row.response_headers, {}),
    responseBody: row.response_body,
    action: row.action,
    customAction: row.custom_action,
    customPayload: json.fromJsonText<unknown>(row.custom_payload, null),
    instanceBefore: json.fromJsonText<unknown>(row.instance_before, null),
    instanceAfter: json.fromJsonText<unknown>(row.instance_after, null),
    instanceDiff: json.fromJsonText(row.instance_diff, null),
    extra: json.fromJsonText<unknown>(row.extra, null),
  };
}
