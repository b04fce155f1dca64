import type { IncidentStatus, StoredIncident } from '../../core/store/records.js';
import { assertStatus } from '../shared/validate.js';
import type { StoreDialect } from './kysely-dialect.js';
import { byIdOrAlias } from './kysely-filters.js';
import { getIncident } from './kysely-read.js';
import type { BlackboxDb } from './kysely-tables.js';

/**
 * Moves an incident (found by ID or alias) to `status`: RESOLVED stamps `resolved_at` (keeping
 * the first stamp when it was already resolved), every other status clears it.
 *
 * @example
 * await setIncidentStatus(db, 'INCIDENT-0042', 'RESOLVED', dialect);
 */
export function setIncidentStatus(
  db: BlackboxDb,
  idOrAlias: string,
  status: IncidentStatus,
  dialect: StoreDialect,
): Promise<StoredIncident | undefined> {
  assertStatus(status);
  return dialect.inWriteTransaction(db, [], async (trx) => {
    const row = await trx
      .selectFrom('blackbox_incidents')
      .select(['id', 'status', 'resolved_at'])
      .where((eb) => byIdOrAlias(eb, idOrAlias))
      .$if(dialect.rowLocks, (select) => select.forUpdate())
      .executeTakeFirst();
    if (row === undefined) return undefined;
    const keepStamp =
      status === 'RESOLVED' && row.status === 'RESOLVED' && row.resolved_at !== null;
    const resolvedAt = status === 'RESOLVED' ? dialect.encodeTime(Date.now()) : null;
    await trx
      .updateTable('blackbox_incidents')
      .set(keepStamp ? { status } : { status, resolved_at: resolvedAt })
      .where('id', '=', row.id)
      .execute();
    return getIncident(trx, idOrAlias, dialect);
  });
}
