import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/core/store/store.js';
import { openStore } from '../../src/stores/open-store.js';
import { MINUTE, T0, occurrences } from './store-fixtures.js';
import { tempDir } from './store-factories.js';

// Two stores on one file have two better-sqlite3 connections: to SQLite they are two
// processes, taking turns through the file's lock (BEGIN IMMEDIATE, busy retries).
describe('two SQLite stores on one file', () => {
  const opened: Store[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });

  async function storesOnOneFile(count: number): Promise<Store[]> {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const stores = Array.from({ length: count }, () =>
      openStore(`sqlite:${join(dir, 'shared.sqlite')}`),
    );
    opened.push(...stores);
    // All open at once on a fresh file: the migration runs once, the others wait and skip it.
    await Promise.all(stores.map((store) => store.open()));
    return stores;
  }

  it('migrate together and reserve blocks that never overlap', async () => {
    const stores = await storesOnOneFile(4);
    const firsts = await Promise.all(
      Array.from({ length: 40 }, (_, i) => stores[i % 4]!.reserveIncidentNumbers(5)),
    );
    const numbers = firsts.flatMap((first) => [0, 1, 2, 3, 4].map((i) => first + i));
    expect(new Set(numbers).size).toBe(200);
    expect(Math.max(...numbers)).toBe(200);
  });

  it('merge the same fingerprint into one incident, each issued ID becoming an alias', async () => {
    const [a, b] = await storesOnOneFile(2);
    const batches = Array.from({ length: 20 }, (_, i) =>
      occurrences({ count: i + 1, firstSeenAt: T0 + i, lastSeenAt: T0 + i }),
    );
    const results = await Promise.all(
      batches.map((batch, i) =>
        (i % 2 === 0 ? a! : b!).writeIncidents([batch], { dedupWindowMs: MINUTE }),
      ),
    );
    const canonical = new Set(results.flat().map((result) => result.incidentId));
    expect(canonical.size).toBe(1);
    const [incident] = (await b!.listIncidents({})).results;
    expect(incident?.occurrenceCount).toBe(210); // 1 + 2 + … + 20: no lost increment
    expect(incident?.aliases).toHaveLength(19);
    for (const batch of batches) {
      expect((await a!.getIncident(batch.record.incidentId))?.incidentId).toBe(
        incident?.incidentId,
      );
    }
  });
});
