import { createActivityRecorder } from '../activity/activity-recorder.js';
import { resolveConfig, type BlackboxConfig } from '../config/resolve-config.js';
import type { BlackboxOptions } from '../config/options-schema.js';
import { runWithContext } from '../context/request-context.js';
import { createFallbackFile } from '../fallback/fallback-file.js';
import { IncidentBook } from '../incidents/incident-book.js';
import { IncidentIdAllocator } from '../incidents/incident-ids.js';
import {
  prunePass,
  startEngineRetention,
  type BlackboxPruneOptions,
} from '../retention/engine-retention.js';
import type { PruneByAgeResult } from '../retention/prune-by-age.js';
import type { Store } from '../store/store.js';
import { StoreConnection } from '../writes/store-connection.js';
import { WriteQueue } from '../writes/write-queue.js';
import { createWriteStats, type WriteStats } from '../writes/write-stats.js';
import type { EngineParts } from './engine-parts.js';
import type { ErrorResponse } from '../response/error-response.js';
import {
  captureWithScope,
  manualErrorResponse,
  type ManualCaptureOptions,
} from './manual-capture.js';
import { RequestScope } from './request-scope.js';
import type { RequestSnapshot } from './request-snapshot.js';
import { onShutdownSignals } from './shutdown-signals.js';

export interface BlackboxStats extends WriteStats {
  store: { description: string; state: string };
  queued: number;
}

/** Turns the `store` option into a Store; injected so core/ never imports a database driver. */
export type StoreFactory = (
  spec: unknown,
  options: { migrate: boolean; activityThread: boolean },
) => Store;

/**
 * One recorder per app: resolves options once, owns the store connection, the ID allocator,
 * the in-process dedup book and the write queue. Adapters call `begin` per request and drive
 * the returned scope; apps call `captureException`, `stats` and `close`.
 */
export class Blackbox {
  readonly config: BlackboxConfig;
  private readonly parts: EngineParts;
  private readonly connection: StoreConnection;
  private readonly ids: IncidentIdAllocator;
  private readonly writeStats = createWriteStats();
  private readonly started: Promise<void>;
  private readonly stopRetention: (() => void) | undefined;
  private closing: Promise<void> | undefined;

  constructor(options: BlackboxOptions, openStore: StoreFactory) {
    this.config = resolveConfig(options);
    const { config } = this;
    this.connection = new StoreConnection(
      openStore(config.store, {
        migrate: config.migrate,
        activityThread: config.activity.enabled && config.activity.sampleRate > 0,
      }),
      config.logger,
    );
    this.ids = new IncidentIdAllocator({
      prefix: config.incidentIdPrefix,
      format: config.incidentIdFormat,
      blockSize: config.idBlockSize,
      reserve: (count) => this.connection.run((store) => store.reserveIncidentNumbers(count)),
      logger: config.logger,
    });
    const book = new IncidentBook(config.dedupWindowSeconds * 1000, () => this.ids.issue());
    const queue = new WriteQueue({
      book,
      connection: this.connection,
      fallback: config.fallbackFileLog
        ? createFallbackFile({
            path: config.fallbackFilePath,
            maxBytes: config.fallbackFileMaxBytes,
            maxFiles: 3,
            logger: config.logger,
          })
        : undefined,
      stats: this.writeStats,
      dedupWindowMs: config.dedupWindowSeconds * 1000,
      flushIntervalMs: config.flushIntervalMs,
      batchSize: config.flushBatchSize,
      maxQueueSize: config.maxQueueSize,
    });
    this.parts = {
      config,
      book,
      queue,
      activities: createActivityRecorder(config, queue),
      clock: { now: Date.now, monotonic: () => performance.now() },
    };
    this.started = this.connection.open().then(() => this.ids.refill());
    queue.start();
    this.stopRetention = startEngineRetention(
      config.retention,
      config.retentionDays,
      this.connection,
      config.logger,
    );
    if (config.flushOnSignals)
      onShutdownSignals(
        () => this.close(),
        config.shutdownTimeoutMs,
        () => queue.spillSync(),
      );
  }

  /** Resolves once the store was tried and a first ID block reserved (or not): handy in tests. */
  ready(): Promise<void> {
    return this.started;
  }

  /** Starts a request; the adapter runs the rest of the request inside `run(scope, …)`. */
  begin(snapshot: RequestSnapshot): RequestScope {
    return new RequestScope(this.parts, snapshot);
  }

  run<T>(scope: RequestScope, fn: () => T): T {
    return runWithContext(scope, fn);
  }

  /**
   * Records an error as an incident and returns its ID (undefined when the rules say no).
   * Inside a request it is that request's incident; outside, a request-less one.
   */
  captureException(error: unknown, options: ManualCaptureOptions = {}): string | undefined {
    return captureWithScope((snapshot) => this.begin(snapshot), error, options).scope.incidentId;
  }

  /**
   * Captures `error` and returns the error response to send yourself (status, headers with the
   * IDs, body), exactly what a thrown error would have produced.
   *
   * @example
   * catch (error) { const r = blackbox.createErrorResponse(error); res.status(r.status).set(r.headers).send(r.body); }
   */
  createErrorResponse(error: unknown, options: ManualCaptureOptions = {}): ErrorResponse {
    return manualErrorResponse(this.parts, (snapshot) => this.begin(snapshot), error, options);
  }

  /** Counters of what was stored, spilled to the fallback file or lost, by reason. */
  stats(): BlackboxStats {
    return {
      ...structuredClone(this.writeStats),
      store: { description: this.connection.store.description, state: this.connection.state },
      queued: this.parts.queue.size,
    };
  }

  /** Writes what is pending now (normally done on a timer). */
  flush(): Promise<void> {
    return this.parts.queue.flush();
  }

  /**
   * Deletes incidents and activities older than `retentionDays` (or the ages given), in small
   * batches; `dryRun` only counts. Rejects when the store is down or an age is not above 0.
   *
   * @example
   * const { incidentsByStatus, activities } = await blackbox.prune({ olderThanDays: 30 });
   */
  prune(options: BlackboxPruneOptions = {}): Promise<PruneByAgeResult> {
    return prunePass(this.connection, this.config.retentionDays, options);
  }

  /** Flushes and closes the store the library opened; safe to call more than once. */
  close(): Promise<void> {
    this.stopRetention?.();
    this.closing ??= (async () => {
      await this.started;
      await this.parts.queue.close();
      await this.connection.close();
    })();
    return this.closing;
  }
}
