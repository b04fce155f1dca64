import Database from 'better-sqlite3';
import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/stores/open-store.js';
import { occurrences } from './store-fixtures.js';
import { tempDir } from './store-factories.js';

interface AppTables {
  blackboxIncidents: { incidentId: string; occurrenceCount: number };
}

describe('a Kysely instance given by the app', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });

  async function appDb(): Promise<Kysely<AppTables>> {
    const { dir, cleanup } = await tempDir();
    const db = new Kysely<AppTables>({
      dialect: new SqliteDialect({ database: new Database(join(dir, 'app.sqlite')) }),
      plugins: [new CamelCasePlugin()],
    });
    cleanups.push(async () => {
      await db.destroy();
      await cleanup();
    });
    return db;
  }

  it('is used without its CamelCasePlugin, migrated (SQLite) and left open on close', async () => {
    const db = await appDb();
    const store = openStore(db);
    expect(store.description).toBe('kysely:sqlite');
    await store.open();
    const batch = occurrences({ count: 2 });
    await store.writeIncidents([batch], { dedupWindowMs: 0 });
    expect((await store.getIncident(batch.record.incidentId))?.occurrenceCount).toBe(2);
    await store.close();
    // The app's own queries (camelCase in, snake_case in the database) still work.
    const rows = await db
      .selectFrom('blackboxIncidents')
      .select(['incidentId', 'occurrenceCount'])
      .execute();
    expect(rows).toEqual([{ incidentId: batch.record.incidentId, occurrenceCount: 2 }]);
  });

  it('is not migrated when migrate is false, and open() says what to run', async () => {
    const db = await appDb();
    const store = openStore(db, { migrate: false });
    await expect(store.open()).rejects.toMatchObject({
      code: 'store_schema_missing',
      message: expect.stringContaining('blackbox migrate') as unknown,
    });
  });
});
