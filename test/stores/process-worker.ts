// Run by multi-process.test.ts in a child process (bundled by esbuild): one app instance that
// captures errors through createBlackbox, the real ID blocks, in-process book and flush merge.
import { setTimeout as sleep } from 'node:timers/promises';
import { sql, type Kysely, type KyselyPlugin } from 'kysely';
import { createBlackbox } from '../../src/create-blackbox.js';
import type { SqlDialectName, StoreDialect } from '../../src/stores/kysely/kysely-dialect.js';
import { storeDialectFor } from '../../src/stores/kysely/kysely-dialects.js';
import { createKyselyStore } from '../../src/stores/kysely/kysely-store.js';
import type { BlackboxDb } from '../../src/stores/kysely/kysely-tables.js';
import { createMysqlKysely } from '../../src/stores/mysql/mysql-connect.js';
import { createPostgresKysely } from '../../src/stores/postgres/postgres-connect.js';
import { createSqliteKysely } from '../../src/stores/sqlite/sqlite-connect.js';

/** What the parent asks of this process (argv[2], JSON). */
export interface WorkerPlan {
  dialect: SqlDialectName;
  /** A database URL, or a file for SQLite. */
  target: string;
  captures: number;
  dedupWindowSeconds: number;
  idBlockSize: number;
  /** Distinct error messages (fingerprints) the captures cycle through. */
  fingerprints: number;
  /** Part of every message: the same in every process (shared incidents) or its own. */
  messageTag: string;
  flushIntervalMs: number;
  /** `racy-counter` and `no-lock` switch off what the test relies on, to show it can fail. */
  control: 'none' | 'racy-counter' | 'no-lock';
  fallbackFilePath: string;
}

export interface WorkerReport {
  ids: string[];
  /** Records that went to the fallback file or were lost: 0 when the store took everything. */
  spilled: number;
  error?: string;
}

const plan = JSON.parse(process.argv[2] ?? '{}') as WorkerPlan;

function kyselyFor(): Kysely<unknown> {
  if (plan.dialect === 'postgres') return createPostgresKysely(plan.target) as Kysely<unknown>;
  if (plan.dialect === 'mysql') return createMysqlKysely(plan.target) as Kysely<unknown>;
  return createSqliteKysely(plan.target) as Kysely<unknown>;
}

/** Holds every query result a few milliseconds: widens any read-then-write race. */
const slow: KyselyPlugin = {
  transformQuery: (args) => args.node,
  transformResult: async (args) => {
    await sleep(100);
    return args.result;
  },
};

/** The real dialect, or one with its safety switched off (the negative controls). */
function dialectFor(): StoreDialect {
  const real = storeDialectFor(plan.dialect);
  if (plan.control === 'none') return real;
  // Keep the switch when the dialect tunes itself to the connection (MySQL's time reading).
  const forConnection = async (db: BlackboxDb) =>
    withControl((await real.forConnection?.(db)) ?? real);
  return { ...withControl(real), forConnection };
}

function withControl(real: StoreDialect): StoreDialect {
  if (plan.control === 'no-lock') {
    // No transaction, no lock: each statement commits alone, as if the merge were unguarded.
    const inWriteTransaction: StoreDialect['inWriteTransaction'] = (db, _keys, work) =>
      work(db.withPlugin(slow));
    return { ...real, inWriteTransaction };
  }
  if (plan.control === 'racy-counter') return { ...real, incrementCounter: racyIncrement };
  return real;
}

/** Read, wait, write: the counter a naive implementation would have. */
async function racyIncrement(db: BlackboxDb, name: string, count: number): Promise<number> {
  const row = await db
    .selectFrom('blackbox_counters')
    .select('value')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  const next = Number(row.value) + count;
  await sleep(5);
  await db
    .updateTable('blackbox_counters')
    .set({ value: sql.lit(next) })
    .where('name', '=', name)
    .execute();
  return next;
}

function nextMessage(): Promise<unknown> {
  return new Promise((resolve) => process.once('message', resolve));
}

async function main(): Promise<WorkerReport> {
  const store = createKyselyStore({
    db: kyselyFor(),
    dialect: dialectFor(),
    ownsDb: true,
    migrate: true,
    description: `${plan.dialect} (pid ${process.pid})`,
  });
  const blackbox = createBlackbox({
    store,
    dedupWindowSeconds: plan.dedupWindowSeconds,
    idBlockSize: plan.idBlockSize,
    flushIntervalMs: plan.flushIntervalMs,
    fallbackFilePath: plan.fallbackFilePath,
    logger: { warn: () => undefined, error: (message) => console.error(message) },
  });
  await blackbox.ready();
  process.send!('ready');
  await nextMessage(); // go
  const ids: string[] = [];
  for (let i = 0; i < plan.captures; i += 1) {
    const error = new Error(`boom ${plan.messageTag}${i % plan.fingerprints} across processes`);
    ids.push(blackbox.captureException(error, { path: '/boom' })!);
    // Requests arrive over time, not in one synchronous loop: ID blocks refill in between.
    if (i % 2 === 1) await sleep(1);
  }
  process.send!('captured');
  await nextMessage(); // flush, all processes at once
  await blackbox.close();
  const { spilled, dropped } = blackbox.stats();
  const lost = [...Object.values(spilled), ...Object.values(dropped)];
  return { ids, spilled: lost.reduce((sum, n) => sum + n, 0) };
}

main()
  .then((report) => process.send!(report))
  .catch((error: unknown) => process.send!({ ids: [], spilled: 0, error: String(error) }));
