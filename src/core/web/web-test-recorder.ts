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
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
  return {
    blackbox,
    activities: async (): Promise<StoredActivity[]> => {
      await settle();
      await blackbox.flush();
      return (await store.listActivities({ limit: 50 })).results;
    },
    incidents: async (): Promise<StoredIncident[]> => {
      await settle();
      await blackbox.flush();
      return (await store.listIncidents({ limit: 50 })).results;
    },
  };
}
