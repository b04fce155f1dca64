// Test helper for the web lifecycle tests: a real recorder on the memory store.
import {
  createBlackbox,
  createMemoryStore,
  type BlackboxOptions,
  type StoredActivity,
  type StoredIncident,
} from '../../index.js';

export async function testRecorder(options: BlackboxOptions = {}) {
  const store = createMemoryStore();
  const blackbox = createBlackbox({
    store,
    flushIntervalMs: 5,
    logger: { warn: () => {}, error: () => {} },
    ...options,
  });
  await blackbox.ready();
  // Rows reach the store on the flush timer: poll until `min` rows are there (or 3 s passed).
  const rows = async <T>(read: () => Promise<{ results: T[] }>, min: number): Promise<T[]> => {
    const deadline = Date.now() + 3000;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await blackbox.flush();
      const { results } = await read();
      if (results.length >= min || Date.now() > deadline) return results;
    }
  };
  return {
    blackbox,
    activities: (min = 1): Promise<StoredActivity[]> =>
      rows(() => store.listActivities({ limit: 50 }), min),
    incidents: (min = 1): Promise<StoredIncident[]> =>
      rows(() => store.listIncidents({ limit: 50 }), min),
  };
}
