import type { OnceLogger } from '../log/logger.js';
import type { Store } from '../store/store.js';

export type StoreState = 'opening' | 'open' | 'down' | 'closed';

const MISSING_TABLE =
  /no such table|relation .* does not exist|table .* doesn't exist|ER_NO_SUCH_TABLE/i;

/**
 * Owns the store's availability. A store that cannot be opened is not a start-up error: the app
 * serves, writes go to the fallback file, and opening is retried with a capped backoff. Calls made
 * while the store is down fail at once, without I/O, so nothing piles up behind a dead database.
 */
export class StoreConnection {
  state: StoreState = 'opening';
  private retryMs: number;
  private timer: NodeJS.Timeout | undefined;
  private opening: Promise<void> | undefined;

  constructor(
    readonly store: Store,
    private readonly logger: OnceLogger,
    private readonly backoff = { initialMs: 1000, maxMs: 30_000 },
  ) {
    this.retryMs = backoff.initialMs;
  }

  /** Tries to open; resolves when the attempt ends, whatever its outcome. */
  open(): Promise<void> {
    this.opening ??= this.attemptOpen().finally(() => (this.opening = undefined));
    return this.opening;
  }

  /** Runs `operation` on the open store; a failure marks the store down and schedules a reopen. */
  async run<T>(operation: (store: Store) => Promise<T>): Promise<T> {
    if (this.state !== 'open') throw new Error(`store is ${this.state}`);
    try {
      return await operation(this.store);
    } catch (error) {
      this.markDown(error);
      throw error;
    }
  }

  async close(): Promise<void> {
    this.state = 'closed';
    clearTimeout(this.timer);
    await this.opening?.catch(() => undefined);
    await this.store.close().catch(() => undefined);
  }

  private async attemptOpen(): Promise<void> {
    if (this.state === 'closed') return;
    try {
      await this.store.open();
      if (this.isClosed()) return;
      this.state = 'open';
      this.retryMs = this.backoff.initialMs;
      this.logger.reset('store-down');
    } catch (error) {
      this.markDown(error);
    }
  }

  private isClosed(): boolean {
    return this.state === 'closed';
  }

  private markDown(error: unknown): void {
    if (this.state === 'closed') return;
    this.state = 'down';
    this.logger.errorOnce('store-down', describeStoreFailure(this.store.description, error));
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.open();
    }, this.retryMs);
    this.timer.unref();
    this.retryMs = Math.min(this.retryMs * 2, this.backoff.maxMs);
  }
}

function describeStoreFailure(description: string, error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  if (MISSING_TABLE.test(reason)) {
    return `the http-blackbox tables are missing in ${description}: run \`npx blackbox migrate --store <url>\` (records go to the fallback file meanwhile).`;
  }
  return `cannot write to ${description}: ${reason}. Records go to the fallback file; retrying in the background.`;
}
