import { describe, expect, it } from 'vitest';
import type { QueuedActivity } from '../../core/activity/captured-headers.js';
import { createRedaction } from '../../core/redact/index.js';
import type { ActivityRecord } from '../../core/store/records.js';
import { PACKED_WIDTH, packActivities, unpackActivities } from './activity-hand-over.js';

const redaction = createRedaction({ enabled: true, mask: '[REDACTED]' });

/** A record as the recorder queues it: headers as the request left them. */
function captured(
  n: number,
  response: { response?: string | Record<string, string | string[] | number> },
): QueuedActivity {
  return {
    ...record(n),
    captured: {
      redaction,
      request: { 'content-type': 'application/json', cookie: 'sid=secret', 'x-n': String(n) },
      ...response,
    },
  };
}

function record(n: number): ActivityRecord {
  return {
    createdAt: 1_700_000_000_000 + n,
    method: 'PATCH',
    path: `/items/${n}`,
    fullPath: `/items/${n}?token=[REDACTED]`,
    route: '/items/:id',
    handler: 'updateItem',
    httpStatus: 200 + n,
    aborted: n % 2 === 1,
    responseTimeMs: 1.5 + n,
    requestId: `req-${n}`,
    incidentId: n === 1 ? 'INCIDENT-0007' : null,
    userId: `user-${n}`,
    isAuthenticated: true,
    ipAddress: '203.0.113.9',
    userAgent: 'curl/8',
    objectType: 'Item',
    objectId: String(n),
    requestHeaders: { 'content-type': 'application/json', cookie: '[REDACTED]' },
    requestBody: '{"name":"pen"}',
    responseHeaders: { 'x-request-id': `req-${n}` },
    responseBody: null,
    action: 'UPDATE',
    customAction: 'rename',
    customPayload: { reason: ['typo', n] },
    instanceBefore: { name: 'pn' },
    instanceAfter: { name: 'pen' },
    instanceDiff: { name: ['pn', 'pen'] },
    extra: n,
  };
}

describe('handing activity batches to the writer thread', () => {
  it('gives back every field of every record, in order, after a structured clone', () => {
    const records = [record(0), record(1), record(2)];
    const received = unpackActivities(structuredClone(packActivities(records)));
    expect(received).toStrictEqual(records);
  });

  it('carries values only: one per field and record, and whether its headers are captured', () => {
    const fields = Object.keys(record(0));
    expect(PACKED_WIDTH).toBe(fields.length + 1);
    const { values } = packActivities([record(0), record(1)]);
    expect(values).toHaveLength(2 * (fields.length + 1));
    expect(values.filter((value) => fields.includes(value as string))).toEqual([]);
  });

  it('redacts captured headers on the other side: a sent header block, or a header object', () => {
    const head =
      'HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nContent-Type: text/plain\r\n\r\n';
    const records = [
      captured(0, { response: head }),
      captured(1, { response: { 'X-Total': 3, 'set-cookie': ['c=3'] } }),
      captured(2, {}),
      record(3),
    ];
    const received = unpackActivities(structuredClone(packActivities(records)));
    const requestHeaders = (n: number) => ({
      'content-type': 'application/json',
      cookie: '[REDACTED]',
      'x-n': String(n),
    });
    expect(received.map((r) => [r.requestHeaders, r.responseHeaders])).toEqual([
      [requestHeaders(0), { 'set-cookie': '[REDACTED]', 'content-type': 'text/plain' }],
      [requestHeaders(1), { 'x-total': '3', 'set-cookie': '[REDACTED]' }],
      [requestHeaders(2), {}],
      [record(3).requestHeaders, record(3).responseHeaders],
    ]);
    expect(received.map((r) => r.requestId)).toEqual(['req-0', 'req-1', 'req-2', 'req-3']);
  });

  it('settles a record of another redaction before packing (one redaction goes with a batch)', () => {
    const other = createRedaction({ enabled: true, mask: '***' });
    const second = captured(1, {});
    second.captured = { ...second.captured!, redaction: other };
    const received = unpackActivities(structuredClone(packActivities([captured(0, {}), second])));
    expect(received.map((r) => r.requestHeaders.cookie)).toEqual(['[REDACTED]', '***']);
  });

  it('packs into a reused array: a smaller batch after a larger one leaves nothing behind', () => {
    const reused: unknown[] = [];
    packActivities([record(0), record(1), record(2)], reused);
    const { values } = packActivities([record(3)], reused);
    expect(values).toBe(reused);
    expect(unpackActivities(structuredClone({ values, redaction: undefined }))).toStrictEqual([
      record(3),
    ]);
  });

  it('packs an empty batch as an empty array', () => {
    expect(packActivities([])).toEqual({ values: [], redaction: undefined });
    expect(unpackActivities({ values: [], redaction: undefined })).toEqual([]);
  });
});
