import { sql } from 'kysely';
import type { BlackboxDb } from './kysely-tables.js';

/**
 * Runs `work` between `begin` (the dialect's own opening statement: `begin immediate` on
 * SQLite, `start transaction` on MySQL) and `commit` on one connection, rolling back on
 * failure. Kysely's `transaction()` cannot choose the opening statement.
 *
 * @example
 * await inExplicitTransaction(conn, 'begin immediate', (trx) => merge(trx));
 */
export async function inExplicitTransaction<T>(
  conn: BlackboxDb,
  begin: 'begin immediate' | 'start transaction',
  work: (trx: BlackboxDb) => Promise<T>,
): Promise<T> {
  await sql.raw(begin).execute(conn);
  try {
    const result = await work(conn);
    await sql`commit`.execute(conn);
    return result;
  } catch (error) {
    await sql`rollback`.execute(conn).catch(() => undefined);
    throw error;
  }
}
