import { createBlackbox, createMemoryStore, type BlackboxOptions } from '../../src/index.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A quiet recorder on a fresh memory store, plus pollers for its rows: rows reach the store on
 * the flush timer, so `incidents(min)` waits until `min` rows are there (or 3 s passed).
 * The caller closes `recorder`.
 */
export async function memoryRecorder(options: BlackboxOptions = {}) {
  const store = createMemoryStore();
  const recorder = createBlackbox({
    store,
    flushIntervalMs: 10,
    logger: { warn: () => {}, error: () => {} },
    ...options,
  });
  await recorder.ready();
  const rows = async <T>(read: () => Promise<{ results: T[] }>, min: number): Promise<T[]> => {
    const deadline = Date.now() + 3000;
    for (;;) {
      await sleep(20);
      await recorder.flush();
      const { results } = await read();
      if (results.length >= min || Date.now() > deadline) return results;
    }
  };
  return {
    store,
    recorder,
    incidents: (min = 1) => rows(() => store.listIncidents({ limit: 50 }), min),
    activities: (min = 1) => rows(() => store.listActivities({ limit: 50 }), min),
  };
}
