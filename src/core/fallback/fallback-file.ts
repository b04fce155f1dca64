import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { BlackboxError } from '../errors/blackbox-error.js';
import type { OnceLogger } from '../log/logger.js';
import type { ReplayEvent } from '../store/store.js';
import { appendLines, type AppendConfig, type AppendOutcome } from './append-steps.js';
import { runAsync, runSync } from './dual-io.js';
import { encodeEvents } from './encode-event.js';
import { createDropReporter, NOTHING_WRITTEN } from './drop-reporter.js';
import { describeWriteFailure, type FallbackDropReason } from './write-failure.js';

export type { FallbackDropReason } from './write-failure.js';

export interface FallbackFileOptions {
  /** Resolved against the working directory once, at creation. */
  path: string;
  /** Size at which the file is rotated (the caller's default is 50 MiB). */
  maxBytes: number;
  /** Rotated generations kept (`path.1` … `path.<maxFiles>`); 0 means never rotate. */
  maxFiles: number;
  logger: OnceLogger;
}

export interface FallbackWriteResult {
  written: number;
  dropped: number;
  /** Why `dropped` records were lost; absent when none were. */
  reason?: FallbackDropReason;
  /** Records written earlier, deleted with the oldest generation by this append's rotation. */
  evicted?: number;
}

export interface FallbackFile {
  /** Appends a batch; never rejects. */
  append(events: ReplayEvent[]): Promise<FallbackWriteResult>;
  /** The same with synchronous calls, for a shutdown deadline; never throws. */
  appendSync(events: ReplayEvent[]): FallbackWriteResult;
  readonly path: string;
}

/**
 * Creates the JSON Lines fallback file writer: one line per event, one `write()` per batch,
 * mode 0600, symlinks refused, size-capped rotation. Failures are reported once through the
 * logger and counted in the result; the host app never sees them.
 *
 * @example
 * const file = createFallbackFile({ path: 'blackbox-fallback.jsonl', maxBytes: 50 * 2 ** 20, maxFiles: 3, logger });
 * const { written, dropped } = await file.append([{ v: 1, op_id: newOpId(), kind: 'activity', record }]);
 */
export function createFallbackFile(options: FallbackFileOptions): FallbackFile {
  const config = resolveConfig(options);
  const reporter = createDropReporter(config, options.logger);
  const unexpected = (error: unknown): AppendOutcome => ({
    ...NOTHING_WRITTEN,
    failure: describeWriteFailure(error, config.path),
  });

  return {
    path: config.path,
    async append(events) {
      const batch = encodeEvents(events);
      const outcome =
        batch.lines.length === 0
          ? NOTHING_WRITTEN
          : await runAsync(appendLines(config, batch.lines)).catch(unexpected);
      return reporter.report(batch, outcome);
    },
    appendSync(events) {
      const batch = encodeEvents(events);
      if (batch.lines.length === 0) return reporter.report(batch, NOTHING_WRITTEN);
      try {
        return reporter.report(batch, runSync(appendLines(config, batch.lines)));
      } catch (error) {
        // appendLines catches its own errors; this guards against the unforeseen.
        return reporter.report(batch, unexpected(error));
      }
    },
  };
}

function resolveConfig(options: FallbackFileOptions): Readonly<AppendConfig> {
  const { path, maxBytes, maxFiles } = options;
  if (typeof path !== 'string' || path === '') invalid('path', 'a non-empty string', path);
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1)
    invalid('maxBytes', 'a positive whole number', maxBytes);
  if (!Number.isSafeInteger(maxFiles) || maxFiles < 0)
    invalid('maxFiles', 'a whole number ≥ 0', maxFiles);
  return Object.freeze({ path: resolve(path), maxBytes, maxFiles });
}

function invalid(name: string, expected: string, value: unknown): never {
  throw new BlackboxError(
    'invalid_option',
    `fallback file ${name} must be ${expected}, got ${String(value)}`,
  );
}

/**
 * A fresh `op_id` for a fallback event: replay applies each one at most once.
 *
 * @example
 * newOpId(); // '3b241101-e2bb-4255-8caf-4136c566a962'
 */
export function newOpId(): string {
  return randomUUID();
}
