import type { Kysely } from 'kysely';
import type { IncidentOccurrences } from '../../core/store/records.js';
import {
  ATOMIC_INCIDENT_BATCHES,
  type Store,
  type WriteIncidentsOptions,
} from '../../core/store/store.js';
import { toStoreError } from '../shared/errors.js';
import { assertBlockSize } from '../shared/validate.js';
import type { RetentionLeaseStore } from '../../core/retention/retention-schedule.js';
import { insertActivities } from './kysely-activities.js';
import { claimRetentionRun } from './kysely-lease.js';
import type { SqlDialectName, StoreDialect } from './kysely-dialect.js';
import { storeDialectFor } from './kysely-dialects.js';
import { fingerprintLockKey, mergeIncidentBatch } from './kysely-merge.js';
import { ensureSchema } from './kysely-migrate.js';
import { prune } from './kysely-prune.js';
import * as read from './kysely-read.js';
import { replay } from './kysely-replay.js';
import { setIncidentStatus } from './kysely-status.js';
import { INCIDENT_COUNTER, type BlackboxDb } from './kysely-tables.js';

/** Copied and frozen by `createKyselyStore`; later changes to the object have no effect. */
export interface KyselyStoreOptions {
  /** The database. Used through `withoutPlugins()`: the app's CamelCasePlugin stays the app's. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the app's own table types
  db: Kysely<any>;
  /** A database name, or a `StoreDialect` of your own (another database, or a test double). */
  dialect: SqlDialectName | StoreDialect;
  /** Whether `close()` destroys `db`: true when we created it, false for the app's instance. */
  ownsDb: boolean;
  /** Migrate on `open()`; otherwise `open()` only checks that the migrations have been run. */
  migrate: boolean;
  /** For messages, without credentials, e.g. `sqlite:./blackbox.sqlite`. */
  description: string;
}

/**
 * The `Store` on a SQL database through Kysely: SQLite now, PostgreSQL and MySQL through the
 * same code with their own `StoreDialect`. Nothing touches the database before `open()` (or
 * the first call, which opens implicitly); every failure rejects with a `BlackboxError`.
 *
 * @example
 * const store = createKyselyStore({ db: createSqliteKysely('./blackbox.sqlite'),
 *   dialect: 'sqlite', ownsDb: true, migrate: true, description: 'sqlite:./blackbox.sqlite' });
 * await store.open();
 */
export function createKyselyStore(options: KyselyStoreOptions): Store & RetentionLeaseStore {
  const config = Object.freeze({ ...options });
  let dialect =
    typeof config.dialect === 'string' ? storeDialectFor(config.dialect) : config.dialect;
  const db = config.db.withoutPlugins() as BlackboxDb;
  const ready = once(async () => {
    dialect = (await dialect.forConnection?.(db)) ?? dialect;
    await ensureSchema(db, dialect, config.migrate);
  });
  const run = <T>(work: () => Promise<T>): Promise<T> =>
    guard(config.description, dialect, () => ready().then(work));
  return {
    description: config.description,
    open: () => run(() => Promise.resolve()),
    reserveIncidentNumbers: (count) =>
      run(async () => {
        assertBlockSize(count);
        return (await dialect.incrementCounter(db, INCIDENT_COUNTER, count)) - count + 1;
      }),
    writeIncidents: (batches, opts) => run(() => writeIncidents(db, batches, opts, dialect)),
    writeActivities: (records) =>
      run(async () => {
        if (records.length === 0) return;
        await dialect.inWriteTransaction(db, [], (trx) => insertActivities(trx, records, dialect));
      }),
    replay: (events, opts) => run(() => replay(db, events, opts, dialect)),
    getIncident: (id) => run(() => read.getIncident(db, id, dialect)),
    listIncidents: (query) => run(() => read.listIncidents(db, query, dialect)),
    setIncidentStatus: (id, status) => run(() => setIncidentStatus(db, id, status, dialect)),
    getActivity: (id) => run(() => read.getActivity(db, id, dialect)),
    listActivities: (query) => run(() => read.listActivities(db, query, dialect)),
    prune: (opts) => run(() => prune(db, opts, dialect)),
    claimRetentionRun: (everyMs, now) => run(() => claimRetentionRun(db, everyMs, now)),
    close: () => guard(config.description, dialect, () => closeDb(config)),
  };
}

/**
 * Batches per transaction. A commit costs a disk flush on PostgreSQL and InnoDB, so a flush of
 * 500 different incidents in 500 transactions is bound by fsync; chunks keep the lock time short
 * and the commits few.
 */
export const INCIDENT_BATCHES_PER_TRANSACTION = ATOMIC_INCIDENT_BATCHES;

/**
 * Merges the batches in order, a chunk per transaction holding the locks of every fingerprint
 * in it (taken in sorted order, so two processes never deadlock), so a later batch sees an
 * earlier one's incident.
 */
async function writeIncidents(
  db: BlackboxDb,
  batches: readonly IncidentOccurrences[],
  options: WriteIncidentsOptions,
  dialect: StoreDialect,
) {
  const results = [];
  for (let start = 0; start < batches.length; start += INCIDENT_BATCHES_PER_TRANSACTION) {
    const chunk = batches.slice(start, start + INCIDENT_BATCHES_PER_TRANSACTION);
    const locks = chunk.map(fingerprintLockKey);
    const merged = await dialect.inWriteTransaction(db, locks, async (trx) => {
      const done = [];
      for (const batch of chunk) {
        done.push(await mergeIncidentBatch(trx, batch, options.dedupWindowMs, dialect));
      }
      return done;
    });
    results.push(...merged);
  }
  return results;
}

async function closeDb(config: Readonly<KyselyStoreOptions>): Promise<void> {
  if (config.ownsDb) await config.db.destroy();
}

/** Shares one attempt among concurrent callers; after a failure the next call tries again. */
function once(attempt: () => Promise<void>): () => Promise<void> {
  let pending: Promise<void> | undefined;
  return () => {
    pending ??= attempt().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

/** Every rejection leaves the store as a `BlackboxError` that names the store. */
async function guard<T>(description: string, dialect: StoreDialect, work: () => Promise<T>) {
  try {
    return await work();
  } catch (error) {
    throw toStoreError(error, description, (e) => dialect.isMissingTable(e));
  }
}
