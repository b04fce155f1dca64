import type { OnceLogger } from '../log/logger.js';
import type { AppendConfig, AppendOutcome } from './append-steps.js';
import type { EncodedBatch } from './encode-event.js';
import type { FallbackWriteResult } from './fallback-file.js';
import type { FallbackDropReason } from './write-failure.js';

/** An outcome for a batch that never reached the filesystem. */
export const NOTHING_WRITTEN: Readonly<AppendOutcome> = Object.freeze({
  written: 0,
  overBudget: 0,
  evictedLines: 0,
  exposed: false,
});

/**
 * Turns an append outcome into the caller's result and reports each distinct cause of loss once.
 * After a clean append the causes are forgotten, so the next outage is reported again.
 *
 * @example
 * const reporter = createDropReporter(config, logger);
 * const result = reporter.report(batch, outcome); // { written, dropped, reason? }
 */
export function createDropReporter(config: Readonly<AppendConfig>, logger: OnceLogger) {
  const reported = new Set<string>();
  const tell = (level: 'errorOnce' | 'warnOnce', cause: string, message: string) => {
    const key = `fallback-file:${config.path}:${cause}`;
    // Only causes of loss are forgotten after a clean append; a warning stays said once.
    if (level === 'errorOnce') reported.add(key);
    try {
      logger[level](key, message);
    } catch {
      // A broken logger must never turn a counted drop into a host error.
    }
  };

  return {
    report(batch: EncodedBatch, outcome: AppendOutcome): FallbackWriteResult {
      const unwritten = batch.lines.length - outcome.written - outcome.overBudget;
      const dropped = batch.unencodable + outcome.overBudget + unwritten;
      explain(tell, config, batch, outcome);
      const result: FallbackWriteResult = { written: outcome.written, dropped };
      const reason = dropReason(batch, outcome);
      if (reason) result.reason = reason;
      if (outcome.evictedLines > 0) result.evicted = outcome.evictedLines;
      if (dropped === 0 && outcome.evictedLines === 0) forget(reported, logger);
      return result;
    },
  };
}

type Tell = (level: 'errorOnce' | 'warnOnce', cause: string, message: string) => void;

function explain(
  tell: Tell,
  config: AppendConfig,
  batch: EncodedBatch,
  outcome: AppendOutcome,
): void {
  const { path, maxBytes, maxFiles } = config;
  if (outcome.failure)
    tell(
      'errorOnce',
      outcome.failure.code,
      `${outcome.failure.message}; records are dropped and counted until it works again`,
    );
  if (outcome.overBudget > 0) {
    tell(
      'errorOnce',
      'budget',
      `records that do not fit the fallback file ${path} (maxBytes ${maxBytes}, maxFiles ${maxFiles}) are dropped and counted`,
    );
  }
  if (outcome.evictedLines > 0) {
    tell(
      'errorOnce',
      'evicted',
      `deleted the oldest fallback file ${path}.${maxFiles} (${outcome.evictedLines} records) to stay within the size budget; replay fallback files sooner or raise maxFiles`,
    );
  }
  if (batch.unencodable > 0)
    tell(
      'errorOnce',
      'unencodable',
      'dropped records that cannot be serialised as JSON (BigInt or circular values)',
    );
  if (outcome.exposed)
    tell(
      'warnOnce',
      'mode',
      `the fallback file ${path} is readable by other users; run chmod 600 on it`,
    );
}

/** One reason per result: the write failure explains everything unwritten, so it comes first. */
function dropReason(batch: EncodedBatch, outcome: AppendOutcome): FallbackDropReason | undefined {
  if (outcome.failure && outcome.written + outcome.overBudget < batch.lines.length)
    return outcome.failure.reason;
  if (outcome.overBudget > 0) return 'budget_exceeded';
  if (batch.unencodable > 0) return 'write_failed';
  return undefined;
}

function forget(reported: Set<string>, logger: OnceLogger): void {
  for (const key of reported) {
    try {
      logger.reset(key);
    } catch {
      // Same as above: the logger is the user's; its failures stay ours.
    }
  }
  reported.clear();
}
