// Overhead of http-blackbox on Express: a bare app and an instrumented one (activity logging on,
// recording into a SQLite file) are measured alternately in ONE run, on this machine, with the
// same load, and reported as ratios — absolute numbers on a shared machine mean little.
//   npm run bench                       (defaults: 3 rounds × 3 s, 50 connections, GET /ok)
//   BENCH_ROUNDS=5 BENCH_SECONDS=5 npm run bench
import autocannon from 'autocannon';
import express from 'express';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blackbox, blackboxErrorHandler } from '../dist/adapters/express/index.js';

const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);

function bareApp() {
  const app = express();
  app.get('/ok', (_req, res) => res.json({ ok: true }));
  return { app, close: async () => {} };
}

function instrumentedApp() {
  const dir = mkdtempSync(join(tmpdir(), 'blackbox-bench-'));
  const recorder = blackbox({
    store: `sqlite:${join(dir, 'bench.sqlite')}`,
    fallbackFilePath: join(dir, 'fallback.jsonl'),
  });
  const app = express();
  app.use(recorder);
  app.get('/ok', (_req, res) => res.json({ ok: true }));
  app.use(blackboxErrorHandler());
  return { app, recorder: recorder.blackbox, close: () => recorder.blackbox.close() };
}

async function measure(make) {
  const { app, recorder, close } = make();
  await recorder?.ready();
  const server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${server.address().port}/ok`;
  await autocannon({ url, connections, duration: 1 }); // warm-up
  const result = await autocannon({ url, connections, duration: seconds });
  await close();
  const stats = recorder?.stats();
  await new Promise((resolve) => server.close(resolve));
  return {
    rps: result.requests.average,
    latencyMs: result.latency.average,
    errors: result.errors + result.non2xx,
    stats,
  };
}

const bare = [];
const instrumented = [];
for (let round = 1; round <= rounds; round++) {
  bare.push(await measure(bareApp));
  instrumented.push(await measure(instrumentedApp));
  const b = bare.at(-1);
  const i = instrumented.at(-1);
  console.log(
    `round ${round}: bare ${b.rps.toFixed(0)} req/s, instrumented ${i.rps.toFixed(0)} req/s (ratio ${(i.rps / b.rps).toFixed(3)})`,
  );
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const bareRps = median(bare.map((r) => r.rps));
const instrumentedRps = median(instrumented.map((r) => r.rps));
const addedMicros = (1 / instrumentedRps - 1 / bareRps) * connections * 1e6;
const last = instrumented.at(-1).stats;
console.log(`
express /ok, ${connections} connections, ${rounds} × ${seconds} s each, activity logging to SQLite
  bare          ${bareRps.toFixed(0)} req/s (median)
  instrumented  ${instrumentedRps.toFixed(0)} req/s (median)
  ratio         ${(instrumentedRps / bareRps).toFixed(3)}
  added         ${addedMicros.toFixed(0)} µs per request (at ${connections} concurrent connections)
  last run: ${last.stored.activities} activities stored, spilled ${JSON.stringify(last.spilled)}, dropped ${JSON.stringify(last.dropped)}`);
if (instrumented.some((r) => r.errors > 0) || bare.some((r) => r.errors > 0)) {
  console.error('some requests failed during the benchmark');
  process.exitCode = 1;
}
