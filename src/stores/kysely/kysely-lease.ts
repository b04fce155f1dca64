import { sql } from 'kysely';
import type { BlackboxDb } from './kysely-tables.js';

/** The counters row holding the instant (epoch ms) before which no instance prunes again. */
export const RETENTION_LEASE = 'retention_lease';

/**
 * Claims the retention run for this interval: one conditional UPDATE moves the lease forward
 * only if it has expired, so among instances ticking together exactly one sees a changed row.
 * The row is created on first use (the migration does not know it).
 *
 * @example
 * if (await claimRetentionRun(db, 86_400_000, Date.now())) await prune(…);
 */
export async function claimRetentionRun(
  db: BlackboxDb,
  everyMs: number,
  now: number,
): Promise<boolean> {
  if (await moveLease(db, everyMs, now)) return true;
  const exists = await db
    .selectFrom('blackbox_counters')
    .select('name')
    .where('name', '=', RETENTION_LEASE)
    .executeTakeFirst();
  if (exists !== undefined) return false;
  // Another instance may insert it at the same moment: the primary key lets one win.
  await db
    .insertInto('blackbox_counters')
    .values({ name: RETENTION_LEASE, value: 0 })
    .execute()
    .catch(() => undefined);
  return moveLease(db, everyMs, now);
}

async function moveLease(db: BlackboxDb, everyMs: number, now: number): Promise<boolean> {
  // Slightly shorter than the interval, so the holder's own next tick is never refused.
  const until = now + Math.floor(everyMs * 0.9);
  const result = await db
    .updateTable('blackbox_counters')
    .set({ value: sql.lit(until) })
    .where('name', '=', RETENTION_LEASE)
    .where('value', '<=', now)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
