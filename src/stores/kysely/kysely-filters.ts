import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { ActivityQuery, IncidentQuery } from '../../core/store/store.js';
import type { PageKey } from '../shared/page.js';
import { LIKE_ESCAPE, toLikePattern } from '../shared/search.js';
import type { StoreDialect } from './kysely-dialect.js';
import type { BlackboxTables } from './kysely-tables.js';

type IncidentEb = ExpressionBuilder<BlackboxTables, 'blackbox_incidents'>;
type ActivityEb = ExpressionBuilder<BlackboxTables, 'blackbox_activities'>;

/**
 * Case-insensitive substring match that means the same on SQLite, PostgreSQL and MySQL
 * (`ILIKE` is PostgreSQL-only; MySQL's LIKE follows the column collation). SQLite's `lower()`
 * folds ASCII only, so non-ASCII letters match case-sensitively there.
 */
function contains(column: string, term: string): Expression<SqlBool> {
  const escape = sql.lit(LIKE_ESCAPE);
  return sql<SqlBool>`lower(${sql.ref(column)}) like ${toLikePattern(term)} escape ${escape}`;
}

/**
 * The incident named by a public ID or by one of its aliases (one query, no round trip).
 * Spelled `incident_id = coalesce((alias lookup), id)` rather than `= id or in (subquery)`:
 * the scalar subquery runs once and the unique index finds the row, where the OR made
 * PostgreSQL and MySQL scan the whole table (a flush of 10,000 new incidents went quadratic).
 *
 * @example
 * db.selectFrom('blackbox_incidents').selectAll().where((eb) => byIdOrAlias(eb, 'INCIDENT-0042'));
 */
export function byIdOrAlias(eb: IncidentEb, idOrAlias: string): Expression<SqlBool> {
  const aliased = eb
    .selectFrom('blackbox_incident_aliases')
    .select('incident_id')
    .where('alias', '=', idOrAlias);
  return eb('incident_id', '=', eb.fn.coalesce(aliased, eb.val(idOrAlias)));
}

/**
 * Rows strictly after a page key in newest-first order: `(time, id) < (key.at, key.id)`,
 * spelled out because row-value comparisons use indexes poorly on older MySQL.
 */
export function afterKey(timeColumn: string, key: PageKey, dialect: StoreDialect) {
  const at = dialect.encodeTime(key.at);
  const time = sql.ref(timeColumn);
  return sql<SqlBool>`(${time} < ${at} or (${time} = ${at} and ${sql.ref('id')} < ${key.id}))`;
}

/** The incident filters of the dashboard and the API; `since`/`until` are inclusive. */
export function incidentFilter(eb: IncidentEb, q: IncidentQuery, dialect: StoreDialect) {
  const where: Expression<SqlBool>[] = [];
  if (q.status !== undefined) where.push(eb('status', '=', q.status));
  if (q.httpStatus !== undefined) where.push(eb('http_status', '=', q.httpStatus));
  if (q.method !== undefined) where.push(eb('method', '=', q.method.toUpperCase()));
  if (q.path !== undefined) where.push(eb('path', '=', q.path));
  if (q.route !== undefined) where.push(eb('route', '=', q.route));
  if (q.user !== undefined) where.push(eb('user_id', '=', q.user));
  if (q.requestId !== undefined) {
    // An incident knows its first and its latest request; either one finds it.
    const id = q.requestId;
    where.push(eb.or([eb('request_id', '=', id), eb('last_request_id', '=', id)]));
  }
  if (q.since) where.push(eb('last_seen_at', '>=', dialect.encodeTime(q.since.getTime())));
  if (q.until) where.push(eb('last_seen_at', '<=', dialect.encodeTime(q.until.getTime())));
  if (q.search) where.push(incidentSearch(eb, q.search));
  return eb.and(where);
}

function incidentSearch(eb: IncidentEb, term: string): Expression<SqlBool> {
  const columns = ['path', 'incident_id', 'request_id', 'last_request_id'];
  const matches = [...columns, 'exception_class', 'exception_message'].map((c) =>
    contains(c, term),
  );
  // An ID a client was given may now be an alias: pasting it into the search must still work.
  const alias = eb.exists(
    eb
      .selectFrom('blackbox_incident_aliases')
      .select('alias')
      .whereRef('blackbox_incident_aliases.incident_id', '=', 'blackbox_incidents.incident_id')
      .where(contains('blackbox_incident_aliases.alias', term)),
  );
  return eb.or([...matches, alias]);
}

/** The activity filters of the dashboard and the API; `since`/`until` are inclusive. */
export function activityFilter(eb: ActivityEb, q: ActivityQuery, dialect: StoreDialect) {
  const where: Expression<SqlBool>[] = [];
  if (q.method !== undefined) where.push(eb('method', '=', q.method.toUpperCase()));
  if (q.httpStatus !== undefined) where.push(eb('http_status', '=', q.httpStatus));
  if (q.path !== undefined) where.push(eb('path', '=', q.path));
  if (q.route !== undefined) where.push(eb('route', '=', q.route));
  if (q.user !== undefined) where.push(eb('user_id', '=', q.user));
  if (q.action !== undefined) where.push(eb('action', '=', q.action));
  if (q.customAction !== undefined) where.push(eb('custom_action', '=', q.customAction));
  if (q.requestId !== undefined) where.push(eb('request_id', '=', q.requestId));
  if (q.isAuthenticated !== undefined) {
    where.push(eb('is_authenticated', '=', dialect.encodeBool(q.isAuthenticated)));
  }
  if (q.since) where.push(eb('created_at', '>=', dialect.encodeTime(q.since.getTime())));
  if (q.until) where.push(eb('created_at', '<=', dialect.encodeTime(q.until.getTime())));
  if (q.search) {
    const columns = ['path', 'full_path', 'route', 'request_id', 'incident_id', 'user_id'];
    where.push(eb.or([...columns, 'custom_action'].map((c) => contains(c, q.search ?? ''))));
  }
  return eb.and(where);
}
