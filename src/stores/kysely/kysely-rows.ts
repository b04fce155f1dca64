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

/** The row of an activity; JSON columns serialised, text clipped to the column sizes. */
export function toActivityRow(
  a: ActivityRecord,
  dialect: StoreDialect,
): Insertable<ActivitiesTable> {
  return v.clipRow(
    {
      created_at: dialect.encodeTime(a.createdAt),
      method: a.method,
      path: a.path,
      full_path: a.fullPath,
      route: a.route,
      handler: a.handler,
      http_status: a.httpStatus,
      aborted: dialect.encodeBool(a.aborted),
      response_time_ms: a.responseTimeMs,
      request_id: a.requestId,
      incident_id: a.incidentId,
      user_id: a.userId,
      is_authenticated: dialect.encodeBool(a.isAuthenticated),
      ip_address: a.ipAddress,
      user_agent: a.userAgent,
      object_type: a.objectType,
      object_id: a.objectId,
      request_headers: json.toJsonText(a.requestHeaders),
      request_body: a.requestBody,
      response_headers: json.toJsonText(a.responseHeaders),
      response_body: a.responseBody,
      action: a.action,
      custom_action: a.customAction,
      custom_payload: json.toNullableJsonText(a.customPayload),
      instance_before: json.toNullableJsonText(a.instanceBefore),
      instance_after: json.toNullableJsonText(a.instanceAfter),
      instance_diff: json.toNullableJsonText(a.instanceDiff),
      extra: json.toNullableJsonText(a.extra),
    },
    ACTIVITY_LIMITS,
  );
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
