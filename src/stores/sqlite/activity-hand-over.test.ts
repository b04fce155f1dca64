import { describe, expect, it } from 'vitest';
import type { ActivityRecord } from '../../core/store/records.js';
import { PACKED_WIDTH, packActivities, unpackActivities } from './activity-hand-over.js';

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

  it('carries values only: one per field and record', () => {
    const fields = Object.keys(record(0));
    expect(PACKED_WIDTH).toBe(fields.length);
    const packed = packActivities([record(0), record(1)]);
    expect(packed).toHaveLength(2 * fields.length);
    expect(packed.filter((value) => fields.includes(value as string))).toEqual([]);
  });

  it('packs an empty batch as an empty array', () => {
    expect(packActivities([])).toEqual([]);
    expect(unpackActivities([])).toEqual([]);
  });
});
