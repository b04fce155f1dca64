import type { ReplayEvent, ReplayResult, WriteIncidentsOptions } from '../../core/store/store.js';
import { assertReplayEvents } from '../shared/validate.js';
import { insertActivities } from './kysely-activities.js';
import type { StoreDialect } from './kysely-dialect.js';
import { fingerprintLockKey, mergeIncidentBatch } from './kysely-merge.js';
import type { BlackboxDb } from './kysely-tables.js';

/**
 * Applies fallback-file events, each in its own transaction together with the record of its
 * `op_id`, so an event is applied exactly once however often the file is replayed.
 *
 * @example
 * await replay(db, events, { dedupWindowMs: 60_000 }, dialect); // { applied: 10, skipped: 0 }
 */
export async function replay(
  db: BlackboxDb,
  events: readonly ReplayEvent[],
  options: WriteIncidentsOptions,
  dialect: StoreDialect,
): Promise<ReplayResult> {
  assertReplayEvents(events);
  let applied = 0;
  for (const event of events) {
    const keys = [`op:${event.op_id}`];
    if (event.kind === 'incident') keys.push(fingerprintLockKey(event.record));
    const done = await dialect.inWriteTransaction(db, keys, (trx) =>
      applyOnce(trx, event, options, dialect),
    );
    if (done) applied += 1;
  }
  return { applied, skipped: events.length - applied };
}

async function applyOnce(
  trx: BlackboxDb,
  event: ReplayEvent,
  options: WriteIncidentsOptions,
  dialect: StoreDialect,
): Promise<boolean> {
  const seen = await trx
    .selectFrom('blackbox_applied_ops')
    .select('op_id')
    .where('op_id', '=', event.op_id)
    .executeTakeFirst();
  if (seen !== undefined) return false;
  if (event.kind === 'incident') {
    await mergeIncidentBatch(trx, event.record, options.dedupWindowMs, dialect);
  } else {
    await insertActivities(trx, [event.record], dialect);
  }
  const appliedAt = dialect.encodeTime(Date.now());
  await trx
    .insertInto('blackbox_applied_ops')
    .values({ op_id: event.op_id, applied_at: appliedAt })
    .execute();
  return true;
}
