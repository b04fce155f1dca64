import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/stores/open-store.js';

interface WorkerReport {
  blocks?: number[];
  merged?: string[];
  error?: string;
}

const here = dirname(fileURLToPath(import.meta.url));
const PROCESSES = 4;

// Real OS processes on one SQLite file, released together by a barrier: the migration, the
// counter and the merge must hold across processes, not only across connections.
describe('several processes on one SQLite file', () => {
  let workDir = '';
  beforeAll(async () => {
    // Inside the repository so that the bundle resolves better-sqlite3 from node_modules.
    workDir = await mkdtemp(join(here, '.tmp-processes-'));
    const external = ['better-sqlite3', 'kysely'];
    const entryPoints = [join(here, 'sqlite-process-worker.ts')];
    await build({
      entryPoints,
      bundle: true,
      platform: 'node',
      format: 'esm',
      external,
      outfile: join(workDir, 'worker.mjs'),
      logLevel: 'silent',
    });
  });
  afterAll(() => rm(workDir, { recursive: true, force: true }));

  it('migrate once, hand out disjoint numbers and count every occurrence in one incident', async () => {
    const file = join(workDir, 'shared.sqlite');
    const children = Array.from({ length: PROCESSES }, (_, i) =>
      fork(join(workDir, 'worker.mjs'), [file, `P${i}`]),
    );
    await Promise.all(children.map((child) => nextMessage(child)));
    const reports = children.map((child) => nextMessage(child) as Promise<WorkerReport>);
    children.forEach((child) => child.send('go'));
    const done = await Promise.all(reports);
    expect(done.map((report) => report.error)).toEqual(Array(PROCESSES).fill(undefined));
    const numbers = done.flatMap((report) =>
      report.blocks!.flatMap((first) => [0, 1, 2, 3].map((i) => first + i)),
    );
    expect(new Set(numbers).size).toBe(PROCESSES * 25 * 4);
    expect(new Set(done.flatMap((report) => report.merged!)).size).toBe(1);
    const store = openStore(`sqlite:${file}`);
    const [incident, ...others] = (await store.listIncidents({})).results;
    await store.close();
    expect(others).toEqual([]);
    expect(incident?.occurrenceCount).toBe(PROCESSES * 25 * 2);
    expect(incident?.aliases).toHaveLength(PROCESSES * 25 - 1);
  });
});

function nextMessage(child: ChildProcess): Promise<unknown> {
  return new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('error', reject);
  });
}
