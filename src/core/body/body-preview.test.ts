import { describe, it, expect } from 'vitest';
import { createRedaction } from '../redact/redaction.js';
import { bodyPreview, type BodyPreviewOptions } from './body-preview.js';

const redaction = createRedaction({ enabled: true, mask: '[REDACTED]' });
const ALL_TYPES = [
  'application/json',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'text/plain',
];
const options = (overrides: Partial<BodyPreviewOptions> = {}): BodyPreviewOptions => ({
  maxBytes: 4096,
  contentTypes: ALL_TYPES,
  redaction,
  ...overrides,
});

describe('bodyPreview', () => {
  it('returns null for a body that was not read', () => {
    expect(bodyPreview(undefined, 'application/json', options())).toBeNull();
    expect(bodyPreview(null, 'application/json', options())).toBeNull();
  });

  it('returns null when the media type is missing or not allowed', () => {
    expect(bodyPreview({ a: 1 }, undefined, options())).toBeNull();
    expect(bodyPreview('x', 'text/html', options())).toBeNull();
    expect(
      bodyPreview('x', 'text/plain', options({ contentTypes: ['application/json'] })),
    ).toBeNull();
  });

  it('compares the media type without parameters or case', () => {
    expect(bodyPreview({ a: 1 }, 'Application/JSON; charset=utf-8', options())).toBe('{"a":1}');
  });

  it('allows +json types under application/json', () => {
    expect(bodyPreview({ token: 'x' }, 'application/vnd.api+json', options())).toBe(
      '{"token":"[REDACTED]"}',
    );
  });

  it('redacts parsed JSON at any depth and in top-level arrays', () => {
    expect(bodyPreview([{ user: { password: 'p' } }], 'application/json', options())).toBe(
      '[{"user":{"password":"[REDACTED]"}}]',
    );
  });

  it('parses and redacts a JSON string body', () => {
    expect(bodyPreview('{"Password":"x","a":1}', 'application/json', options())).toBe(
      '{"Password":"[REDACTED]","a":1}',
    );
  });

  it('describes malformed JSON instead of storing it while redaction is on', () => {
    expect(bodyPreview('{"password":"x",', 'application/json', options())).toBe(
      '[unparseable JSON body: 16 bytes]',
    );
  });

  it('keeps malformed JSON text when redaction is off', () => {
    const off = createRedaction({ enabled: false, mask: '[REDACTED]' });
    expect(bodyPreview('{"password":"x",', 'application/json', options({ redaction: off }))).toBe(
      '{"password":"x",',
    );
  });

  it('redacts a urlencoded string body', () => {
    expect(bodyPreview('user=ann&password=x', 'application/x-www-form-urlencoded', options())).toBe(
      'user=ann&password=[REDACTED]',
    );
  });

  it('redacts a parsed urlencoded object, nested keys included', () => {
    expect(
      bodyPreview(
        { user: { password: 'x', name: 'a' } },
        'application/x-www-form-urlencoded',
        options(),
      ),
    ).toBe('{"user":{"password":"[REDACTED]","name":"a"}}');
  });

  it('stores multipart fields with files described and secrets masked', () => {
    const body = { password: 'x', title: 't', cv: new File(['SECRET-CONTENT'], 'cv.pdf') };
    const out = bodyPreview(body, 'multipart/form-data; boundary=abc', options());
    expect(out).toBe('{"password":"[REDACTED]","title":"t","cv":"[file: cv.pdf, 14 bytes]"}');
  });

  it('never stores a raw multipart string', () => {
    const raw = '--abc\r\nContent-Disposition: form-data; name="password"\r\n\r\nx\r\n--abc--';
    expect(bodyPreview(raw, 'multipart/form-data; boundary=abc', options())).toBe(
      `[unparsed multipart body: ${raw.length} bytes]`,
    );
  });

  it('describes binary bodies by size only', () => {
    const secret = Buffer.from('password=hunter2');
    expect(bodyPreview(secret, 'text/plain', options())).toBe('[binary body: 16 bytes]');
    expect(bodyPreview(new Uint8Array(3), 'application/json', options())).toBe(
      '[binary body: 3 bytes]',
    );
    expect(bodyPreview(new ArrayBuffer(7), 'application/json', options())).toBe(
      '[binary body: 7 bytes]',
    );
  });

  it('keeps plain text, and masks JSON sent as text/plain', () => {
    expect(bodyPreview('hello', 'text/plain', options())).toBe('hello');
    expect(bodyPreview('{"token":"x"}', 'text/plain', options())).toBe('{"token":"[REDACTED]"}');
  });

  it('masks secrets recognisable by value in text and form bodies', () => {
    expect(bodyPreview('card 4111-1111-1111-1111 please', 'text/plain', options())).toBe(
      'card [REDACTED] please',
    );
    expect(
      bodyPreview('note=4012888888881881&name=ann', 'application/x-www-form-urlencoded', options()),
    ).toBe('note=[REDACTED]&name=ann');
    expect(bodyPreview({ note: 'Bearer abc' }, 'application/json', options())).toBe(
      '{"note":"Bearer [REDACTED]"}',
    );
  });

  it('redacts before truncating, so a cut never shows part of a secret', () => {
    const body = { a: 'x'.repeat(10), password: 'SUPERSECRETVALUE' };
    const out = bodyPreview(body, 'application/json', options({ maxBytes: 30 }));
    expect(out).toBe('{"a":"xxxxxxxxxx","password":"…[truncated]');
    expect(out).not.toContain('SUPER');
  });

  it('truncates on a character boundary and marks the cut', () => {
    const out = bodyPreview('€€€€', 'text/plain', options({ maxBytes: 7 }));
    expect(out).toBe('€€…[truncated]');
  });

  it('does not mark a body that fits exactly', () => {
    expect(bodyPreview('abc', 'text/plain', options({ maxBytes: 3 }))).toBe('abc');
  });

  it('replaces NUL characters and lone surrogates', () => {
    expect(bodyPreview('a\u0000b\uD800', 'text/plain', options())).toBe('a\uFFFDb\uFFFD');
  });

  it('survives hostile and deep bodies', () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('x');
        },
      },
    );
    expect(bodyPreview(hostile, 'application/json', options())).toBe('"[Unreadable]"');
    let deep: unknown = 1;
    for (let i = 0; i < 50_000; i++) deep = { a: deep };
    expect(bodyPreview(deep, 'application/json', options())).toContain('[Truncated]');
  });

  it('bounds the work on a very wide body', () => {
    const wide = Array.from({ length: 1_000_000 }, (_, i) => ({ i, token: 't' }));
    const started = performance.now();
    const out = bodyPreview(wide, 'application/json', options({ maxBytes: 100_000 }));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(out).toContain('[Truncated: 999500 more items]');
    expect(out).not.toContain('"t"');
  });

  it('returns null when a body has no JSON form', () => {
    expect(bodyPreview(() => 1, 'application/json', options())).toBeNull();
  });
});
