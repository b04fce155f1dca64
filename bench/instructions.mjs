// Work per request, counted rather than timed: each bench app runs under valgrind's callgrind
// (every thread on one simulated CPU, counted per thread), once with a short and once with a
// long series of requests; the difference divided by the extra requests is the cost of one
// warmed-up request, free of the machine's noise.
//   npm run bench:instructions          (needs valgrind: apt-get install -y valgrind)
//   BENCH_APPS=bare,instrumented npm run bench:instructions
// Per thread, because the threads differ in how steady they are: the app's main thread (the
// bottleneck under load) moves by 2–4 % between runs of the same code, V8's helper threads
// (concurrent marking, compilation) by up to a third, which is what made one total for all
// threads useless for comparing two builds.
import autocannon from 'autocannon';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SHORT = 1000;
const LONG = 4000;
const APPS = (process.env.BENCH_APPS ?? 'bare,no-activity,instrumented').split(',');
const dir = mkdtempSync(join(tmpdir(), 'blackbox-instructions-'));

if (spawnSync('valgrind', ['--version']).error) {
  console.error('valgrind is not installed (apt-get install -y valgrind)');
  process.exit(2);
}

/** Instructions each thread ran, in the order the threads were created (the main thread first). */
async function instructionsByThread(mode, requests) {
  const out = `${mode}-${requests}.callgrind`;
  const args = [
    '--tool=callgrind',
    '--separate-threads=yes',
    '--dump-line=no',
    `--callgrind-out-file=${join(dir, out)}`,
  ];
  const app = [
    'bench/bench-app.mjs',
    mode,
    join(dir, `${mode}-${requests}.sqlite`),
    join(dir, 'fallback.jsonl'),
  ];
  const child = spawn('valgrind', [...args, process.execPath, ...app], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let log = ''; // valgrind's own report: shown only when something went wrong
  child.stderr.on('data', (chunk) => (log += chunk));
  const port = await new Promise((resolve) =>
    child.on('message', (m) => m.port && resolve(m.port)),
  );
  await autocannon({ url: `http://127.0.0.1:${port}/ok`, connections: 10, amount: requests });
  child.send('stop');
  const code = await new Promise((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`${mode} under valgrind exited with ${code}:\n${log}`);
  // One file per thread: <out>-01 (the main thread), <out>-02, …
  const threadNumber = (file) => Number(file.slice(out.length + 1));
  return readdirSync(dir)
    .filter((file) => file.startsWith(`${out}-`))
    .sort((a, b) => threadNumber(a) - threadNumber(b))
    .map((file) => Number(/^summary:\s*(\d+)/m.exec(readFileSync(join(dir, file), 'utf8'))?.[1]));
}

const thousands = (count) => `${(count / 1e3).toFixed(1)} k`.padStart(9);
const perRequest = {};
for (const mode of APPS) {
  const long = await instructionsByThread(mode, LONG);
  const short = await instructionsByThread(mode, SHORT);
  const threads = long.map((count, i) => (count - (short[i] ?? 0)) / (LONG - SHORT));
  const [main, ...others] = threads;
  // The SQLite writer starts after V8's and libuv's threads, with the first batch: the last one.
  const writer = mode === 'instrumented' ? others.pop() : 0;
  const helpers = others.reduce((sum, count) => sum + count, 0);
  perRequest[mode] = { main, writer, helpers };
  console.log(
    `${mode.padEnd(13)} main thread ${thousands(main)}, SQLite writer ${thousands(writer)}, ` +
      `V8 and libuv helpers ${thousands(helpers)} instructions a request`,
  );
}
const bare = perRequest.bare;
for (const mode of APPS.filter((name) => name !== 'bare' && bare)) {
  const more = (perRequest[mode].main / bare.main - 1) * 100;
  console.log(`${mode}: main thread +${more.toFixed(1)} % over bare Express`);
}
// The runs' SQLite files and callgrind reports: nothing in them is kept.
rmSync(dir, { recursive: true, force: true });
