import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActivityRecord } from '../../src/core/store/records.js';
import type { Store } from '../../src/core/store/store.js';
import { openStore } from '../../src/stores/open-store.js';
import { withSqliteActivityThread } from '../../src/stores/sqlite/sqlite-activity-thread.js';
import { activityRecord } from './store-fixtures.js';
import { builtActivityWorker } from './store-factories.js';

// Threads that misbehave in the ways a real one could: each is a worker script of its own.
const FAULTY_THREADS = {
  exitsAtOnce: `process.exit(3);`,
  throwsAtStart: `throw new Error('cannot load');`,
  diesOnFirstBatch: `
    import { parentPort } from 'node:worker_threads';
    parentPort.on('message', () => process.exit(1));`,
  reportsFailure: `
    import { parentPort } from 'node:worker_threads';
    parentPort.on('message', (m) => m.kind === 'close' ? parentPort.close() : parentPort.postMessage(
      { id: m.id, error: { code: 'store_unreachable', message: 'disk is gone' } }));`,
};

let dir: string;
let path: string;
let inline: Store;
let inlineBatches: number;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'blackbox-thread-'));
  path = join(dir, 'blackbox.sqlite');
  const store = openStore(`sqlite:${path}`);
  inlineBatches = 0;
  // Counts the batches written on the app's thread, to tell them from the thread's.
  inline = {
    ...store,
    writeActivities(records: ActivityRecord[]) {
      inlineBatches += 1;
      return store.writeActivities(records);
    },
  };
});

afterEach(() => rm(dir, { recursive: true, force: true }));

function threaded(workerFile: string | URL): Store {
  return withSqliteActivityThread(inline, { path, description: `sqlite:${path}`, workerFile });
}

async function faultyThread(script: string): Promise<URL> {
  const file = join(dir, `thread-${Math.random().toString(36).slice(2)}.mjs`);
  await writeFile(file, script);
  return pathToFileURL(file);
}

async function storedRequestIds(store: Store): Promise<string[]> {
  const page = await store.listActivities({ limit: 100 });
  return page.results.map((row) => row.requestId).sort();
}

const batch = (...ids: string[]) => ids.map((requestId) => activityRecord({ requestId }));

describe('activities written by the worker thread', () => {
  it('writes batches on its own connection, none on the app thread', async () => {
    const store = threaded(builtActivityWorker());
    await store.open();
    await Promise.all([store.writeActivities(batch('a', 'b')), store.writeActivities(batch('c'))]);
    expect(inlineBatches).toBe(0);
    expect(await storedRequestIds(store)).toEqual(['a', 'b', 'c']);
    await store.close();
  });

  it('opens (and so migrates) the file before the thread writes', async () => {
    const store = threaded(builtActivityWorker());
    await store.writeActivities(batch('first'));
    expect(await storedRequestIds(store)).toEqual(['first']);
    await store.close();
  });

  it('finishes the batches in flight before close resolves, then stops the thread', async () => {
    const store = threaded(builtActivityWorker());
    // Not awaited, and the store not even open yet: close must wait for this batch anyway.
    const written = store.writeActivities(batch('in-flight'));
    await store.close();
    await written;
    const reader = openStore(`sqlite:${path}`, { migrate: false });
    expect(await storedRequestIds(reader)).toEqual(['in-flight']);
    await reader.close();
  });

  it.each([
    ['exits at once', FAULTY_THREADS.exitsAtOnce],
    ['throws while loading', FAULTY_THREADS.throwsAtStart],
    ['dies with a batch unanswered', FAULTY_THREADS.diesOnFirstBatch],
  ])(
    'writes on the app thread when the thread %s, that batch and every later one',
    async (_, script) => {
      const store = threaded(await faultyThread(script));
      await store.writeActivities(batch('handed-back'));
      await store.writeActivities(batch('later'));
      expect(await storedRequestIds(store)).toEqual(['handed-back', 'later']);
      expect(inlineBatches).toBe(2);
      await store.close();
    },
  );

  it('rejects a batch the thread reports as failed, with the code it gave', async () => {
    const store = threaded(await faultyThread(FAULTY_THREADS.reportsFailure));
    await store.open();
    await expect(store.writeActivities(batch('lost'))).rejects.toMatchObject({
      name: 'BlackboxError',
      code: 'store_unreachable',
      message: 'disk is gone',
    });
    await store.close();
  });

  it('writes a batch that cannot be handed to a thread on the app thread', async () => {
    const store = threaded(builtActivityWorker());
    await store.open();
    const uncloneable = activityRecord({ requestId: 'fn', customPayload: { run: () => 1 } });
    await store.writeActivities([uncloneable]);
    expect(inlineBatches).toBe(1);
    await store.writeActivities(batch('cloneable'));
    expect(inlineBatches).toBe(1);
    expect(await storedRequestIds(store)).toEqual(['cloneable', 'fn']);
    await store.close();
  });

  it('writes on the app thread after close, like the store it wraps', async () => {
    const store = threaded(builtActivityWorker());
    await store.open();
    await store.writeActivities(batch('before-close'));
    await store.close();
    await expect(store.writeActivities(batch('after-close'))).rejects.toBeDefined();
  });
});
