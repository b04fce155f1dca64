import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_STORE_URL, resolveStoreUrl } from '../../src/cli/store-option.js';
import { encodeEventLine } from '../../src/core/fallback/encode-event.js';
import { activityEvent, incidentEvent } from '../../src/core/fallback/test-events.js';
import { runInProcess } from './cli-harness.js';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'blackbox-cli-'));
  file = join(dir, 'fallback.jsonl');
  writeFileSync(
    file,
    [incidentEvent(), activityEvent()].map(encodeEventLine).join('') + 'torn{"v"',
  );
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('blackbox replay (in process)', () => {
  it('applies a file to the store and prints the summary', async () => {
    const { code, stdout, stderr } = await runInProcess(['replay', file, '--store', 'memory:']);
    expect(stdout).toBe('applied 2, skipped 0 (already applied), unreadable 1 lines\n');
    expect(stderr).toBe('line 3: incomplete last line (a torn write)\n');
    expect(code).toBe(0);
  });

  it('reads the store from BLACKBOX_STORE when --store is absent', async () => {
    const { code } = await runInProcess(['replay', file], { BLACKBOX_STORE: 'memory:' });
    expect(code).toBe(0);
  });

  it.each([
    [['replay'], /missing required argument 'file'/],
    [['replay', 'f', '--batch', 'ten'], /--batch <n>.*'ten' is invalid/],
    [['replay', 'f', '--batch', '0'], /whole number of 1 or more/],
    [['replay', 'f', '--dedup-window', '-5'], /number of seconds/],
    [['replay', 'f', 'g'], /too many arguments/],
    [['replay', 'f', '--nope'], /unknown option '--nope'/],
    [['unknown-command'], /unknown command/],
    [[], /Usage: blackbox/],
  ])('exits 2 for the usage error in %j', async (args, message) => {
    const { code, stderr } = await runInProcess(args);
    expect(stderr).toMatch(message);
    expect(code).toBe(2);
  });

  it('exits 2 naming FILE when it cannot be read', async () => {
    const missing = join(dir, 'missing.jsonl');
    const { code, stderr } = await runInProcess(['replay', missing, '--store', 'memory:']);
    expect(stderr).toBe(`blackbox replay: cannot read FILE ${missing}: no such file\n`);
    expect(code).toBe(2);
    expect((await runInProcess(['replay', dir, '--store', 'memory:'])).stderr).toMatch(
      /is a directory/,
    );
  });

  it('exits 2 for a malformed store URL', async () => {
    const { code, stderr } = await runInProcess(['replay', file, '--store', 'nonsense']);
    expect(stderr).toMatch(/^blackbox replay: store: expected/);
    expect(code).toBe(2);
  });

  it('prints help and exits 0', async () => {
    const top = await runInProcess(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/replay \[options\] <file>/);
    const replay = await runInProcess(['replay', '--help']);
    expect(replay.code).toBe(0);
    expect(replay.stdout).toMatch(/--dedup-window <seconds>/);
  });
});

describe('resolveStoreUrl', () => {
  it('prefers --store, then a non-empty BLACKBOX_STORE, then the default', () => {
    expect(resolveStoreUrl('memory:', { BLACKBOX_STORE: 'sqlite:x' })).toBe('memory:');
    expect(resolveStoreUrl(undefined, { BLACKBOX_STORE: 'sqlite:x' })).toBe('sqlite:x');
    expect(resolveStoreUrl(undefined, { BLACKBOX_STORE: ' ' })).toBe(DEFAULT_STORE_URL);
    expect(resolveStoreUrl(undefined, {})).toBe('sqlite:./blackbox.sqlite');
  });
});
