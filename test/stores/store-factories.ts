import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { Store } from '../../src/core/store/store.js';
import { createMemoryStore } from '../../src/stores/memory/memory-store.js';
import { openStore } from '../../src/stores/open-store.js';

/**
 * A way to get a fresh, empty store. PostgreSQL and MariaDB factories are appended here when
 * those stores exist; every contract test then runs against them too.
 */
export interface StoreFactory {
  name: string;
  create(): Promise<{ store: Store; cleanup: () => Promise<void> }>;
}

/** A fresh temporary directory, removed by the returned cleanup. */
export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'blackbox-store-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

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
];

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
  return () => {
    if (current === undefined) throw new Error('useStore: no store outside a test');
    return current.store;
  };
}
