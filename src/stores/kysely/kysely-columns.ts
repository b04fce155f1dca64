/**
 * The columns of our tables as data, shared by the migration (DDL) and the row writers (which
 * clip text to the declared sizes so MySQL's strict mode and SQLite store the same thing).
 *
 * A number is a `varchar(n)`: n ≤ 512 so that MySQL (utf8mb4, 4 bytes a character) can index it
 * within InnoDB's 3072-byte key limit, composite keys included. `long` is text that may exceed
 * 64 KB (`mediumtext` on MySQL). `time` is a UTC instant in the dialect's own format.
 */
export type ColumnKind = number | 'text' | 'long' | 'time' | 'bool' | 'int' | 'bigint' | 'double';

/**
 * `required` columns are NOT NULL. `key` columns (NOT NULL too) and `nullable key` columns
 * identify rows (IDs, fingerprints): they are never clipped, because a clipped key would
 * silently merge or miss rows.
 */
export type ColumnFlags = 'required' | 'key' | 'nullable key';
export type ColumnSpec = readonly [name: string, kind: ColumnKind, flags?: ColumnFlags];

export const INCIDENT_COLUMNS: readonly ColumnSpec[] = [
  ['incident_id', 191, 'key'],
  ['fingerprint', 255, 'key'],
  ['status', 16, 'required'],
  ['http_status', 'int', 'required'],
  ['method', 16, 'required'],
  ['path', 512, 'required'],
  ['route', 512],
  ['query_string', 'text'],
  ['request_id', 200, 'key'],
  ['last_request_id', 200, 'key'],
  ['user_id', 191],
  ['ip_address', 64],
  ['user_agent', 'text'],
  ['headers', 'long', 'required'],
  ['content_type', 255],
  ['body_preview', 'long'],
  ['exception_class', 255],
  ['exception_message', 'long'],
  ['stacktrace', 'long'],
  ['headers_sent', 'bool', 'required'],
  ['occurrence_count', 'bigint', 'required'],
  ['first_seen_at', 'time', 'required'],
  ['last_seen_at', 'time', 'required'],
  ['resolved_at', 'time'],
  ['notes', 'text'],
  ['tags', 'text', 'required'],
];

export const ALIAS_COLUMNS: readonly ColumnSpec[] = [
  ['alias', 191, 'key'],
  ['incident_id', 191, 'key'],
];

export const ACTIVITY_COLUMNS: readonly ColumnSpec[] = [
  ['created_at', 'time', 'required'],
  ['method', 16, 'required'],
  ['path', 512, 'required'],
  ['full_path', 'text', 'required'],
  ['route', 512],
  ['handler', 255],
  ['http_status', 'int', 'required'],
  ['aborted', 'bool', 'required'],
  ['response_time_ms', 'double', 'required'],
  ['request_id', 200, 'key'],
  ['incident_id', 191, 'nullable key'],
  ['user_id', 191],
  ['is_authenticated', 'bool', 'required'],
  ['ip_address', 64],
  ['user_agent', 'text'],
  ['object_type', 191],
  ['object_id', 191],
  ['request_headers', 'long', 'required'],
  ['request_body', 'long'],
  ['response_headers', 'long', 'required'],
  ['response_body', 'long'],
  ['action', 64],
  ['custom_action', 191],
  ['custom_payload', 'long'],
  ['instance_before', 'long'],
  ['instance_after', 'long'],
  ['instance_diff', 'long'],
  ['extra', 'long'],
];

/**
 * The character limits of the clippable `varchar` columns of one table.
 *
 * @example
 * clipLimits(ACTIVITY_COLUMNS).get('path'); // 512
 */
export function clipLimits(columns: readonly ColumnSpec[]): ReadonlyMap<string, number> {
  const limits = new Map<string, number>();
  for (const [name, kind, flags] of columns) {
    if (typeof kind === 'number' && flags !== 'key' && flags !== 'nullable key')
      limits.set(name, kind);
  }
  return limits;
}

export const COUNTER_COLUMNS: readonly ColumnSpec[] = [
  ['name', 64, 'key'],
  ['value', 'bigint', 'required'],
];

export const APPLIED_OP_COLUMNS: readonly ColumnSpec[] = [
  ['op_id', 191, 'key'],
  ['applied_at', 'time', 'required'],
];
