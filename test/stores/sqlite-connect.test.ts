import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createSqliteKysely } from '../../src/stores/sqlite/sqlite-connect.js';

let dir: string;
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'blackbox-connect-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

async function tempStore(options?: { tempFilesInMemory: boolean }): Promise<number> {
  const db = createSqliteKysely(join(dir, 'blackbox.sqlite'), options);
  try {
    const { rows } = await sql<{ temp_store: number }>`pragma temp_store`.execute(db);
    return rows[0]!.temp_store;
  } finally {
    await db.destroy();
  }
}

it("keeps the activity writer's temporary files in memory, and only on request", async () => {
  // 2 is MEMORY, 0 the build's default (files): reading connections may sort more than fits.
  expect(await tempStore({ tempFilesInMemory: true })).toBe(2);
  expect(await tempStore()).toBe(0);
});
