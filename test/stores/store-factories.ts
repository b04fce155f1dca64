import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeEach } from 'vitest';
import type { Store } from '../../src/core/store/store.js';
import { createMemoryStore } from '../../src/stores/memory/memory-store.js';
import { openStore } from '../../src/stores/open-store.js';
import { withSqliteActivityThread } from '../../src/stores/sqlite/sqlite-activity-thread.js';
import { createTestDatabase, emptyTables, serverAvailable, type ServerKind } from './db-servers.js';

/** A way to get a fresh, empty store; every contract test runs against every factory. */
export interface StoreFactory {
  name: string;
  create(): Promise<{ store: Store; cleanup: () => Promise<void> }>;
  /** Releases what the factory set up for all its stores (a test database). */
  dispose?(): Promise<void>;
}

/** A fresh temporary directory, removed by the returned cleanup. */
export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'blackbox-store-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * A PostgreSQL or MariaDB store on a test database of its own, created and migrated on first
 * use; each store starts with empty tables and the counter at 0 (faster than a new database).
 */
export function serverStoreFactory(kind: ServerKind): StoreFactory {
  let database: Promise<{ url: string; drop: () => Promise<void> }> | undefined;
  const ready = () =>
    (database ??= createTestDatabase(kind).then(async (created) => {
      const store = openStore(created.url, { migrate: true });
      await store.open();
      await store.close();
      return created;
    }));
  return {
    name: kind === 'postgres' ? 'postgres' : 'mariadb',
    async create() {
      const { url } = await ready();
      await emptyTables(kind, url);
      return { store: openStore(url), cleanup: () => Promise.resolve() };
    },
    dispose: async () => (database === undefined ? undefined : (await database).drop()),
  };
}

/** The server stores whose server answers (all of them in CI, where a missing one fails). */
const SERVER_FACTORIES = [
  ...((await serverAvailable('postgres')) ? [serverStoreFactory('postgres')] : []),
  ...((await serverAvailable('mysql')) ? [serverStoreFactory('mysql')] : []),
];

export const STORE_FACTORIES: readonly StoreFactory[] = [
  {
    name: 'memory',
    create: () => Promise.resolve({ store: createMemoryStore(), cleanup: () => Promise.resolve() }),
  },
  {
    name: 'sqlite file',
    async create() {
      const { dir, cleanup } = await tempDir();
      return { store: openStore(`sqlite:${join(dir, 'blackbox.sqlite')}`), cleanup };
    },
  },
  {
    // From the sources the thread's script is not found (activities are written inline, as
    // above); the built script makes the same contract run through the thread.
    name: 'sqlite file, activities written by the worker thread',
    async create() {
      const { dir, cleanup } = await tempDir();
      const path = join(dir, 'blackbox.sqlite');
      const description = `sqlite:${path}`;
      const inline = openStore(description);
      const workerFile = builtActivityWorker();
      return {
        store: withSqliteActivityThread(inline, { path, description, workerFile }),
        cleanup,
      };
    },
  },
  ...SERVER_FACTORIES,
];

/** The worker script of the build (`npm test` builds before it runs the suites). */
export function builtActivityWorker(): URL {
  const file = new URL('../../dist/sqlite-activity-worker.js', import.meta.url);
  if (!existsSync(file)) throw new Error(`${fileURLToPath(file)} is missing: run npm run build`);
  return file;
}

/** Registers hooks that give each test an opened, empty store from `factory`. */
export function useStore(factory: StoreFactory): () => Store {
  let current: { store: Store; cleanup: () => Promise<void> } | undefined;
  beforeEach(async () => {
    current = await factory.create();
    await current.store.open();
  });
  afterEach(async () => {
    await current?.store.close();
    await current?.cleanup();
    current = undefined;
  });
  afterAll(() => factory.dispose?.());
  return () => {
    if (current === undefined) throw new Error('useStore: no store outside a test');
    return current.store;
  };
}
