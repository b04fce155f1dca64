// Installs dependencies when they are missing or older than package-lock.json, so that
// `npm run demo` and `npm test` work on a fresh clone with nothing else typed.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const marker = 'node_modules/.package-lock.json';
const stale =
  !existsSync(marker) || statSync(marker).mtimeMs < statSync('package-lock.json').mtimeMs;
if (stale) {
  console.log('http-blackbox: installing dependencies (npm ci)…');
  execSync('npm ci --no-audit --no-fund', { stdio: 'inherit' });
}

// The contract suite also runs the NestJS example against NestJS 11, installed on its own.
const fixture = 'test/fixtures/nest11';
const fixtureMarker = `${fixture}/node_modules/.package-lock.json`;
if (
  existsSync(`${fixture}/package-lock.json`) &&
  (!existsSync(fixtureMarker) ||
    statSync(fixtureMarker).mtimeMs < statSync(`${fixture}/package-lock.json`).mtimeMs)
) {
  console.log('http-blackbox: installing the NestJS 11 test fixture (npm ci)…');
  execSync('npm ci --no-audit --no-fund', { cwd: fixture, stdio: 'inherit' });
}
