import type { Generated, Kysely } from 'kysely';

/**
 * Column values as the drivers hand them over. Times: ISO-8601 text on SQLite, `Date` on
 * PostgreSQL/MySQL. Booleans: 0/1 on SQLite and MySQL, true/false on PostgreSQL. Big integers:
 * a string on PostgreSQL. Each dialect's codec converts; the row mappers read through it.
 */
export type DbTime = string | Date;
export type DbBool = number | boolean;
export type DbInt = number | string | bigint;

export interface IncidentsTable {
  id: Generated<DbInt>;
  incident_id: string;
  fingerprint: string;
  status: string;
  http_status: number;
  method: string;
  path: string;
  route: string | null;
  query_string: string | null;
  request_id: string;
  last_request_id: string;
  user_id: string | null;
  ip_address: string | null;
  user_agent: string | null;
  /** JSON text. */
  headers: string;
  content_type: string | null;
  body_preview: string | null;
  exception_class: string | null;
  exception_message: string | null;
  stacktrace: string | null;
  headers_sent: DbBool;
  occurrence_count: DbInt;
  first_seen_at: DbTime;
  last_seen_at: DbTime;
  resolved_at: DbTime | null;
  notes: string | null;
  /** JSON text. */
  tags: string;
}

export interface IncidentAliasesTable {
  alias: string;
  incident_id: string;
}

export interface ActivitiesTable {
  id: Generated<DbInt>;
  created_at: DbTime;
  method: string;
  path: string;
  full_path: string;
  route: string | null;
  handler: string | null;
  http_status: number;
  aborted: DbBool;
  response_time_ms: number;
  request_id: string;
  incident_id: string | null;
  user_id: string | null;
  is_authenticated: DbBool;
  ip_address: string | null;
  user_agent: string | null;
  object_type: string | null;
  object_id: string | null;
  /** The JSON columns below hold text; NULL stands for a JSON null. */
  request_headers: string;
  request_body: string | null;
  response_headers: string;
  response_body: string | null;
  action: string | null;
  custom_action: string | null;
  custom_payload: string | null;
  instance_before: string | null;
  instance_after: string | null;
  instance_diff: string | null;
  extra: string | null;
}

export interface CountersTable {
  name: string;
  value: DbInt;
}

export interface AppliedOpsTable {
  op_id: string;
  applied_at: DbTime;
}

/** Our five tables, snake_case exactly as in the database (DESIGN.md: Tables). */
export interface BlackboxTables {
  blackbox_incidents: IncidentsTable;
  blackbox_incident_aliases: IncidentAliasesTable;
  blackbox_activities: ActivitiesTable;
  blackbox_counters: CountersTable;
  blackbox_applied_ops: AppliedOpsTable;
}

/** Our view of the user's database: only our tables, always used without their plugins. */
export type BlackboxDb = Kysely<BlackboxTables>;

/** The one counter row; numbers handed out as `INCIDENT-0001`… come from it. */
export const INCIDENT_COUNTER = 'incident_number';
