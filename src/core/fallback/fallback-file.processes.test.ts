import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFallbackEvents } from './read-fallback.js';

const run = promisify(execFile);
// Inside the repo so the bundle resolves node_modules like the sources do.
const cacheDir = resolve('node_modules/.cache/http-blackbox-tests');
const bundle = join(cacheDir, `fallback-file-${process.pid}.mjs`);

/** What each child does: wait for the common start, then append `count` events one by one. */
const child = `
  const [bundle, path, count, startAt, maxBytes, maxFiles] = process.argv.slice(1);
  const { createFallbackFile, newOpId } = await import(bundle);
  const logger = { warn() {}, error() {}, warnOnce() {}, errorOnce() {}, reset() {} };
  const file = createFallbackFile({ path, maxBytes: Number(maxBytes), maxFiles: Number(maxFiles), logger });
  while (Date.now() < Number(startAt)) await new Promise((r) => setTimeout(r, 1));
  let written = 0, dropped = 0;
  for (let i = 0; i < Number(count); i += 1) {
    const text = 'pid ' + process.pid + ' #' + i + ' \\n\\r\\u2028 ' + 'x'.repeat((i * 997) % 9000);
    const record = { createdAt: Date.now(), path: '/p', requestBody: text };
    const result = await file.append([{ v: 1, op_id: newOpId(), kind: 'activity', record }]);
    written += result.written; dropped += result.dropped;
  }
  console.log(JSON.stringify({ written, dropped }));
`;

let dir: string;
beforeAll(async () => {
  mkdirSync(cacheDir, { recursive: true });
  await build({
    entryPoints: [resolve('src/core/fallback/fallback-file.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: bundle,
    logLevel: 'silent',
  });
  dir = mkdtempSync(join(tmpdir(), 'blackbox-fallback-procs-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(bundle, { force: true });
});

async function appendFromProcesses(path: string, budget: { maxBytes: number; maxFiles: number }) {
  const startAt = String(Date.now() + 1500);
  const args = [String(500), startAt, String(budget.maxBytes), String(budget.maxFiles)];
  const children = Array.from({ length: 4 }, () =>
    run(process.execPath, ['--input-type=module', '-e', child, bundle, path, ...args]),
  );
  const outputs = await Promise.all(children);
  return outputs.map(({ stdout }) => JSON.parse(stdout) as { written: number; dropped: number });
}

async function countLines(paths: string[]) {
  let events = 0;
  let errors = 0;
  for (const path of paths) {
    for await (const line of readFallbackEvents(path)) {
      if ('event' in line) events += 1;
      else errors += 1;
    }
  }
  return { events, errors };
}

describe('several processes appending to one file', () => {
  it('gives 2000 parseable lines from 4 processes × 500 events', async () => {
    const path = join(dir, 'shared.jsonl');
    const results = await appendFromProcesses(path, { maxBytes: 1024 ** 3, maxFiles: 3 });
    expect(results.every((result) => result.written === 500)).toBe(true);
    expect(readFileSync(path, 'utf8').split('\n')).toHaveLength(2001);
    expect(await countLines([path])).toEqual({ events: 2000, errors: 0 });
  });

  it('rotates once per overflow across processes, losing nothing uncounted', async () => {
    const path = join(dir, 'rotating.jsonl');
    const results = await appendFromProcesses(path, { maxBytes: 256 * 1024, maxFiles: 1000 });
    const generations = readdirSync(dir)
      .filter((name) => name.startsWith('rotating.jsonl'))
      .map((name) => join(dir, name));
    expect(generations.length).toBeGreaterThan(3);
    expect(generations.some((name) => name.endsWith('.lock'))).toBe(false);
    const written = results.reduce((sum, result) => sum + result.written, 0);
    const dropped = results.reduce((sum, result) => sum + result.dropped, 0);
    expect(written + dropped).toBe(2000);
    expect(await countLines(generations)).toEqual({ events: written, errors: 0 });
  });
});
