import type { Selectable } from 'kysely';
import type { StoredActivity, StoredIncident } from '../../core/store/records.js';
import type { ActivityQuery, IncidentQuery, Page } from '../../core/store/store.js';
import { clampLimit, decodeCursor, toPage } from '../shared/page.js';
import { assertDates } from '../shared/validate.js';
import type { StoreDialect } from './kysely-dialect.js';
import { activityFilter, afterKey, byIdOrAlias, incidentFilter } from './kysely-filters.js';
import { fromActivityRow, fromIncidentRow } from './kysely-rows.js';
import type { BlackboxDb, DbInt, DbTime, IncidentsTable } from './kysely-tables.js';
import { fromDbInt } from './kysely-values.js';

/** Finds an incident by public ID or alias, with all its aliases. */
export async function getIncident(
  db: BlackboxDb,
  idOrAlias: string,
  dialect: StoreDialect,
): Promise<StoredIncident | undefined> {
  const row = await db
    .selectFrom('blackbox_incidents')
    .selectAll()
    .where((eb) => byIdOrAlias(eb, idOrAlias))
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const aliases = await aliasesOf(db, [row.incident_id]);
  return fromIncidentRow(row, aliases.get(row.incident_id) ?? [], dialect);
}

/** One page of incidents, newest `last_seen_at` first (then newest id), keyset-paged. */
export async function listIncidents(
  db: BlackboxDb,
  query: IncidentQuery,
  dialect: StoreDialect,
): Promise<Page<StoredIncident>> {
  const limit = clampLimit(query.limit);
  const after = decodeCursor(query.cursor);
  assertDates({ since: query.since, until: query.until });
  let select = db
    .selectFrom('blackbox_incidents')
    .selectAll()
    .where((eb) => incidentFilter(eb, query, dialect));
  if (after) select = select.where(afterKey('last_seen_at', after, dialect));
  const rows = await select
    .orderBy('last_seen_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = toPage(rows, limit, (row) => keyOf(row.last_seen_at, row.id, dialect));
  const aliases = await aliasesOf(
    db,
    page.results.map((row) => row.incident_id),
  );
  const toIncident = (row: Selectable<IncidentsTable>) =>
    fromIncidentRow(row, aliases.get(row.incident_id) ?? [], dialect);
  return { results: page.results.map(toIncident), next: page.next };
}

/** Finds an activity by its surrogate id (the API's `/activities/<id>`). */
export async function getActivity(
  db: BlackboxDb,
  id: number,
  dialect: StoreDialect,
): Promise<StoredActivity | undefined> {
  if (!Number.isSafeInteger(id)) return undefined;
  const row = await db
    .selectFrom('blackbox_activities')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row && fromActivityRow(row, dialect);
}

/** One page of activities, newest `created_at` first (then newest id), keyset-paged. */
export async function listActivities(
  db: BlackboxDb,
  query: ActivityQuery,
  dialect: StoreDialect,
): Promise<Page<StoredActivity>> {
  const limit = clampLimit(query.limit);
  const after = decodeCursor(query.cursor);
  assertDates({ since: query.since, until: query.until });
  let select = db
    .selectFrom('blackbox_activities')
    .selectAll()
    .where((eb) => activityFilter(eb, query, dialect));
  if (after) select = select.where(afterKey('created_at', after, dialect));
  const rows = await select
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = toPage(rows, limit, (row) => keyOf(row.created_at, row.id, dialect));
  return { results: page.results.map((row) => fromActivityRow(row, dialect)), next: page.next };
}

function keyOf(time: DbTime, id: DbInt, dialect: StoreDialect) {
  return { at: dialect.decodeTime(time).getTime(), id: fromDbInt(id) };
}

/** Aliases of the given incidents, sorted, in one query (none for an empty page). */
async function aliasesOf(db: BlackboxDb, incidentIds: string[]): Promise<Map<string, string[]>> {
  const byIncident = new Map<string, string[]>();
  if (incidentIds.length === 0) return byIncident;
  const rows = await db
    .selectFrom('blackbox_incident_aliases')
    .select(['alias', 'incident_id'])
    .where('incident_id', 'in', incidentIds)
    .orderBy('alias')
    .execute();
  for (const { alias, incident_id: incidentId } of rows) {
    byIncident.set(incidentId, [...(byIncident.get(incidentId) ?? []), alias]);
  }
  return byIncident;
}
