import { describe, expect, it } from 'vitest';
import { createRedaction } from '../redact/index.js';
import type { ActivityRecord } from '../store/records.js';
import {
  SETTLES_CAPTURED_HEADERS,
  parseResponseHead,
  settleActivity,
  settlesCapturedHeaders,
  type QueuedActivity,
} from './captured-headers.js';

const redaction = createRedaction({ enabled: true, mask: '[REDACTED]' });

describe('parseResponseHead', () => {
  it('reads every header line of the block, names in lower case, repeats as a list', () => {
    const head =
      'HTTP/1.1 201 Created\r\nX-Request-ID: r-1\r\nSet-Cookie: a=1; HttpOnly\r\n' +
      'set-cookie: b=2\r\nContent-Length:  12 \r\nLink: <https://x.test/?a=b:c>\r\n\r\n';
    expect({ ...parseResponseHead(head) }).toStrictEqual({
      'x-request-id': 'r-1',
      'set-cookie': ['a=1; HttpOnly', 'b=2'],
      'content-length': '12',
      link: '<https://x.test/?a=b:c>',
    });
  });

  it('skips the status line and malformed lines, and keeps `__proto__` a plain name', () => {
    const head = 'HTTP/1.1 200 OK\r\nno colon here\r\n: empty name\r\n__proto__: x\r\n\r\n';
    const headers = parseResponseHead(head);
    expect(Object.keys(headers)).toEqual(['__proto__']);
    expect(headers['__proto__']).toBe('x');
  });

  it('gives no headers for a block without any, or an empty one', () => {
    expect(Object.keys(parseResponseHead('HTTP/1.1 204 No Content\r\n\r\n'))).toEqual([]);
    expect(Object.keys(parseResponseHead(''))).toEqual([]);
  });
});

describe('settleActivity', () => {
  const queued = (): QueuedActivity =>
    ({
      requestId: 'r-1',
      requestHeaders: {},
      responseHeaders: {},
      captured: {
        redaction,
        request: { authorization: 'Bearer t', accept: ['a/b', 'c/d'] },
        response: 'HTTP/1.1 200 OK\r\nSet-Cookie: sid=1\r\nETag: W/"1"\r\n\r\n',
      },
    }) as unknown as QueuedActivity;

  it('redacts the captured headers into the record and drops the captured copy', () => {
    const record = queued();
    expect(settleActivity(record)).toBe(record);
    expect('captured' in record).toBe(false);
    expect(record).toEqual({
      requestId: 'r-1',
      requestHeaders: { authorization: '[REDACTED]', accept: 'a/b, c/d' },
      responseHeaders: { 'set-cookie': '[REDACTED]', etag: 'W/"1"' },
    });
  });

  it('uses the header object when no block was sent, and settles only once', () => {
    const record = queued();
    record.captured = { redaction, request: {}, response: { 'Set-Cookie': ['a', 'b'] } };
    settleActivity(record);
    const settled = { ...record };
    settleActivity(record);
    expect(record).toStrictEqual(settled);
    expect(record.responseHeaders).toEqual({ 'set-cookie': '[REDACTED]' });
  });

  it('leaves a record that has nothing captured as it is', () => {
    const record = { requestHeaders: { a: '1' } } as unknown as ActivityRecord;
    expect(settleActivity(record)).toStrictEqual({ requestHeaders: { a: '1' } });
  });
});

describe('settlesCapturedHeaders', () => {
  it('is true only for a store marked as redacting captured headers itself', () => {
    expect(settlesCapturedHeaders({ [SETTLES_CAPTURED_HEADERS]: true })).toBe(true);
    expect(settlesCapturedHeaders({})).toBe(false);
  });
});
