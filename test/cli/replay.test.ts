import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeEventLine } from '../../src/core/fallback/encode-event.js';
import { activityEvent, incidentEvent } from '../../src/core/fallback/test-events.js';
import { openStore } from '../../src/stores/open-store.js';
import { builtCli, runCli } from './cli-binary.js';

const ULID_ID = 'INCIDENT-01JABCDEFGHJKMNPQRSTVWXYZ8';
let cli: string;
let dir: string;

beforeAll(() => {
  cli = builtCli();
  dir = mkdtempSync(join(tmpdir(), 'blackbox-cli-e2e-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const replay = (...args: string[]) => runCli(cli, ['replay', ...args], { cwd: dir });

function writeFallback(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, lines.join(''));
  return path;
}

describe('blackbox replay (built CLI, SQLite file)', () => {
  it('applies incidents and activities, then applies nothing the second time', async () => {
    const events = [
      incidentEvent({ incidentId: 'INCIDENT-0042', fingerprint: 'Error:a:/a' }),
      incidentEvent({ incidentId: ULID_ID, fingerprint: 'Error:b:/b', path: '/b' }),
      activityEvent({ requestId: 'req-a', incidentId: 'INCIDENT-0042' }),
      activityEvent({ requestId: 'req-b' }),
    ];
    const file = writeFallback('fallback.jsonl', events.map(encodeEventLine));
    const first = await replay(file, '--store', 'sqlite:./e2e.sqlite');
    expect(first).toEqual({
      code: 0,
      stdout: 'applied 4, skipped 0 (already applied), unreadable 0 lines\n',
      stderr: '',
    });
    const second = await replay(file, '--store', 'sqlite:./e2e.sqlite', '--batch', '1');
    expect(second.stdout).toBe('applied 0, skipped 4 (already applied), unreadable 0 lines\n');
    expect(second.code).toBe(0);

    const store = openStore(`sqlite:${join(dir, 'e2e.sqlite')}`);
    await store.open();
    try {
      expect((await store.getIncident('INCIDENT-0042'))?.fingerprint).toBe('Error:a:/a');
      expect((await store.getIncident(ULID_ID))?.incidentId).toBe(ULID_ID);
      const activities = await store.listActivities({});
      expect(activities.results.map((a) => a.requestId).sort()).toEqual(['req-a', 'req-b']);
    } finally {
      await store.close();
    }
  });

  it('takes the store from BLACKBOX_STORE and counts a torn last line', async () => {
    const torn = encodeEventLine(activityEvent()).slice(0, 50);
    const file = writeFallback('torn.jsonl', [encodeEventLine(activityEvent()), torn]);
    const result = await runCli(cli, ['replay', file], {
      cwd: dir,
      env: { BLACKBOX_STORE: 'sqlite:./env.sqlite' },
    });
    expect(result.stdout).toBe('applied 1, skipped 0 (already applied), unreadable 1 lines\n');
    expect(result.stderr).toBe('line 2: incomplete last line (a torn write)\n');
    expect(result.code).toBe(0);
  });

  it('exits 2 when FILE is missing, naming it', async () => {
    const result = await replay('no-such-file.jsonl', '--store', 'sqlite:./e2e.sqlite');
    expect(result.stderr).toBe(
      'blackbox replay: cannot read FILE no-such-file.jsonl: no such file\n',
    );
    expect(result.code).toBe(2);
    expect((await replay()).code).toBe(2);
  });

  it('exits 1 with one line and no stack when the store cannot be opened', async () => {
    const file = writeFallback('one.jsonl', [encodeEventLine(activityEvent())]);
    const result = await replay(file, '--store', 'sqlite:/nonexistent-dir/x.sqlite');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^blackbox replay: cannot open the store: .*nonexistent-dir.*\n$/,
    );
    expect(result.stderr.split('\n')).toHaveLength(2);
    expect(result.stderr).not.toMatch(/\bat .*:\d+:\d+/);
  });

  it('prints names and messages without terminal escape sequences', async () => {
    const name = 'evil\u001b]0;pwned\u0007\u001b[2J\u001b[31m.jsonl';
    const missing = await replay(name, '--store', 'sqlite:./e2e.sqlite');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('blackbox replay: cannot read FILE evil.jsonl: no such file\n');

    const file = writeFallback('plain.jsonl', [encodeEventLine(activityEvent())]);
    const store = 'sqlite:/nonexistent-dir/\u001b[31mred\u001b[0m\r.sqlite';
    const failed = await replay(file, '--store', store);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('/nonexistent-dir/red.sqlite');
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    expect(failed.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it('applies the good events around one the store rejects, and exits 1 listing it', async () => {
    const bad = '{"v":1,"op_id":"bad-\\u001b[31m","kind":"incident","record":{}}\n';
    const lines = [encodeEventLine(activityEvent()), bad, encodeEventLine(activityEvent())];
    const file = writeFallback('bad-record.jsonl', lines);
    const result = await replay(file, '--store', 'sqlite:./rejects.sqlite');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^applied \d, skipped \d \(already applied\), unreadable 0 lines\n$/,
    );
    expect(result.stderr).toMatch(/^line 2 \(op_id bad-\): rejected by the store: /m);
    expect(result.stderr).toMatch(/1 events were rejected by the store/);
    const again = await replay(file, '--store', 'sqlite:./rejects.sqlite', '--batch', '1');
    expect(again.stdout).toBe('applied 0, skipped 2 (already applied), unreadable 0 lines\n');
  });

  it('answers --help for the program and the command', async () => {
    const top = await runCli(cli, ['--help'], { cwd: dir });
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('replay [options] <file>');
    const command = await replay('--help');
    expect(command.code).toBe(0);
    expect(command.stdout).toContain('Usage: blackbox replay [options] <file>');
  });
});
