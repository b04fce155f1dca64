import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import Database from 'better-sqlite3';
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

async function pageSize(file: string): Promise<number> {
  const db = createSqliteKysely(file);
  try {
    await sql`create table if not exists t (x text)`.execute(db);
    const { rows } = await sql<{ page_size: number }>`pragma page_size`.execute(db);
    return rows[0]!.page_size;
  } finally {
    await db.destroy();
  }
}

it('creates files with 8 KiB pages and leaves an existing file its own', async () => {
  expect(await pageSize(join(dir, 'new.sqlite'))).toBe(8192);
  // A file made before (or by another tool) keeps its pages: SQLite only changes them by VACUUM.
  const old = join(dir, 'old.sqlite');
  const made = new Database(old);
  made.pragma('page_size = 4096');
  made.exec('create table before (x text)');
  made.close();
  expect(await pageSize(old)).toBe(4096);
});
