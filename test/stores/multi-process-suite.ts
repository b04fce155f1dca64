import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredIncident } from '../../src/core/store/records.js';
import type { Store } from '../../src/core/store/store.js';
import type { SqlDialectName } from '../../src/stores/kysely/kysely-dialect.js';
import { openStore } from '../../src/stores/open-store.js';
import { createTestDatabase } from './db-servers.js';
import type { WorkerPlan, WorkerReport } from './process-worker.js';

const here = dirname(fileURLToPath(import.meta.url));
const PROCESSES = 4;
const COUNTER_ID = /^INCIDENT-\d{4,}$/;

let workDir = '';

/**
 * Real OS processes, each a whole app instance (createBlackbox + captureException) on one
 * fresh database, released together by barriers: every process migrates at once, then
 * captures, then flushes at the same moment. One test file per database, so that they run side
 * by side.
 */
export function defineMultiProcessSuite(
  name: string,
  dialect: SqlDialectName,
  serverUp = true,
): void {
  // Without the server (and outside CI) the suite is reported as skipped; serverAvailable()
  // printed why. In CI a missing server has already failed the file.
  describe.runIf(serverUp)(`${name} shared by 4 processes`, () => {
    beforeAll(buildWorker);
    afterAll(() => rm(workDir, { recursive: true, force: true }));
    defineTests(dialect);
  });
}

async function buildWorker(): Promise<void> {
  // Inside the repository so that the bundle resolves the drivers from node_modules.
  workDir = await mkdtemp(join(here, '.tmp-multi-process-'));
  await build({
    entryPoints: [join(here, 'process-worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    external: ['better-sqlite3', 'kysely', 'pg', 'mysql2'],
    outfile: join(workDir, 'worker.mjs'),
    logLevel: 'silent',
  });
}

function defineTests(dialect: SqlDialectName): void {
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    await Promise.all(drops.splice(0).map((drop) => drop()));
  });

  async function freshTarget(): Promise<string> {
    if (dialect === 'sqlite') return join(workDir, `shared-${drops.length}-${Date.now()}.sqlite`);
    const { url, drop } = await createTestDatabase(dialect === 'postgres' ? 'postgres' : 'mysql');
    drops.push(drop);
    return url;
  }

  async function runProcesses(
    plan: Omit<WorkerPlan, 'dialect' | 'target' | 'fallbackFilePath' | 'messageTag'>,
    ownMessages = false,
  ) {
    const target = await freshTarget();
    const reports = await runWorkers(
      Array.from({ length: PROCESSES }, (_, i) => ({
        ...plan,
        dialect,
        target,
        messageTag: ownMessages ? `P${i}-` : '',
        fallbackFilePath: join(workDir, `fallback-${process.pid}-${i}-${Date.now()}.jsonl`),
      })),
    );
    const url = dialect === 'sqlite' ? `sqlite:${target}` : target;
    return { reports, url };
  }

  it('gives 10,000 failures across 4 processes 10,000 distinct counter IDs (window 0)', async () => {
    const { reports, url } = await runProcesses({
      captures: 2_500,
      dedupWindowSeconds: 0,
      idBlockSize: 500,
      // Many errors, each shared by all processes: contention on every fingerprint's lock,
      // without queueing all 10,000 merges behind one lock.
      fingerprints: 100,
      flushIntervalMs: 1000,
      control: 'none',
    });
    expect(reports.map((r) => [r.error, r.spilled])).toEqual(Array(PROCESSES).fill([undefined, 0]));
    const ids = reports.flatMap((r) => r.ids);
    expect(ids.filter((id) => !COUNTER_ID.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(10_000);
    const incidents = await allIncidents(url);
    expect(incidents).toHaveLength(10_000);
    expect(new Set(incidents.map((i) => i.incidentId))).toEqual(new Set(ids));
  }, 120_000);

  it('negative control: a read-then-write counter hands out the same IDs twice', async () => {
    const { reports } = await runProcesses({
      captures: 200,
      dedupWindowSeconds: 0,
      idBlockSize: 10,
      fingerprints: 1,
      flushIntervalMs: 1000,
      control: 'racy-counter',
    });
    const ids = reports.flatMap((r) => r.ids).filter((id) => COUNTER_ID.test(id));
    expect(new Set(ids).size).toBeLessThan(ids.length);
  }, 60_000);

  it('counts 4 × 250 identical failures released together in one incident, every ID resolving', async () => {
    const { reports, url } = await runProcesses({
      captures: 250,
      dedupWindowSeconds: 300,
      idBlockSize: 20,
      fingerprints: 1,
      // Only the barrier flushes: all four merges of the one fingerprint meet at once.
      flushIntervalMs: 60_000,
      control: 'none',
    });
    expect(reports.map((r) => [r.error, r.spilled])).toEqual(Array(PROCESSES).fill([undefined, 0]));
    const incidents = await allIncidents(url);
    expect(incidents.map((i) => i.occurrenceCount)).toEqual([PROCESSES * 250]);
    const store = openStore(url);
    try {
      for (const id of new Set(reports.flatMap((r) => r.ids))) {
        expect((await store.getIncident(id))?.incidentId).toBe(incidents[0]?.incidentId);
      }
    } finally {
      await store.close();
    }
  }, 60_000);

  it('negative control: without the lock, the same failures split into several incidents', async () => {
    const { reports, url } = await runProcesses({
      captures: 250,
      dedupWindowSeconds: 300,
      idBlockSize: 20,
      fingerprints: 1,
      // Only the barrier flushes: all four merges of the one fingerprint meet at once.
      flushIntervalMs: 60_000,
      control: 'no-lock',
    });
    expect(reports.map((r) => r.error)).toEqual(Array(PROCESSES).fill(undefined));
    expect((await allIncidents(url)).length).toBeGreaterThan(1);
  }, 60_000);
}

/** Every incident of the store, page by page. */
async function allIncidents(url: string): Promise<StoredIncident[]> {
  const store: Store = openStore(url);
  const all: StoredIncident[] = [];
  try {
    let cursor: string | undefined;
    do {
      const page = await store.listIncidents({ limit: 200, cursor });
      all.push(...page.results);
      cursor = page.next ?? undefined;
    } while (cursor !== undefined);
  } finally {
    await store.close();
  }
  return all;
}

/** Forks one worker per plan and walks them through the barriers: ready, go, captured, flush. */
async function runWorkers(plans: WorkerPlan[]): Promise<WorkerReport[]> {
  const children = plans.map((plan) =>
    fork(join(workDir, 'worker.mjs'), [JSON.stringify(plan)], { stdio: 'inherit' }),
  );
  try {
    await Promise.all(children.map((child) => nextMessage(child)));
    const captured = children.map((child) => nextMessage(child));
    children.forEach((child) => child.send('go'));
    await Promise.all(captured);
    const reports = children.map((child) => nextMessage(child) as Promise<WorkerReport>);
    children.forEach((child) => child.send('flush'));
    return await Promise.all(reports);
  } finally {
    children.forEach((child) => child.kill());
  }
}

function nextMessage(child: ChildProcess): Promise<unknown> {
  return new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`worker exited with code ${code}`)));
  });
}
