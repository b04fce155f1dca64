// Overhead of http-blackbox on Express: a bare app and instrumented ones (activity logging on,
// recording into a SQLite file; and, for context, activity logging off, and pino-http logging
// each request to a file instead of http-blackbox), each in its own process
// started once and warmed up, are measured alternately in ONE run under the same load from this
// process, and reported as ratios. Absolute numbers on a shared machine mean little, and they
// drift within a run too: every round measures each app once for a short burst (in an order
// that rotates), the ratio is taken within the round, and the median of those ratios is the
// figure. Many short rounds give a steadier median than a few long ones on a noisy machine.
// Beside it, a 95 % interval for that median (the rounds resampled): one run then says whether
// the goal is met, rather than one lucky or unlucky median.
//   npm run bench                  (defaults: 60 rounds × 1 s per app, 3 s warm-up, 50 connections)
//   BENCH_ROUNDS=40 BENCH_SECONDS=2 BENCH_WARMUP=5 npm run bench
import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const rounds = Number(process.env.BENCH_ROUNDS ?? 60);
const GOAL = 0.8;
const seconds = Number(process.env.BENCH_SECONDS ?? 1);
const warmup = Number(process.env.BENCH_WARMUP ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const dir = mkdtempSync(join(tmpdir(), 'blackbox-bench-'));
const APPS = ['bare', 'instrumented', 'no-activity', 'pino-http'];

function nextMessage(child, key) {
  return new Promise((resolve, reject) => {
    child.on('message', (message) => key in message && resolve(message[key]));
    child.once('exit', (code) => reject(new Error(`bench app exited with ${code}`)));
  });
}

/** Starts an app and warms it up: JIT, the SQLite writer thread and its prepared statements. */
async function start(mode) {
  const sqlite = join(dir, `${mode}.sqlite`);
  const log = join(dir, `${mode}.log`);
  const child = fork('bench/bench-app.mjs', [mode, sqlite, join(dir, 'fallback.jsonl'), log]);
  const port = await nextMessage(child, 'port');
  const url = `http://127.0.0.1:${port}/ok`;
  await autocannon({ url, connections, duration: warmup });
  return { mode, child, url, runs: [] };
}

async function burst(app) {
  const result = await autocannon({ url: app.url, connections, duration: seconds });
  app.runs.push({ rps: result.requests.average, errors: result.errors + result.non2xx });
}

async function stop(app) {
  const stats = nextMessage(app.child, 'stats');
  app.child.send('stop');
  return stats;
}

const apps = {};
for (const mode of APPS) apps[mode] = await start(mode);
for (let round = 0; round < rounds; round++) {
  // Rotating the order spreads the machine's drift evenly over the apps.
  for (let i = 0; i < APPS.length; i++) await burst(apps[APPS[(i + round) % APPS.length]]);
  const line = APPS.map((mode) => `${mode} ${apps[mode].runs[round].rps.toFixed(0)}`).join(', ');
  console.log(
    `round ${round + 1}: ${line} req/s (ratio ${ratio('instrumented', round).toFixed(3)})`,
  );
}
const stats = await stop(apps.instrumented);
await Promise.all(['bare', 'no-activity', 'pino-http'].map((mode) => stop(apps[mode])));
// The SQLite file and pino's log reach some 100 MB in a run: nothing in them is kept.
rmSync(dir, { recursive: true, force: true });

function ratio(mode, round) {
  return apps[mode].runs[round].rps / apps.bare.runs[round].rps;
}
const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  return sorted[low] + (sorted[Math.ceil(at)] - sorted[low]) * (at - low);
};
const median = (values) => quantile(values, 0.5);
const medianRps = (mode) => median(apps[mode].runs.map((run) => run.rps));
const ratios = (mode) => apps[mode].runs.map((_, round) => ratio(mode, round));
const added = (mode) => (1 / medianRps(mode) - 1 / medianRps('bare')) * 1e6;
/**
 * A 95 % percentile-bootstrap interval for the median of `values`: the rounds drawn again with
 * replacement, 2,000 times, from a fixed seed (the same rounds give the same interval).
 */
function medianInterval(values) {
  let seed = 0x2545f491;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const medians = Array.from({ length: 2000 }, () =>
    median(values.map(() => values[Math.floor(random() * values.length)])),
  );
  return [quantile(medians, 0.025), quantile(medians, 0.975)];
}
const summary = (mode, label) => {
  const spread = ratios(mode);
  const [low, high] = medianInterval(spread);
  return `  ${label.padEnd(30)} ${medianRps(mode).toFixed(0).padStart(6)} req/s  ratio ${median(spread).toFixed(3)} (95 % interval ${low.toFixed(3)}–${high.toFixed(3)}), ${added(mode).toFixed(1)} µs added per request`;
};
const verdict = () => {
  const [low, high] = medianInterval(ratios('instrumented'));
  if (low >= GOAL) return `at or above ${GOAL} with activity logging on (the whole interval)`;
  if (high < GOAL) return `below ${GOAL} with activity logging on (the whole interval)`;
  return `not settled by this run: the interval spans ${GOAL}`;
};
const { stored, spilled, dropped } = stats;
console.log(`
express GET /ok, ${connections} connections, ${rounds} rounds × ${seconds} s per app after ${warmup} s of warm-up, app and load in separate processes
  ${'bare Express'.padEnd(30)} ${medianRps('bare').toFixed(0).padStart(6)} req/s
${summary('instrumented', 'activity logging to SQLite')}
${summary('no-activity', 'activity logging off')}
${summary('pino-http', 'pino-http to a file instead')}
  (ratio: median of the rounds' ratios to bare; req/s: median over rounds)
  goal: ${verdict()}
  instrumented app: ${stored.activities} activities stored, spilled ${JSON.stringify(spilled)}, dropped ${JSON.stringify(dropped)}`);
if (
  Object.values(apps)
    .flatMap((app) => app.runs)
    .some((run) => run.errors > 0)
) {
  console.error('some requests failed during the benchmark');
  process.exitCode = 1;
}
