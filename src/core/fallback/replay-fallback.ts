import type { ReplayEvent, Store } from '../store/store.js';
import { messageOf } from './error-message.js';
import { readFallbackEvents } from './read-fallback.js';

export interface ReplayFallbackOptions {
  path: string;
  /** An opened store; the caller closes it. */
  store: Store;
  dedupWindowMs: number;
  /** Events per `store.replay` call. */
  batchSize: number;
  onUnreadableLine?(line: { lineNumber: number; error: string }): void;
  onFailedEvent?(failure: { lineNumber: number; opId: string; message: string }): void;
}

export interface FallbackReplayResult {
  applied: number;
  /** Events whose op_id was applied before (by an earlier replay). */
  skipped: number;
  /** Lines that are not events: torn, garbage, unknown version. */
  unreadable: number;
  /** Events the store rejected one by one while it kept answering (bad records). */
  failed: number;
  /**
   * Batches the store rejected as a whole and that were retried event by event. Events such a
   * batch applied before it failed come back as skipped, so `applied` may be low by that many.
   */
  retriedBatches: number;
  /** The store stopped answering; the rest of the file was not applied. */
  storeError?: string;
  /** Reading the file failed part-way. */
  readError?: string;
}

interface Located {
  event: ReplayEvent;
  lineNumber: number;
}

/**
 * Applies a fallback file to a store in batches. Never throws: every outcome is in the result.
 * Replaying twice applies nothing new, since the store skips op_ids it has seen.
 *
 * @example
 * const result = await replayFallbackFile({ path, store, dedupWindowMs: 300_000, batchSize: 500 });
 * if (result.storeError || result.failed > 0) process.exitCode = 1;
 */
export async function replayFallbackFile(
  options: ReplayFallbackOptions,
): Promise<FallbackReplayResult> {
  const result: FallbackReplayResult = {
    applied: 0,
    skipped: 0,
    unreadable: 0,
    failed: 0,
    retriedBatches: 0,
  };
  const batchSize = Math.max(1, Math.floor(options.batchSize));
  let chunk: Located[] = [];
  try {
    for await (const line of readFallbackEvents(options.path)) {
      if ('error' in line) {
        result.unreadable += 1;
        options.onUnreadableLine?.(line);
        continue;
      }
      chunk.push(line);
      if (chunk.length < batchSize) continue;
      if (!(await applyChunk(options, chunk, result))) return result;
      chunk = [];
    }
  } catch (error) {
    result.readError = messageOf(error);
    return result;
  }
  await applyChunk(options, chunk, result);
  return result;
}

/** Returns false when the store stopped answering and the replay must stop. */
async function applyChunk(
  options: ReplayFallbackOptions,
  chunk: Located[],
  result: FallbackReplayResult,
): Promise<boolean> {
  if (chunk.length === 0) return true;
  try {
    add(
      result,
      await options.store.replay(
        chunk.map(({ event }) => event),
        windowOf(options),
      ),
    );
    return true;
  } catch {
    // One bad record fails the whole batch; retried alone, the good ones still land (those
    // already applied are skipped by op_id) and only the bad one is counted as failed.
    result.retriedBatches += 1;
    return applyOneByOne(options, chunk, result);
  }
}

async function applyOneByOne(
  options: ReplayFallbackOptions,
  chunk: Located[],
  result: FallbackReplayResult,
): Promise<boolean> {
  for (const { event, lineNumber } of chunk) {
    try {
      add(result, await options.store.replay([event], windowOf(options)));
    } catch (error) {
      if (!(await storeAnswers(options.store))) {
        result.storeError = messageOf(error);
        return false;
      }
      result.failed += 1;
      options.onFailedEvent?.({ lineNumber, opId: event.op_id, message: messageOf(error) });
    }
  }
  return true;
}

/** Tells a store that is down (stop) from a record it rejects (count it and go on). */
async function storeAnswers(store: Store): Promise<boolean> {
  return store.getIncident('blackbox-replay-probe').then(
    () => true,
    () => false,
  );
}

function add(result: FallbackReplayResult, batch: { applied: number; skipped: number }): void {
  result.applied += batch.applied;
  result.skipped += batch.skipped;
}

function windowOf(options: ReplayFallbackOptions): { dedupWindowMs: number } {
  return { dedupWindowMs: options.dedupWindowMs };
}
