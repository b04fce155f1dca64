import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeEventLine } from './encode-event.js';
import { parseFallbackLine } from './parse-event-line.js';
import { readFallbackEvents, type FallbackLine } from './read-fallback.js';
import { splitLines } from './split-lines.js';
import { activityEvent, incidentEvent } from './test-events.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'blackbox-read-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function read(content: string | Buffer): Promise<FallbackLine[]> {
  const path = join(dir, 'f.jsonl');
  writeFileSync(path, content);
  const lines: FallbackLine[] = [];
  for await (const line of readFallbackEvents(path)) lines.push(line);
  return lines;
}

const summary = (lines: FallbackLine[]) =>
  lines.map((line) =>
    'event' in line ? `${line.lineNumber}: event` : `${line.lineNumber}: ${line.error}`,
  );

describe('readFallbackEvents', () => {
  it('yields events with their line numbers and skips blank lines', async () => {
    const first = incidentEvent({ incidentId: 'INCIDENT-01JABCDEFGHJKMNPQRSTVWXYZ0' });
    const second = activityEvent();
    const lines = await read(`${encodeEventLine(first)}\n${encodeEventLine(second)}`);
    expect(lines).toEqual([
      { event: first, lineNumber: 1 },
      { event: second, lineNumber: 3 },
    ]);
  });

  it('reports a torn last line instead of throwing', async () => {
    const whole = encodeEventLine(activityEvent());
    const torn = encodeEventLine(activityEvent()).slice(0, 40);
    expect(summary(await read(whole + torn))).toEqual([
      '1: event',
      '2: incomplete last line (a torn write)',
    ]);
  });

  it('accepts a complete last event without its newline', async () => {
    const event = activityEvent();
    expect(await read(encodeEventLine(event).trimEnd())).toEqual([{ event, lineNumber: 1 }]);
  });

  it('reports garbage and unknown shapes line by line', async () => {
    const content = [
      'not json',
      '[1,2]',
      '{"v":2,"op_id":"a","kind":"activity","record":{}}',
      '{"v":1,"kind":"activity","record":{}}',
      '{"v":1,"op_id":"a","kind":"other","record":{}}',
      '{"v":1,"op_id":"a","kind":"activity","record":[]}',
      '',
    ].join('\n');
    expect(summary(await read(content))).toEqual([
      '1: not valid JSON (a torn or corrupted line)',
      '2: not an event object',
      '3: unsupported event version (v must be 1)',
      '4: op_id must be a non-empty string of at most 200 characters',
      '5: kind must be "incident" or "activity"',
      '6: record must be an object',
    ]);
  });

  it('reports a line that is not UTF-8', async () => {
    const bad = Buffer.concat([
      Buffer.from('{"v":1,"op_id":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('\n'),
    ]);
    expect(summary(await read(bad))).toEqual(['1: not valid UTF-8 (a corrupted line)']);
  });

  it('reads lines longer than a stream chunk', async () => {
    const event = activityEvent({ responseBody: 'é'.repeat(300_000) });
    expect(await read(encodeEventLine(event))).toEqual([{ event, lineNumber: 1 }]);
  });

  it('rejects only when the file itself cannot be read', async () => {
    const lines = readFallbackEvents(join(dir, 'missing.jsonl'));
    await expect(lines.next()).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('parseFallbackLine', () => {
  it('recovers the event appended after a torn line, even past nested look-alikes', () => {
    const nested = activityEvent({ customPayload: { v: 1, op_id: 'not-an-event' } });
    const torn = encodeEventLine(activityEvent({ customPayload: { v: 1, op_id: 'x' } })).slice(
      0,
      -30,
    );
    const parsed = parseFallbackLine(torn + encodeEventLine(nested).trimEnd());
    expect(parsed).toEqual([{ error: 'torn line (a write cut short)' }, { event: nested }]);
  });

  it('does not look for a second event in valid JSON of the wrong shape', () => {
    const text = `{"v":2,"x":${encodeEventLine(activityEvent()).trimEnd()}}`;
    expect(parseFallbackLine(text)).toEqual([{ error: 'unsupported event version (v must be 1)' }]);
  });
});

describe('splitLines', () => {
  it('splits on \\n only and drops the bytes of an over-long line', async () => {
    const chunks = Readable.from([
      Buffer.from('ab\rc\u2028d\nxxxxxx'),
      Buffer.from('xxxxxx\nok\n'),
    ]);
    const lines = [];
    for await (const line of splitLines(chunks, 9))
      lines.push({ ...line, bytes: line.bytes.toString() });
    expect(lines).toEqual([
      { bytes: 'ab\rc\u2028d', tooLong: false, terminated: true },
      { bytes: '', tooLong: true, terminated: true },
      { bytes: 'ok', tooLong: false, terminated: true },
    ]);
  });
});
