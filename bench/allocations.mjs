// Bytes allocated per request on each bench app's main thread, and by which functions: V8's
// sampling heap profiler (bench/allocation-sampler.mjs) over a series of warmed-up requests.
// Allocation drives the scavenger, one of the larger costs recording adds, and unlike time it
// barely moves between runs.
//   npm run bench:allocations
//   BENCH_APPS=instrumented BENCH_TOP=30 npm run bench:allocations
import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const APPS = (process.env.BENCH_APPS ?? 'bare,no-activity,instrumented').split(',');
const TOP = Number(process.env.BENCH_TOP ?? 12);
const WARMUP = 20_000;
const REQUESTS = 20_000;
const SAMPLING_INTERVAL = 4096; // bytes between samples on average
const OUR_DIST = new URL('../dist/', import.meta.url).href;
const dir = mkdtempSync(join(tmpdir(), 'blackbox-allocations-'));

function reply(child, key) {
  return new Promise((resolve) => child.on('message', (m) => key in m && resolve(m[key])));
}

async function profile(mode) {
  const app = [
    'bench/bench-app.mjs',
    mode,
    join(dir, `${mode}.sqlite`),
    join(dir, 'fallback.jsonl'),
  ];
  const child = fork(app[0], app.slice(1), {
    execArgv: ['--import', './bench/allocation-sampler.mjs'],
  });
  const url = `http://127.0.0.1:${await reply(child, 'port')}/ok`;
  await autocannon({ url, connections: 10, amount: WARMUP });
  child.send({ samplingStart: SAMPLING_INTERVAL });
  await reply(child, 'samplingStarted');
  await autocannon({ url, connections: 10, amount: REQUESTS });
  const file = join(dir, `${mode}.heapprofile`);
  child.send({ samplingStop: file });
  await reply(child, 'samplingStopped');
  child.kill();
  return JSON.parse(readFileSync(file, 'utf8'));
}

/**
 * Bytes by the function that allocated them, and, for http-blackbox, by its own function when it
 * allocated them itself or in a built-in it called directly (`Object.keys`, `getHeaders()`):
 * a deeper attribution would charge it with the app's work too, which runs under `next()`.
 */
function byFunction(head) {
  const self = new Map();
  const ours = new Map();
  const add = (map, name, bytes) => map.set(name, (map.get(name) ?? 0) + bytes);
  const visit = (node, caller) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.startsWith(OUR_DIST)
      ? `dist/${url.slice(OUR_DIST.length)}`
      : url.replace(/^.*node_modules\//, '');
    const name = `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
    add(self, name, node.selfSize);
    if (file.startsWith('dist/')) add(ours, name, node.selfSize);
    else if (caller?.startsWith('dist/', caller.indexOf(' ') + 1)) add(ours, caller, node.selfSize);
    for (const child of node.children) visit(child, name);
  };
  visit(head, undefined);
  return { self, ours };
}

const perRequest = (bytes) => `${(bytes / REQUESTS).toFixed(0).padStart(6)} B`;
const top = (map) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP)
    .map(([name, bytes]) => `  ${perRequest(bytes)}  ${name}`)
    .join('\n');

for (const mode of APPS) {
  const { self, ours } = byFunction((await profile(mode)).head);
  const total = [...self.values()].reduce((sum, bytes) => sum + bytes, 0);
  console.log(`\n${mode}: ${perRequest(total)} allocated per request on the main thread`);
  console.log(`by the function that allocated:\n${top(self)}`);
  const oursTotal = [...ours.values()].reduce((sum, bytes) => sum + bytes, 0);
  if (oursTotal > 0) {
    console.log(`by http-blackbox (${perRequest(oursTotal)} in all):\n${top(ours)}`);
  }
}
rmSync(dir, { recursive: true, force: true });
