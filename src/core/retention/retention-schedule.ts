import type { Store } from '../store/store.js';

/**
 * What a store may offer so that only one instance prunes per interval: a lease claimed in the
 * database (the Kysely stores have it). A store without it is pruned by every instance, which
 * is safe (deletes are idempotent), only wasteful.
 */
export interface RetentionLeaseStore {
  claimRetentionRun(everyMs: number, now: number): Promise<boolean>;
}

/** True when the store can hand out the retention lease. */
export function hasRetentionLease(store: Store): store is Store & RetentionLeaseStore {
  return typeof (store as Partial<RetentionLeaseStore>).claimRetentionRun === 'function';
}

export interface RetentionScheduleOptions {
  everyMs: number;
  /** Runs one pruning pass on the store, when this instance holds the lease. */
  prune(): Promise<unknown>;
  /** Claims the lease; undefined when the store has none (every instance prunes). */
  claim?: (everyMs: number, now: number) => Promise<boolean>;
  /** Told about a failed pass (the next interval tries again). */
  onError(error: unknown): void;
}

/**
 * Prunes every `everyMs` inside the app, on an unref'd timer (it never keeps the process
 * alive), with at most one pass at a time; returns `stop`. The first pass runs one interval
 * after start, so that a fleet restarting together does not prune on boot.
 *
 * @example
 * const stop = startRetentionSchedule({ everyMs: 86_400_000, prune, onError: console.error });
 */
export function startRetentionSchedule(options: RetentionScheduleOptions): () => void {
  let running = false;
  const timer = setInterval(function retentionTick() {
    if (running) return;
    running = true;
    void runPass(options).finally(() => (running = false));
  }, options.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

async function runPass(options: RetentionScheduleOptions): Promise<void> {
  try {
    const claimed = options.claim ? await options.claim(options.everyMs, Date.now()) : true;
    if (claimed) await options.prune();
  } catch (error) {
    options.onError(error);
  }
}
