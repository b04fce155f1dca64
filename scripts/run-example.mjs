// Builds the examples with tsc (so NestJS decorator metadata works) and starts one of them:
//   npm run example -- <name>     (express, express4, …)
//   npm run demo                  (express on the embedded SQLite store, with hints)
import { execSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const [name = 'express', ...flags] = process.argv.slice(2);
const entries = {
  express: 'express/main.js',
  express4: 'express/main-express4.js',
  fastify: 'fastify/main.js',
  fastify4: 'fastify/main-fastify4.js',
  koa: 'koa/main.js',
  koa2: 'koa/main-koa2.js',
  nestjs: 'nestjs/main.js',
  'nestjs-fastify': 'nestjs/main-fastify.js',
  hono: 'hono/main.js',
  node: 'node/main.js',
  fetch: 'fetch/main.js',
};
const entry = entries[name];
if (!entry) {
  console.error(`unknown example "${name}"; choose one of: ${Object.keys(entries).join(', ')}`);
  process.exit(2);
}
execSync('npx tsc -p examples/tsconfig.json', { stdio: 'inherit' });
const file = `examples/dist/${entry}`;
if (!existsSync(file)) throw new Error(`build did not produce ${file}`);

const child = spawn(process.execPath, [file], { stdio: ['inherit', 'pipe', 'inherit'] });
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  const url = /listening on (http:\/\/\S+)/.exec(String(chunk))?.[1];
  if (url && flags.includes('--demo')) printDemoHints(url);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));

function printDemoHints(url) {
  console.log(`
http-blackbox demo: an Express app recording into ./blackbox.sqlite
  curl -i ${url}/boom                      # a server error: see X-Incident-ID and the JSON body
  curl -i ${url}/boom/12345                # same fingerprint as /boom/67890: one incident, two occurrences
  curl -i ${url}/bad-gateway               # a returned 502 keeps its body and gains the IDs
  curl -i -H 'Accept: text/html' ${url}/boom   # the HTML error page
Stop with Ctrl+C (pending records are flushed first).`);
}
