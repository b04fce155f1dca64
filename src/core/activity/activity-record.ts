import type { BlackboxConfig } from '../config/resolve-config.js';
import { readBodyPreview } from '../engine/incident-record.js';
import type { FinishInfo, RequestScope } from '../engine/request-scope.js';
import { headerValue } from '../engine/request-snapshot.js';
import { clientIp } from '../http/client-ip.js';
import { diffObjects, toJsonSafe } from '../json/index.js';
import { redactQueryString, redactValue } from '../redact/index.js';
import type { ActivityChange } from './activity-change.js';
import type { QueuedActivity } from './captured-headers.js';

/** Status stored for a request whose client went away before the response finished. */
export const ABORTED_STATUS = 499;

const ACTION_BY_METHOD: Record<string, string> = {
  GET: 'VIEW',
  HEAD: 'VIEW',
  POST: 'CREATE',
  PUT: 'UPDATE',
  PATCH: 'UPDATE',
  DELETE: 'DELETE',
};

/**
 * Headers of a record not settled yet (see captured-headers.ts): shared and frozen, so a path
 * that forgot to settle would store no headers rather than unredacted ones.
 */
const NOT_SETTLED = Object.freeze({}) as Record<string, string>;

/** The stored form of one finished request, its headers as captured (redacted when stored). */
export function buildActivityRecord(
  config: BlackboxConfig,
  scope: RequestScope,
  info: FinishInfo,
  durationMs: number,
): QueuedActivity {
  const { snapshot } = scope;
  const query = scope.requestQuery ? redactQueryString(scope.requestQuery, config.redaction) : '';
  const user = scope.requestUser;
  const change = (scope as { change?: ActivityChange }).change;
  const tracked = change === undefined ? undefined : changeColumns(config, change);
  const path = scope.storedPath;
  return {
    createdAt: Date.now(),
    method: snapshot.method.slice(0, 16),
    path,
    fullPath: query ? `${path}?${query}` : path,
    route: read(snapshot.route),
    handler: read(snapshot.handler),
    httpStatus: info.aborted ? ABORTED_STATUS : info.status,
    aborted: info.aborted,
    responseTimeMs: Math.max(0, Math.round(durationMs * 1000) / 1000),
    requestId: scope.requestId,
    incidentId: scope.incidentId ?? null,
    userId: user.userId,
    isAuthenticated: user.isAuthenticated,
    ipAddress: clientIp(
      snapshot.remoteAddress,
      snapshot.headers['x-forwarded-for'] as string | undefined,
      config.trustProxy,
    ),
    userAgent: headerValue(snapshot.headers, 'user-agent')?.slice(0, 512) ?? null,
    requestHeaders: NOT_SETTLED,
    requestBody: readBodyPreview(config, snapshot, headerValue(snapshot.headers, 'content-type')),
    responseHeaders: NOT_SETTLED,
    responseBody: info.responseBody ?? null,
    action: defaultAction(snapshot.method, change),
    customAction: tracked?.customAction ?? null,
    customPayload: tracked?.customPayload ?? null,
    instanceBefore: tracked?.instanceBefore ?? null,
    instanceAfter: tracked?.instanceAfter ?? null,
    instanceDiff: tracked?.instanceDiff ?? null,
    objectType: tracked?.objectType ?? null,
    objectId: tracked?.objectId ?? null,
    extra: tracked?.extra ?? null,
    captured: {
      redaction: config.redaction,
      request: snapshot.headers,
      response: info.responseHead ?? info.responseHeaders,
    },
  };
}

type ChangeColumns = Pick<
  QueuedActivity,
  | 'customAction'
  | 'customPayload'
  | 'instanceBefore'
  | 'instanceAfter'
  | 'instanceDiff'
  | 'objectType'
  | 'objectId'
  | 'extra'
>;

/** The columns a tracked change fills (most requests have none: then nothing is built). */
function changeColumns(config: BlackboxConfig, change: ActivityChange): ChangeColumns {
  const before =
    change.before === undefined ? null : redactValue(toJsonSafe(change.before), config.redaction);
  const after =
    change.after === undefined ? null : redactValue(toJsonSafe(change.after), config.redaction);
  const tracked = change.before !== undefined || change.after !== undefined;
  const limit = <T>(value: T) => limitJson(value, config.activity.maxChangeBytes);
  return {
    customAction: change.customAction?.slice(0, 255) ?? null,
    customPayload:
      change.customPayload === undefined
        ? null
        : limit(redactValue(change.customPayload, config.redaction)),
    instanceBefore: limit(before),
    instanceAfter: limit(after),
    // From the whole values: a diff of two cut values would report changes that never happened.
    instanceDiff: tracked ? limit(diffObjects(before, after)) : null,
    objectType: change.object?.type.slice(0, 255) ?? null,
    objectId: change.object ? String(change.object.id).slice(0, 255) : null,
    extra: change.extra === undefined ? null : limit(redactValue(change.extra, config.redaction)),
  };
}

/**
 * A change column whose JSON is over `maxBytes` (UTF-8) becomes a marker giving its size: a
 * value cut in the middle would not be JSON, and an uncapped one makes rows no database takes
 * (MySQL's packet limit), failing the whole batch with it. Values that cannot be serialised
 * are left to the store, which stores a marker for them.
 */
function limitJson<T>(value: T, maxBytes: number): T | string {
  if (value === null || value === undefined) return value;
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    return value;
  }
  // Length is a lower bound of the UTF-8 size: most values are settled without counting bytes.
  if (text === undefined || text.length <= maxBytes / 3) return value;
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= maxBytes) return value;
  return `[Truncated: ${bytes} bytes of JSON, over activity.maxChangeBytes (${maxBytes})]`;
}

function defaultAction(method: string, change: ActivityChange | undefined): string | null {
  if (change?.action) return change.action.slice(0, 64);
  if (change?.customAction && !change.before && !change.after) return 'CUSTOM';
  return ACTION_BY_METHOD[method.toUpperCase()] ?? null;
}

function read(reader: (() => string | undefined) | undefined): string | null {
  try {
    return reader?.()?.slice(0, 512) ?? null;
  } catch {
    return null;
  }
}
