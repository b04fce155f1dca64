import type { IncidentStatus } from '../../core/store/records.js';
import type { PruneOptions, PruneResult } from '../../core/store/store.js';
import { assertDates } from '../shared/validate.js';
import type { StoreDialect } from './kysely-dialect.js';
import type { BlackboxDb, DbTime } from './kysely-tables.js';

/**
 * Rows deleted per statement: each batch is its own short transaction, so other writers (the
 * app's flushes) get the lock between batches however big the table is.
 */
export const PRUNE_BATCH_SIZE = 500;

type StatusCounts = PruneResult['incidentsByStatus'];

/**
 * Deletes incidents last seen before `incidentsOlderThan` (with their aliases) and activities
 * created before `activitiesOlderThan`, in batches; `dryRun` only counts.
 *
 * @example
 * await prune(db, { activitiesOlderThan: new Date(Date.now() - 30 * 86_400_000) }, dialect);
 */
export async function prune(
  db: BlackboxDb,
  options: PruneOptions,
  dialect: StoreDialect,
): Promise<PruneResult> {
  assertDates({
    incidentsOlderThan: options.incidentsOlderThan,
    activitiesOlderThan: options.activitiesOlderThan,
  });
  const result: PruneResult = { incidentsByStatus: {}, activities: 0 };
  const dryRun = options.dryRun === true;
  if (options.incidentsOlderThan) {
    const cutoff = dialect.encodeTime(options.incidentsOlderThan.getTime());
    const run = dryRun ? countIncidents : deleteIncidents;
    result.incidentsByStatus = await run(db, cutoff, dialect);
  }
  if (options.activitiesOlderThan) {
    const cutoff = dialect.encodeTime(options.activitiesOlderThan.getTime());
    const run = dryRun ? countActivities : deleteActivities;
    result.activities = await run(db, cutoff, dialect);
  }
  return result;
}

async function countIncidents(db: BlackboxDb, cutoff: DbTime): Promise<StatusCounts> {
  const rows = await db
    .selectFrom('blackbox_incidents')
    .select((eb) => ['status', eb.fn.countAll().as('n')])
    .where('last_seen_at', '<', cutoff)
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
}

async function deleteIncidents(db: BlackboxDb, cutoff: DbTime, dialect: StoreDialect) {
  const counts: StatusCounts = {};
  for (;;) {
    const batch = await dialect.inWriteTransaction(db, [], async (trx) => {
      const rows = await trx
        .selectFrom('blackbox_incidents')
        .select(['id', 'incident_id', 'status'])
        .where('last_seen_at', '<', cutoff)
        .orderBy('id')
        .limit(PRUNE_BATCH_SIZE)
        .$if(dialect.rowLocks, (select) => select.forUpdate())
        .execute();
      if (rows.length === 0) return rows;
      const publicIds = rows.map((row) => row.incident_id);
      await trx
        .deleteFrom('blackbox_incident_aliases')
        .where('incident_id', 'in', publicIds)
        .execute();
      await trx
        .deleteFrom('blackbox_incidents')
        .where(
          'id',
          'in',
          rows.map((row) => row.id),
        )
        .execute();
      return rows;
    });
    for (const { status } of batch) {
      counts[status as IncidentStatus] = (counts[status as IncidentStatus] ?? 0) + 1;
    }
    if (batch.length < PRUNE_BATCH_SIZE) return counts;
  }
}

async function countActivities(db: BlackboxDb, cutoff: DbTime): Promise<number> {
  const row = await db
    .selectFrom('blackbox_activities')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('created_at', '<', cutoff)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

async function deleteActivities(db: BlackboxDb, cutoff: DbTime, dialect: StoreDialect) {
  let deleted = 0;
  for (;;) {
    const ids = await dialect.inWriteTransaction(db, [], async (trx) => {
      const rows = await trx
        .selectFrom('blackbox_activities')
        .select('id')
        .where('created_at', '<', cutoff)
        .orderBy('id')
        .limit(PRUNE_BATCH_SIZE)
        .execute();
      const batchIds = rows.map((row) => row.id);
      if (batchIds.length > 0)
        await trx.deleteFrom('blackbox_activities').where('id', 'in', batchIds).execute();
      return batchIds;
    });
    deleted += ids.length;
    if (ids.length < PRUNE_BATCH_SIZE) return deleted;
  }
}
