// Overhead of http-blackbox on Express: a bare app and an instrumented one (activity logging on,
// recording into a SQLite file) are measured alternately in ONE run, each in its own process,
// with the same load from this process, and reported as ratios — absolute numbers on a shared
// machine mean little.
//   npm run bench                       (defaults: 3 rounds × 5 s, 50 connections, GET /ok)
//   BENCH_ROUNDS=5 BENCH_SECONDS=10 npm run bench
import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const dir = mkdtempSync(join(tmpdir(), 'blackbox-bench-'));

function nextMessage(child, key) {
  return new Promise((resolve, reject) => {
    child.on('message', (message) => key in message && resolve(message[key]));
    child.once('exit', (code) => reject(new Error(`bench app exited with ${code}`)));
  });
}

async function measure(mode, round) {
  const sqlite = join(dir, `bench-${round}.sqlite`);
  const child = fork('bench/bench-app.mjs', [mode, sqlite, join(dir, 'fallback.jsonl')]);
  const port = await nextMessage(child, 'port');
  const url = `http://127.0.0.1:${port}/ok`;
  await autocannon({ url, connections, duration: 1 }); // warm-up
  const result = await autocannon({ url, connections, duration: seconds });
  const stats = nextMessage(child, 'stats');
  child.send('stop');
  return {
    rps: result.requests.average,
    errors: result.errors + result.non2xx,
    stats: await stats,
  };
}

const bare = [];
const instrumented = [];
for (let round = 1; round <= rounds; round++) {
  bare.push(await measure('bare', round));
  instrumented.push(await measure('instrumented', round));
  const [b, i] = [bare.at(-1), instrumented.at(-1)];
  console.log(
    `round ${round}: bare ${b.rps.toFixed(0)} req/s, instrumented ${i.rps.toFixed(0)} req/s (ratio ${(i.rps / b.rps).toFixed(3)})`,
  );
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const bareRps = median(bare.map((r) => r.rps));
const instrumentedRps = median(instrumented.map((r) => r.rps));
const addedMicros = (1 / instrumentedRps - 1 / bareRps) * 1e6;
const { stored, spilled, dropped } = instrumented.at(-1).stats;
console.log(`
express /ok, ${connections} connections, ${rounds} × ${seconds} s per app, app and load in separate processes
  bare          ${bareRps.toFixed(0)} req/s (median)
  instrumented  ${instrumentedRps.toFixed(0)} req/s (median), activity logging to SQLite
  ratio         ${(instrumentedRps / bareRps).toFixed(3)}
  added         ${addedMicros.toFixed(1)} µs of app time per request
  last run: ${stored.activities} activities stored, spilled ${JSON.stringify(spilled)}, dropped ${JSON.stringify(dropped)}`);
if ([...bare, ...instrumented].some((r) => r.errors > 0)) {
  console.error('some requests failed during the benchmark');
  process.exitCode = 1;
}
