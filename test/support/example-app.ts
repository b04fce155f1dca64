import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  openStore,
  type BlackboxOptions,
  type Store,
  type StoredActivity,
  type StoredIncident,
} from '../../src/index.js';

export interface ExampleAdapter {
  name: string;
  /** Built entry under examples/dist. */
  entry: string;
  /** Extra Node flags, e.g. a loader that swaps in another framework version. */
  nodeArgs?: readonly string[];
  /**
   * The app answers with a web `Response` that a server then writes: what happens on the
   * socket afterwards (a pipelined response never sent) is not seen.
   */
  webResponses?: true;
}

/** Runs the NestJS example against NestJS 11 (test/fixtures/nest11) instead of the project's. */
const NEST_11 = ['--import', './test/support/nest11-loader.mjs'];

/** Every adapter the contract suite runs against (later issues append theirs). */
export const ADAPTERS: readonly ExampleAdapter[] = [
  { name: 'express 5', entry: 'express/main.js' },
  { name: 'express 4', entry: 'express/main-express4.js' },
  { name: 'fastify 5', entry: 'fastify/main.js' },
  { name: 'fastify 4', entry: 'fastify/main-fastify4.js' },
  { name: 'koa 3', entry: 'koa/main.js' },
  { name: 'koa 2', entry: 'koa/main-koa2.js' },
  { name: 'nestjs express', entry: 'nestjs/main.js' },
  { name: 'nestjs fastify', entry: 'nestjs/main-fastify.js' },
  { name: 'nestjs 11 express', entry: 'nestjs/main.js', nodeArgs: NEST_11 },
  { name: 'nestjs 11 fastify', entry: 'nestjs/main-fastify.js', nodeArgs: NEST_11 },
  { name: 'hono', entry: 'hono/main.js', webResponses: true },
  { name: 'node', entry: 'node/main.js' },
  { name: 'fetch', entry: 'fetch/main.js', webResponses: true },
];

export interface ExampleApp {
  url: string;
  dir: string;
  storeUrl: string;
  process: ChildProcess;
  output: () => string;
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** The incident with this ID or alias, waiting for the app's next flush. */
  incident(id: string | null): Promise<StoredIncident>;
  /** The activities of one request (by its X-Request-ID), waiting for the app's next flush. */
  activity(requestId: string | null): Promise<StoredActivity>;
  /** All activities stored after a few flushes, waiting (up to 5 s) until there are `min`. */
  activities(min?: number): Promise<StoredActivity[]>;
  /** All incidents stored after a few flushes, waiting (up to 5 s) until there are `min`. */
  incidents(min?: number): Promise<StoredIncident[]>;
  store(): Promise<Store>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const FLUSH_MS = 25;

/** Starts a built example in its own process, on a free port, with a fresh SQLite file. */
export async function startExample(
  adapter: ExampleAdapter,
  options: BlackboxOptions | Record<string, unknown> = {},
  extraEnv: Record<string, string> = {},
): Promise<ExampleApp> {
  const dir = mkdtempSync(join(tmpdir(), 'blackbox-contract-'));
  const storeUrl = `sqlite:${join(dir, 'blackbox.sqlite')}`;
  const merged = {
    flushIntervalMs: FLUSH_MS,
    fallbackFilePath: join(dir, 'fallback.jsonl'),
    ...options,
  };
  const args = [...(adapter.nodeArgs ?? []), join('examples/dist', adapter.entry)];
  const child = spawn(process.execPath, args, {
    env: {
      ...process.env,
      PORT: '0',
      BLACKBOX_STORE: storeUrl,
      BLACKBOX_OPTIONS: JSON.stringify(merged),
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += String(chunk)));
  child.stderr.on('data', (chunk) => (output += String(chunk)));
  const url = await waitForListening(child, () => output);
  let store: Store | undefined;
  const openTestStore = async (): Promise<Store> => {
    if (store) return store;
    const opened = openStore(storeUrl);
    await opened.open();
    store = opened;
    return opened;
  };
  return {
    url,
    dir,
    storeUrl,
    process: child,
    output: () => output,
    fetch: (path, init) => fetch(url + path, { redirect: 'manual', ...init }),
    store: openTestStore,
    incident: async (id) => {
      if (!id) throw new Error('no incident ID was returned');
      const found = await eventually(async () => (await openTestStore()).getIncident(id));
      return found;
    },
    activity: async (requestId) => {
      if (!requestId) throw new Error('no request ID was returned');
      return eventually(async () => {
        const page = await (await openTestStore()).listActivities({ requestId, limit: 10 });
        return page.results[0];
      });
    },
    activities: (min = 0) =>
      atLeast(min, async () => (await openTestStore()).listActivities({ limit: 200 })),
    incidents: (min = 0) =>
      atLeast(min, async () => (await openTestStore()).listIncidents({ limit: 200 })),
    stop: async (signal = 'SIGTERM') => {
      await store?.close();
      const gone = child.exitCode !== null || child.signalCode !== null;
      const code = gone ? child.exitCode : await stopChild(child, signal);
      // The app's SQLite and fallback files: each example started has a directory of its own.
      rmSync(dir, { recursive: true, force: true });
      return code;
    },
  };
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill(signal);
  return exited;
}

function waitForListening(child: ChildProcess, output: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`example did not start:\n${output()}`)),
      45_000,
    );
    const check = () => {
      const url = /listening on (http:\/\/[\d.:]+)/.exec(output())?.[1];
      if (!url) return;
      clearTimeout(timer);
      child.stdout?.off('data', check);
      resolve(url);
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => reject(new Error(`example exited with ${code}:\n${output()}`)));
  });
}

/**
 * The rows `read` returns after a few of the app's flushes, or as soon as there are `min` of
 * them (a busy machine can delay a flush well past its interval).
 */
async function atLeast<T>(min: number, read: () => Promise<{ results: T[] }>): Promise<T[]> {
  await new Promise((resolve) => setTimeout(resolve, FLUSH_MS * 6));
  let rows = (await read()).results;
  const deadline = Date.now() + 5000;
  while (rows.length < min && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, FLUSH_MS));
    rows = (await read()).results;
  }
  return rows;
}

/** Polls until `read` returns a value (records reach the store on the app's flush timer). */
export async function eventually<T>(
  read: () => Promise<T | undefined>,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting for a stored record');
    await new Promise((resolve) => setTimeout(resolve, FLUSH_MS));
  }
}
