import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const shipped = join(root, 'dist/cli/main.js');
// Inside node_modules so the bundle resolves dependencies as the shipped one does, and lint,
// Prettier and git all ignore it.
const privateDir = join(root, 'node_modules/.cache/http-blackbox-tests/cli');

/**
 * The built CLI to spawn: `dist/cli/main.js` when it is at least as new as every source file
 * (as after `npm test`, which builds first); otherwise a private build of the same entry, so a
 * stale dist never hides a change and a test never cleans the shared dist under a neighbour.
 *
 * @example
 * const cli = builtCli(); // in beforeAll
 */
export function builtCli(): string {
  if (existsSync(shipped) && statSync(shipped).mtimeMs >= newestSource(join(root, 'src'))) {
    return shipped;
  }
  const tsup = join(root, 'node_modules/.bin/tsup');
  const args = ['src/cli/main.ts', '--no-config', '--format', 'esm', '--target', 'node20'];
  execFileSync(tsup, [...args, '--out-dir', privateDir, '--silent'], { cwd: root, stdio: 'pipe' });
  return join(privateDir, 'main.js');
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs;
    newest = Math.max(newest, mtime);
  }
  return newest;
}

/**
 * Spawns `node <cli> …args` and resolves with its exit code and output (never rejects).
 *
 * @example
 * const { code, stdout } = await runCli(cli, ['replay', 'f.jsonl'], { cwd: dir });
 */
export function runCli(
  cli: string,
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, BLACKBOX_STORE: '', ...options.env };
  return new Promise((done) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { cwd: options.cwd, env },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}
