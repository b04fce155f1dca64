import fs from 'node:fs';
import {
  chmodSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createOnceLogger } from '../log/logger.js';
import type { ReplayEvent } from '../store/store.js';
import { createFallbackFile, newOpId, type FallbackWriteResult } from './fallback-file.js';
import { readFallbackEvents, type FallbackLine } from './read-fallback.js';
import { activityEvent, incidentEvent } from './test-events.js';

type Append = (
  file: ReturnType<typeof createFallbackFile>,
  events: ReplayEvent[],
) => Promise<FallbackWriteResult>;

const flavours: [string, Append][] = [
  ['append', (file, events) => file.append(events)],
  ['appendSync', (file, events) => Promise.resolve(file.appendSync(events))],
];

let dir: string;
let errors: string[];
let warnings: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'blackbox-fallback-'));
  errors = [];
  warnings = [];
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

function open(name = 'fallback.jsonl', sizes: { maxBytes?: number; maxFiles?: number } = {}) {
  const logger = createOnceLogger({ warn: (m) => warnings.push(m), error: (m) => errors.push(m) });
  const { maxBytes = 1024 * 1024, maxFiles = 3 } = sizes;
  return createFallbackFile({ path: join(dir, name), maxBytes, maxFiles, logger });
}

async function readAll(path: string): Promise<FallbackLine[]> {
  const lines: FallbackLine[] = [];
  for await (const line of readFallbackEvents(path)) lines.push(line);
  return lines;
}

const lineCount = (path: string) => readFileSync(path, 'utf8').split('\n').length - 1;
const posixOnly = process.platform === 'win32' ? it.skip : it;

describe.each(flavours)('%s', (_name, append) => {
  it('writes one JSON line per event and reads them back unchanged', async () => {
    const file = open();
    const events = [incidentEvent(), activityEvent()];
    expect(await append(file, events)).toEqual({ written: 2, dropped: 0 });
    const lines = await readAll(file.path);
    expect(lines.map((line) => ('event' in line ? line.event : line))).toEqual(events);
  });

  posixOnly('creates the file with mode 0600', async () => {
    const file = open();
    await append(file, [activityEvent()]);
    expect(statSync(file.path).mode & 0o777).toBe(0o600);
  });

  it('keeps records containing line breaks on one line', async () => {
    const file = open();
    const nasty =
      'a\nb\rc\u2028d\u2029e\u0085f\r\n{"v":1,"op_id":"forged","kind":"activity","record":{}}';
    const event = incidentEvent({ exceptionMessage: nasty, stacktrace: nasty });
    await append(file, [event, activityEvent({ requestBody: nasty })]);
    const text = readFileSync(file.path, 'utf8');
    expect(text.split('\n')).toHaveLength(3);
    expect(text).not.toMatch(/[\r\u2028\u2029\u0085]/);
    const [first] = await readAll(file.path);
    expect(first).toEqual({ event, lineNumber: 1 });
  });

  posixOnly('refuses a symlink planted at the path and reports it once', async () => {
    const target = join(dir, 'target.txt');
    writeFileSync(target, 'untouched\n');
    symlinkSync(target, join(dir, 'fallback.jsonl'));
    const file = open();
    const result = await append(file, [activityEvent(), activityEvent()]);
    await append(file, [activityEvent()]);
    expect(result).toEqual({ written: 0, dropped: 2, reason: 'write_failed' });
    expect(readFileSync(target, 'utf8')).toBe('untouched\n');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('symbolic link');
  });

  posixOnly('warns once when an existing file is readable by others', async () => {
    writeFileSync(join(dir, 'fallback.jsonl'), '', { mode: 0o644 });
    chmodSync(join(dir, 'fallback.jsonl'), 0o644);
    const file = open();
    for (let i = 0; i < 3; i += 1) await append(file, [activityEvent()]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('chmod 600');
  });

  it('creates nothing in a missing directory, drops and reports once', async () => {
    const file = open('missing/dir/fallback.jsonl');
    expect(await append(file, [activityEvent()])).toEqual({
      written: 0,
      dropped: 1,
      reason: 'write_failed',
    });
    await append(file, [activityEvent(), activityEvent()]);
    expect(fs.existsSync(join(dir, 'missing'))).toBe(false);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('directory does not exist');
  });

  it('rotates at maxBytes and keeps at most maxFiles generations, counting evictions', async () => {
    const lineBytes = Buffer.byteLength(JSON.stringify(activityEvent())) + 1;
    const file = open('fallback.jsonl', { maxBytes: lineBytes * 3, maxFiles: 2 });
    let evicted = 0;
    for (let i = 0; i < 20; i += 1) {
      const result = await append(file, [activityEvent()]);
      expect(result.written).toBe(1);
      evicted += result.evicted ?? 0;
    }
    const kept = [file.path, `${file.path}.1`, `${file.path}.2`];
    for (const path of kept) expect(statSync(path).size).toBeLessThanOrEqual(lineBytes * 3);
    expect(fs.existsSync(`${file.path}.3`)).toBe(false);
    expect(kept.reduce((sum, path) => sum + lineCount(path), 0) + evicted).toBe(20);
    expect(evicted).toBeGreaterThan(0);
    expect(errors.some((message) => message.includes('deleted the oldest'))).toBe(true);
  });

  it('drops with budget_exceeded what cannot fit even after rotation, keeping the rest', async () => {
    const file = open('fallback.jsonl', { maxBytes: 2048, maxFiles: 1 });
    const huge = activityEvent({ responseBody: 'x'.repeat(4096) });
    const result = await append(file, [activityEvent(), huge, activityEvent()]);
    expect(result).toEqual({ written: 2, dropped: 1, reason: 'budget_exceeded' });
    expect(lineCount(file.path)).toBe(2);
  });

  it('with maxFiles 0 never rotates and drops once the file is full', async () => {
    const lineBytes = Buffer.byteLength(JSON.stringify(activityEvent())) + 1;
    const file = open('fallback.jsonl', { maxBytes: lineBytes * 2, maxFiles: 0 });
    await append(file, [activityEvent(), activityEvent()]);
    const result = await append(file, [activityEvent()]);
    expect(result).toEqual({ written: 0, dropped: 1, reason: 'budget_exceeded' });
    expect(fs.existsSync(`${file.path}.1`)).toBe(false);
  });

  it('drops a record that cannot be serialised and writes the others', async () => {
    const file = open();
    const bad = activityEvent({ extra: { big: 1n } });
    const result = await append(file, [activityEvent(), bad]);
    expect(result).toEqual({ written: 1, dropped: 1, reason: 'write_failed' });
  });

  it('does not touch the disk for an empty batch', async () => {
    const file = open();
    expect(await append(file, [])).toEqual({ written: 0, dropped: 0 });
    expect(fs.existsSync(file.path)).toBe(false);
  });
});

describe('disk full', () => {
  const enospc = () =>
    Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });

  it('reports disk_full once, resumes when space returns, and reports a later outage again', async () => {
    const file = open();
    const spy = vi.spyOn(fs, 'writeSync').mockImplementation(() => {
      throw enospc();
    });
    expect(file.appendSync([activityEvent()])).toEqual({
      written: 0,
      dropped: 1,
      reason: 'disk_full',
    });
    file.appendSync([activityEvent()]);
    expect(errors).toHaveLength(1);
    spy.mockRestore();
    expect(file.appendSync([activityEvent()])).toEqual({ written: 1, dropped: 0 });
    vi.spyOn(fs, 'write').mockImplementation((...args: unknown[]) => {
      (args.at(-1) as (error: Error) => void)(enospc());
    });
    expect(await file.append([activityEvent()])).toMatchObject({ dropped: 1, reason: 'disk_full' });
    expect(errors).toHaveLength(2);
  });

  it('counts only complete lines after a short write; the next record survives the tear', async () => {
    const file = open();
    const events = [activityEvent(), activityEvent()];
    const real = fs.writeSync.bind(fs);
    vi.spyOn(fs, 'writeSync').mockImplementationOnce(((fd: number, data: Buffer) =>
      real(fd, data.subarray(0, data.length - 10))) as typeof fs.writeSync);
    expect(file.appendSync(events)).toEqual({ written: 1, dropped: 1, reason: 'disk_full' });
    const last = activityEvent();
    expect(file.appendSync([last])).toEqual({ written: 1, dropped: 0 });
    const lines = await readAll(file.path);
    expect(lines.map((line) => ('event' in line ? line.event : line))).toEqual([
      events[0],
      { error: 'torn line (a write cut short)', lineNumber: 2 },
      last,
    ]);
  });
});

describe('rotation failure', () => {
  it('keeps writing what fits when the generations cannot be rotated, and says why', () => {
    const lineBytes = Buffer.byteLength(JSON.stringify(activityEvent())) + 1;
    const file = open('fallback.jsonl', { maxBytes: lineBytes * 2, maxFiles: 3 });
    file.appendSync([activityEvent()]);
    const real = fs.openSync.bind(fs);
    vi.spyOn(fs, 'openSync').mockImplementation(((path: string, ...rest: [number, number]) => {
      if (String(path).endsWith('.lock')) {
        throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
      }
      return real(path, ...rest);
    }) as typeof fs.openSync);
    const result = file.appendSync([activityEvent(), activityEvent()]);
    expect(result).toEqual({ written: 1, dropped: 1, reason: 'budget_exceeded' });
    expect(errors.some((m) => m.includes('cannot rotate the fallback file'))).toBe(true);
    expect(fs.existsSync(`${file.path}.1`)).toBe(false);
  });
});

describe('newOpId', () => {
  it('returns a fresh random UUID each time', () => {
    const id = newOpId();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newOpId()).not.toBe(id);
  });
});

describe('options', () => {
  it('rejects a bad budget at creation, naming the option', () => {
    const logger = createOnceLogger(console);
    expect(() => createFallbackFile({ path: 'f', maxBytes: 0, maxFiles: 3, logger })).toThrow(
      /maxBytes/,
    );
    expect(() => createFallbackFile({ path: 'f', maxBytes: 10, maxFiles: -1, logger })).toThrow(
      /maxFiles/,
    );
  });
});
