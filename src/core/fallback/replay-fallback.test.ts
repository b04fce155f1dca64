import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReplayEvent, ReplayResult, Store } from '../store/store.js';
import { encodeEventLine } from './encode-event.js';
import { replayFallbackFile } from './replay-fallback.js';
import { activityEvent, incidentEvent } from './test-events.js';

/** The part of a store replay uses, remembering op_ids as a real store does. */
function fakeStore(behaviour: { rejectOpId?: string; down?: boolean } = {}) {
  const seen = new Set<string>();
  const calls: number[] = [];
  const store = {
    replay(events: ReplayEvent[]): Promise<ReplayResult> {
      calls.push(events.length);
      if (behaviour.down) return Promise.reject(new Error('connect ECONNREFUSED'));
      if (events.some((event) => event.op_id === behaviour.rejectOpId)) {
        return Promise.reject(new Error('value too long'));
      }
      const fresh = events.filter((event) => !seen.has(event.op_id));
      for (const event of fresh) seen.add(event.op_id);
      return Promise.resolve({ applied: fresh.length, skipped: events.length - fresh.length });
    },
    getIncident: () =>
      behaviour.down ? Promise.reject(new Error('down')) : Promise.resolve(undefined),
  };
  return { store: store as unknown as Store, calls, seen };
}

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'blackbox-replay-'));
  path = join(dir, 'f.jsonl');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (lines: string[]) => writeFileSync(path, lines.join(''));
const replay = (store: Store, extra: Partial<Parameters<typeof replayFallbackFile>[0]> = {}) =>
  replayFallbackFile({ path, store, dedupWindowMs: 300_000, batchSize: 2, ...extra });

describe('replayFallbackFile', () => {
  it('applies events in batches, then skips them all the second time', async () => {
    write([incidentEvent(), activityEvent(), activityEvent()].map(encodeEventLine));
    const { store, calls } = fakeStore();
    expect(await replay(store)).toEqual({
      applied: 3,
      skipped: 0,
      unreadable: 0,
      failed: 0,
      retriedBatches: 0,
    });
    expect(calls).toEqual([2, 1]);
    expect(await replay(store)).toEqual({
      applied: 0,
      skipped: 3,
      unreadable: 0,
      failed: 0,
      retriedBatches: 0,
    });
  });

  it('counts and reports unreadable lines without stopping', async () => {
    write([encodeEventLine(activityEvent()), 'garbage\n', encodeEventLine(activityEvent())]);
    const unreadable: number[] = [];
    const result = await replay(fakeStore().store, {
      onUnreadableLine: (line) => unreadable.push(line.lineNumber),
    });
    expect(result).toMatchObject({ applied: 2, unreadable: 1 });
    expect(unreadable).toEqual([2]);
  });

  it('isolates an event the store rejects and applies the rest of its batch', async () => {
    const bad = activityEvent();
    write([activityEvent(), bad, activityEvent()].map(encodeEventLine));
    const failures: unknown[] = [];
    const result = await replay(fakeStore({ rejectOpId: bad.op_id }).store, {
      onFailedEvent: (failure) => failures.push(failure),
    });
    expect(result).toEqual({ applied: 2, skipped: 0, unreadable: 0, failed: 1, retriedBatches: 1 });
    expect(failures).toEqual([{ lineNumber: 2, opId: bad.op_id, message: 'value too long' }]);
  });

  it('stops at the first batch when the store is down', async () => {
    write([activityEvent(), activityEvent(), activityEvent()].map(encodeEventLine));
    const { store, calls } = fakeStore({ down: true });
    const result = await replay(store);
    expect(result).toEqual({
      applied: 0,
      skipped: 0,
      unreadable: 0,
      failed: 0,
      retriedBatches: 1,
      storeError: 'connect ECONNREFUSED',
    });
    expect(calls).toEqual([2, 1]);
  });

  it('returns a read error instead of throwing', async () => {
    const result = await replayFallbackFile({
      path: join(dir, 'missing.jsonl'),
      store: fakeStore().store,
      dedupWindowMs: 0,
      batchSize: 10,
    });
    expect(result.readError).toMatch(/ENOENT/);
  });
});
