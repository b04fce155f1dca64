// Overhead of http-blackbox on Express: a bare app and instrumented ones (activity logging on,
// recording into a SQLite file; and, for context, activity logging off) are measured alternately
// in ONE run, each in its own process, under the same load from this process, and reported as
// ratios — absolute numbers on a shared machine mean little, and they drift within a run too:
// every round measures each app once (in an order that rotates), the ratio is taken within the
// round, and the median of those ratios is the figure.
//   npm run bench                       (defaults: 8 rounds × 3 s per app, 50 connections, GET /ok)
//   BENCH_ROUNDS=12 BENCH_SECONDS=5 npm run bench
import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const rounds = Number(process.env.BENCH_ROUNDS ?? 8);
const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const dir = mkdtempSync(join(tmpdir(), 'blackbox-bench-'));
const APPS = ['bare', 'instrumented', 'no-activity'];

function nextMessage(child, key) {
  return new Promise((resolve, reject) => {
    child.on('message', (message) => key in message && resolve(message[key]));
    child.once('exit', (code) => reject(new Error(`bench app exited with ${code}`)));
  });
}

async function measure(mode, round) {
  const sqlite = join(dir, `${mode}-${round}.sqlite`);
  const child = fork('bench/bench-app.mjs', [mode, sqlite, join(dir, 'fallback.jsonl')]);
  const port = await nextMessage(child, 'port');
  const url = `http://127.0.0.1:${port}/ok`;
  await autocannon({ url, connections, duration: 1 }); // warm-up: JIT, SQLite pages, sockets
  const result = await autocannon({ url, connections, duration: seconds });
  const stats = nextMessage(child, 'stats');
  child.send('stop');
  return {
    rps: result.requests.average,
    errors: result.errors + result.non2xx,
    stats: await stats,
  };
}

const runs = Object.fromEntries(APPS.map((app) => [app, []]));
for (let round = 0; round < rounds; round++) {
  // Rotating the order spreads the machine's drift evenly over the apps.
  const order = APPS.map((_, i) => APPS[(i + round) % APPS.length]);
  for (const app of order) runs[app].push(await measure(app, round));
  const line = APPS.map((app) => `${app} ${runs[app][round].rps.toFixed(0)}`).join(', ');
  console.log(
    `round ${round + 1}: ${line} req/s (ratio ${ratio('instrumented', round).toFixed(3)})`,
  );
}

function ratio(app, round) {
  return runs[app][round].rps / runs.bare[round].rps;
}
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(middle)] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const medianRps = (app) => median(runs[app].map((run) => run.rps));
const ratios = (app) => runs[app].map((_, round) => ratio(app, round));
const added = (app) => (1 / medianRps(app) - 1 / medianRps('bare')) * 1e6;
const summary = (app, label) => {
  const spread = ratios(app);
  return `  ${label.padEnd(30)} ${medianRps(app).toFixed(0).padStart(6)} req/s  ratio ${median(spread).toFixed(3)} (rounds ${Math.min(...spread).toFixed(2)}–${Math.max(...spread).toFixed(2)}), ${added(app).toFixed(1)} µs added per request`;
};
const { stored, spilled, dropped } = runs.instrumented.at(-1).stats;
console.log(`
express GET /ok, ${connections} connections, ${rounds} rounds × ${seconds} s per app, app and load in separate processes
  ${'bare Express'.padEnd(30)} ${medianRps('bare').toFixed(0).padStart(6)} req/s
${summary('instrumented', 'activity logging to SQLite')}
${summary('no-activity', 'activity logging off')}
  (ratio: median of the rounds' ratios to bare; req/s: median over rounds)
  last instrumented run: ${stored.activities} activities stored, spilled ${JSON.stringify(spilled)}, dropped ${JSON.stringify(dropped)}`);
if (
  Object.values(runs)
    .flat()
    .some((run) => run.errors > 0)
) {
  console.error('some requests failed during the benchmark');
  process.exitCode = 1;
}
