// Work per request, counted rather than timed: each bench app runs under valgrind's cachegrind
// (every thread, the SQLite writer included, on one simulated CPU), once with a short and once
// with a long series of requests; the difference divided by the extra requests is the cost of
// one warmed-up request, free of the machine's noise (a few percent run to run).
//   npm run bench:instructions          (needs valgrind: apt-get install -y valgrind)
import autocannon from 'autocannon';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SHORT = 1000;
const LONG = 4000;
const APPS = ['bare', 'no-activity', 'instrumented'];
const dir = mkdtempSync(join(tmpdir(), 'blackbox-instructions-'));

if (spawnSync('valgrind', ['--version']).error) {
  console.error('valgrind is not installed (apt-get install -y valgrind)');
  process.exit(2);
}

async function instructions(mode, requests) {
  const out = join(dir, `${mode}-${requests}.cachegrind`);
  const args = ['--tool=cachegrind', '--cache-sim=no', `--cachegrind-out-file=${out}`];
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
  const total = code === 0 ? /summary:\s*(\d+)/.exec(readFileSync(out, 'utf8'))?.[1] : undefined;
  if (total === undefined) throw new Error(`${mode} under valgrind exited with ${code}:\n${log}`);
  return Number(total);
}

const perRequest = {};
for (const mode of APPS) {
  const extra = (await instructions(mode, LONG)) - (await instructions(mode, SHORT));
  perRequest[mode] = extra / (LONG - SHORT);
  console.log(
    `${mode.padEnd(14)} ${(perRequest[mode] / 1e6).toFixed(3)} M instructions per request`,
  );
}
for (const mode of APPS.slice(1)) {
  const more = (perRequest[mode] / perRequest.bare - 1) * 100;
  console.log(`${mode}: +${more.toFixed(0)} % over bare Express`);
}
// The runs' SQLite files and cachegrind reports: nothing in them is kept.
rmSync(dir, { recursive: true, force: true });
