import { sql } from 'kysely';
import {
  ABSORBING_STATUSES,
  type IncidentOccurrences,
  type IncidentStatus,
  type IncidentWriteResult,
} from '../../core/store/records.js';
import type { StoreDialect } from './kysely-dialect.js';
import { byIdOrAlias } from './kysely-filters.js';
import { toIncidentRow } from './kysely-rows.js';
import type { BlackboxDb, DbInt } from './kysely-tables.js';

interface Target {
  id: DbInt;
  incident_id: string;
  status: string;
}

/** The lock that serialises merges of one fingerprint across processes. */
export function fingerprintLockKey(batch: IncidentOccurrences): string {
  return `fingerprint:${batch.record.fingerprint}`;
}

/**
 * Counts one flushed batch, inside a transaction that holds its fingerprint's lock: in the
 * incident its issued ID already names (even RESOLVED: the client's ID must lead to where the
 * occurrence was counted), else in the latest absorbing incident of the fingerprint within the
 * window (recording the issued ID as an alias), else in a new incident under the issued ID.
 *
 * @example
 * await dialect.inWriteTransaction(db, [fingerprintLockKey(batch)], (trx) =>
 *   mergeIncidentBatch(trx, batch, 60_000, dialect));
 */
export async function mergeIncidentBatch(
  trx: BlackboxDb,
  batch: IncidentOccurrences,
  windowMs: number,
  dialect: StoreDialect,
): Promise<IncidentWriteResult> {
  const issuedId = batch.record.incidentId;
  const named = await findByIdOrAlias(trx, issuedId);
  if (named !== undefined) return addOccurrences(trx, named, batch, dialect);
  const absorbing = await findAbsorbing(trx, batch, windowMs, dialect);
  if (absorbing !== undefined) {
    await trx
      .insertInto('blackbox_incident_aliases')
      .values({ alias: issuedId, incident_id: absorbing.incident_id })
      .execute();
    return addOccurrences(trx, absorbing, batch, dialect);
  }
  await trx.insertInto('blackbox_incidents').values(toIncidentRow(batch, dialect)).execute();
  return { issuedId, incidentId: issuedId, status: 'OPEN' };
}

function findByIdOrAlias(trx: BlackboxDb, id: string): Promise<Target | undefined> {
  return trx
    .selectFrom('blackbox_incidents')
    .select(['id', 'incident_id', 'status'])
    .where((eb) => byIdOrAlias(eb, id))
    .executeTakeFirst();
}

function findAbsorbing(
  trx: BlackboxDb,
  batch: IncidentOccurrences,
  windowMs: number,
  dialect: StoreDialect,
): Promise<Target | undefined> {
  if (!(windowMs > 0)) return Promise.resolve(undefined);
  return trx
    .selectFrom('blackbox_incidents')
    .select(['id', 'incident_id', 'status'])
    .where('fingerprint', '=', batch.record.fingerprint)
    .where('status', 'in', ABSORBING_STATUSES)
    .where('last_seen_at', '>=', dialect.encodeTime(batch.firstSeenAt - windowMs))
    .orderBy('last_seen_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

async function addOccurrences(
  trx: BlackboxDb,
  target: Target,
  batch: IncidentOccurrences,
  dialect: StoreDialect,
): Promise<IncidentWriteResult> {
  const at = dialect.encodeTime(batch.lastSeenAt);
  await trx
    .updateTable('blackbox_incidents')
    .set({
      // Order matters: MySQL evaluates SET left to right with the values already assigned, so
      // last_request_id must read last_seen_at before it moves (standard SQL reads old values).
      last_request_id: sql<string>`case when last_seen_at <= ${at} then ${batch.lastRequestId} else last_request_id end`,
      last_seen_at: sql<string>`case when last_seen_at < ${at} then ${at} else last_seen_at end`,
      occurrence_count: sql<number>`occurrence_count + ${batch.count}`,
    })
    .where('id', '=', target.id)
    .execute();
  const status = target.status as IncidentStatus;
  return { issuedId: batch.record.incidentId, incidentId: target.incident_id, status };
}
