import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { BlackboxError, type BlackboxErrorCode } from '../../core/errors/blackbox-error.js';
import {
  SETTLES_CAPTURED_HEADERS,
  settleActivity,
  type QueuedActivity,
} from '../../core/activity/captured-headers.js';
import type { Store } from '../../core/store/store.js';
import { packActivities, type PackedActivities } from './activity-hand-over.js';

export type ActivityThreadRequest =
  { kind: 'write'; id: number; batch: PackedActivities } | { kind: 'close' };
export type ActivityThreadReply = { id: number; error?: { code: string; message: string } };

interface Pending {
  records: QueuedActivity[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** How long `close()` waits for the thread to finish its last batch and close its connection. */
const CLOSE_TIMEOUT_MS = 5000;

/**
 * The store with its activity batches written by a worker thread on a second connection to the
 * same SQLite file. better-sqlite3 works synchronously, so on the app's thread every batch
 * would stall the event loop for the whole INSERT: binding, B-tree and WAL work that cost about
 * as much as the rest of a request's recording. The app's thread only hands the records over
 * (a structured clone of their values, cheaper than encoding them: activity-hand-over.ts).
 * Everything else (incidents, ID blocks, reads) stays on the app's connection.
 *
 * The thread is an optimisation, never a dependency: when its script is not there (running
 * from the TypeScript sources), cannot start, dies, or a batch cannot be cloned, batches
 * (those it had not answered included) are written on the app's thread as before. A batch the
 * thread reports as failed rejects like any store failure (the write queue spills it to the
 * fallback file).
 *
 * @example
 * const store = withSqliteActivityThread(createKyselyStore({ db, dialect: 'sqlite', … }), {
 *   path: './blackbox.sqlite', description: 'sqlite:./blackbox.sqlite' });
 */
export function withSqliteActivityThread(
  store: Store,
  options: { path: string; description: string; workerFile?: string | URL },
): Store {
  const workerFile = options.workerFile ?? findWorkerFile();
  // Resolved now: the app may change its working directory before the thread starts.
  const path = resolve(options.path);
  let worker: Worker | undefined;
  let broken = workerFile === undefined;
  let closing: Promise<void> | undefined;
  let nextId = 0;
  const pending = new Map<number, Pending>();
  /** One array packs every batch (see packActivities), emptied once the batch is posted. */
  const packing: unknown[] = [];
  // Every batch accepted and not yet settled, those still waiting for the store to open too.
  const accepted = new Set<Promise<void>>();

  function start(): Worker {
    const started = new Worker(workerFile as string | URL, {
      workerData: { path, description: options.description },
    });
    started.unref();
    started.on('message', (reply: ActivityThreadReply) => settle(started, reply));
    // A thread that cannot start, throws or exits hands its batches back.
    started.on('error', () => fail(started));
    started.on('exit', () => fail(started));
    return started;
  }

  function settle(from: Worker, reply: ActivityThreadReply): void {
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if (pending.size === 0) from.unref();
    if (!reply.error) return waiting.resolve();
    const code = reply.error.code as BlackboxErrorCode;
    waiting.reject(new BlackboxError(code, reply.error.message));
  }

  /** The thread is gone: what it had not answered, and everything after, is written here. */
  function fail(from: Worker): void {
    if (worker !== from) return;
    worker = undefined;
    if (!closing) broken = true;
    const unanswered = [...pending.values()];
    pending.clear();
    for (const waiting of unanswered) {
      writeHere(waiting.records).then(waiting.resolve, waiting.reject);
    }
  }

  /** On the app's connection: the headers are redacted here, as for any other store. */
  function writeHere(records: QueuedActivity[]): Promise<void> {
    return store.writeActivities(records.map(settleActivity));
  }

  function writeActivities(records: QueuedActivity[]): Promise<void> {
    const written = write(records);
    accepted.add(written);
    const forget = () => accepted.delete(written);
    written.then(forget, forget);
    return written;
  }

  async function write(records: QueuedActivity[]): Promise<void> {
    if (records.length === 0) return;
    // The thread never migrates: the app's connection must have opened (and migrated) first.
    await open();
    if (broken || closing || !worker) return writeHere(records);
    const id = nextId++;
    const sent = new Promise<void>((resolve, reject) =>
      pending.set(id, { records, resolve, reject }),
    );
    try {
      const batch = packActivities(records, packing);
      worker.postMessage({ kind: 'write', id, batch } satisfies ActivityThreadRequest);
    } catch {
      // Not cloneable (a function in a custom payload, say): this batch is written here.
      pending.delete(id);
      return writeHere(records);
    } finally {
      // Posted means copied: the array need not keep this batch's rows alive until the next.
      packing.fill(undefined);
    }
    worker.ref(); // an answer is awaited: the process must not exit before it arrives
    return sent;
  }

  /** Opens (and migrates) on the app's connection, then starts the thread ahead of its first batch. */
  async function open(): Promise<void> {
    await store.open();
    if (!broken && !closing) worker ??= start();
  }

  async function close(): Promise<void> {
    closing ??= drainThenStop();
    await closing;
    await store.close();
  }

  /** Batches accepted before close are written (by the thread or here) before anything closes. */
  async function drainThenStop(): Promise<void> {
    await Promise.allSettled([...accepted]);
    await stopWorker();
  }

  async function stopWorker(): Promise<void> {
    const stopping = worker;
    if (!stopping) return;
    const exited = new Promise<void>((resolve) => stopping.once('exit', () => resolve()));
    stopping.ref();
    stopping.postMessage({ kind: 'close' } satisfies ActivityThreadRequest);
    const timer = setTimeout(() => void stopping.terminate(), CLOSE_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }

  // The thread redacts the captured headers itself (off the app's thread).
  const threaded: Store = { ...store, open, writeActivities, close };
  return Object.assign(threaded, { [SETTLES_CAPTURED_HEADERS]: true });
}

/**
 * The built worker script next to this module (`.js` beside ESM, `.cjs` beside CommonJS), or
 * undefined when running from the TypeScript sources, where a worker could not load it.
 */
function findWorkerFile(): URL | undefined {
  const here = import.meta.url;
  const extension = /\.(c?js)$/.exec(fileURLToPath(here))?.[1];
  if (extension === undefined) return undefined;
  for (const folder of ['./', '../', '../../']) {
    const candidate = new URL(`${folder}sqlite-activity-worker.${extension}`, here);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}
