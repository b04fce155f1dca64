import { setTimeout as sleep } from 'node:timers/promises';
import { BlackboxError } from '../../core/errors/blackbox-error.js';

/**
 * How long SQLite itself waits for another connection's lock. better-sqlite3 is synchronous, so
 * this wait blocks the whole event loop (every request of the host app): keep it short and wait
 * longer with `retryWhileBusy`, which sleeps asynchronously between attempts.
 * See https://github.com/WiseLibs/better-sqlite3/issues/155 (the driver's 5 s default).
 */
export const SQLITE_BUSY_TIMEOUT_MS = 50;

/** How long `retryWhileBusy` keeps trying before it reports the database as unreachable. */
export const SQLITE_BUSY_DEADLINE_MS = 5_000;

/** True for SQLITE_BUSY and its extended codes (SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY_RECOVERY). */
export function isSqliteBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/**
 * Runs `work` again while it fails with SQLITE_BUSY (another process holds the write lock),
 * sleeping 5…100 ms with jitter in between so that the event loop keeps serving. `work` must be
 * safe to repeat: a whole transaction, or a statement that failed before it changed anything.
 *
 * @example
 * await retryWhileBusy(() => db.connection().execute(runInImmediateTransaction));
 */
export async function retryWhileBusy<T>(
  work: () => Promise<T>,
  deadlineMs = SQLITE_BUSY_DEADLINE_MS,
): Promise<T> {
  const started = performance.now();
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (!isSqliteBusy(error)) throw error;
      if (performance.now() - started >= deadlineMs) {
        const message = `SQLite database stayed locked by another connection for ${deadlineMs} ms`;
        throw new BlackboxError('store_unreachable', message, { cause: error });
      }
      await sleep(Math.min(5 * 2 ** attempt, 100) * (0.5 + Math.random()));
    }
  }
}
