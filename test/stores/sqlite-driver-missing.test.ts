import { describe, expect, it, vi } from 'vitest';

// Simulates an app without the optional better-sqlite3 dependency.
vi.mock('better-sqlite3', () => {
  throw Object.assign(new Error("Cannot find package 'better-sqlite3'"), {
    code: 'ERR_MODULE_NOT_FOUND',
  });
});

describe('SQLite without better-sqlite3 installed', () => {
  it('is no start-up error; open() names the package to install', async () => {
    const { openStore } = await import('../../src/stores/open-store.js');
    const store = openStore('sqlite::memory:');
    const error = await store.open().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: 'driver_missing',
      message: expect.stringContaining('npm install better-sqlite3') as unknown,
    });
  });
});
