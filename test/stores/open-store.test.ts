import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { SqliteAdapter } from 'kysely';
import {
  DummyDriver,
  Kysely,
  PostgresDialect,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { BlackboxError } from '../../src/core/errors/blackbox-error.js';
import type { Store } from '../../src/core/store/store.js';
import { createMemoryStore } from '../../src/stores/memory/memory-store.js';
import { maskCredentials, openStore } from '../../src/stores/open-store.js';
import { tempDir } from './store-factories.js';

function invalidOption(spec: Parameters<typeof openStore>[0]): BlackboxError {
  try {
    openStore(spec);
  } catch (error) {
    expect(error).toBeInstanceOf(BlackboxError);
    expect((error as BlackboxError).code).toBe('invalid_option');
    expect((error as BlackboxError).message).toMatch(/^store: /);
    return error as BlackboxError;
  }
  throw new Error('openStore accepted a malformed store');
}

describe('openStore', () => {
  const opened: Store[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });

  async function dir(): Promise<string> {
    const temp = await tempDir();
    cleanups.push(temp.cleanup);
    return temp.dir;
  }

  it('opens "memory:" and "sqlite::memory:"', async () => {
    for (const spec of ['memory:', 'sqlite::memory:']) {
      const store = openStore(spec);
      opened.push(store);
      expect(store.description).toBe(spec);
      await store.open();
      expect(await store.reserveIncidentNumbers(3)).toBe(1);
    }
  });

  it('touches no file before open(), then creates and migrates it', async () => {
    const file = join(await dir(), 'blackbox.sqlite');
    const store = openStore(`sqlite:${file}`);
    opened.push(store);
    expect(existsSync(file)).toBe(false);
    await store.open();
    expect(existsSync(file)).toBe(true);
  });

  it('accepts the URL spelling of an absolute path (sqlite:///…)', async () => {
    const file = join(await dir(), 'abs.sqlite');
    const store = openStore(`sqlite://${file}`);
    opened.push(store);
    await store.open();
    expect(existsSync(file)).toBe(true);
  });

  it('reports a missing directory from open(), naming the path, and retries on the next open()', async () => {
    const missing = join(await dir(), 'not-yet');
    const store = openStore(`sqlite:${join(missing, 'b.sqlite')}`);
    opened.push(store);
    await expect(store.open()).rejects.toMatchObject({
      code: 'store_unreachable',
      message: expect.stringContaining(missing) as unknown,
    });
    await mkdir(missing);
    await store.open();
    expect(await store.reserveIncidentNumbers(1)).toBe(1);
  });

  it('returns a Store object as it is', () => {
    const store = createMemoryStore();
    expect(openStore(store)).toBe(store);
  });

  it('rejects malformed strings and objects, naming store and the value', () => {
    expect(invalidOption('sqlite:').message).toContain('"sqlite:"');
    expect(invalidOption('sqlite://host/file.db').message).toContain('sqlite://host/file.db');
    expect(invalidOption('redis://cache:6379').message).toContain('redis://cache:6379');
    expect(invalidOption('blackbox.sqlite').message).toContain('"blackbox.sqlite"');
    expect(invalidOption({ open: () => undefined }).message).toContain('reserveIncidentNumbers');
    expect(invalidOption({ some: 'object' }).message).toContain('[object Object]');
  });

  it('accepts PostgreSQL and MySQL/MariaDB URLs without connecting, masking the password', () => {
    const urls = {
      'postgres://app:s3cret@db.invalid:5432/prod': 'postgres://app:***@db.invalid:5432/prod',
      'postgresql://app@db.invalid/prod': 'postgresql://app@db.invalid/prod',
      'mysql://root:s3cret@db.invalid/app': 'mysql://root:***@db.invalid/app',
      'mariadb://root@db.invalid:3307/app': 'mariadb://root@db.invalid:3307/app',
    };
    for (const [url, description] of Object.entries(urls)) {
      expect(openStore(url).description).toBe(description);
    }
  });

  it('rejects a malformed database URL at once, naming it with the password masked', () => {
    for (const url of [
      'postgres://app:s3cret@db:port/prod',
      'mysql://root:s3cret@db:99999999/app',
    ]) {
      const { message } = invalidOption(url);
      expect(message).toContain('not a valid URL');
      expect(message).toMatch(/(app|root):\*\*\*@db/);
      expect(message).not.toContain('s3cret');
    }
  });

  it('detects the dialect of a Kysely instance, and names the option when it cannot', () => {
    const postgres = new Kysely({ dialect: new PostgresDialect({ pool: {} as never }) });
    expect(openStore(postgres).description).toBe('kysely:postgres');
    class OddAdapter extends Object {}
    const odd = new Kysely({
      dialect: {
        createAdapter: () => new OddAdapter() as SqliteAdapter,
        createDriver: () => new DummyDriver(),
        createIntrospector: (db) => new SqliteIntrospector(db),
        createQueryCompiler: () => new SqliteQueryCompiler(),
      },
    });
    expect(invalidOption(odd).message).toContain(
      "createKyselyStore({ db, dialect: 'sqlite' | 'postgres' | 'mysql'",
    );
  });

  it('masks passwords in URLs and query strings', () => {
    expect(maskCredentials('postgres://u:p@h/db')).toBe('postgres://u:***@h/db');
    expect(maskCredentials('mysql://h/db?user=u&password=p&x=1')).toBe(
      'mysql://h/db?user=u&password=***&x=1',
    );
    expect(maskCredentials('sqlite:./b.sqlite')).toBe('sqlite:./b.sqlite');
  });
});
