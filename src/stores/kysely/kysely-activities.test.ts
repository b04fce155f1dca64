import { describe, expect, it } from 'vitest';
import type { ActivityRecord } from '../../core/store/records.js';
import { sqliteStoreDialect } from '../sqlite/sqlite-dialect.js';
import { insertSizes } from './kysely-activities.js';
import { ACTIVITY_COLUMNS } from './kysely-columns.js';
import { writeActivityValues } from './kysely-rows.js';

describe('insertSizes', () => {
  it('uses full chunks, then powers of two for the rest', () => {
    expect(insertSizes(1137, 500)).toEqual([500, 500, 128, 8, 1]);
    expect(insertSizes(500, 500)).toEqual([500]);
    expect(insertSizes(499, 500)).toEqual([256, 128, 64, 32, 16, 2, 1]);
    expect(insertSizes(1, 500)).toEqual([1]);
    expect(insertSizes(0, 500)).toEqual([]);
  });

  it('always adds up to the number of rows, with few distinct sizes', () => {
    const seen = new Set<number>();
    for (let rows = 0; rows <= 2000; rows += 1) {
      const sizes = insertSizes(rows, 500);
      expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(rows);
      for (const size of sizes) seen.add(size);
    }
    expect(seen.size).toBeLessThanOrEqual(10);
  });
});

describe('writeActivityValues', () => {
  const record: ActivityRecord = {
    createdAt: Date.UTC(2024, 4, 1, 12),
    method: 'PATCH',
    path: '/items/7',
    fullPath: '/items/7?x=1',
    route: '/items/:id',
    handler: 'update',
    httpStatus: 200,
    aborted: false,
    responseTimeMs: 1.5,
    requestId: 'req-1',
    incidentId: null,
    userId: 'u'.repeat(300),
    isAuthenticated: true,
    ipAddress: '127.0.0.1',
    userAgent: 'curl',
    objectType: 'Item',
    objectId: '7',
    requestHeaders: { host: 'x' },
    requestBody: '{"name":"a"}',
    responseHeaders: {},
    responseBody: null,
    action: 'UPDATE',
    customAction: null,
    customPayload: null,
    instanceBefore: { name: 'b' },
    instanceAfter: { name: 'a' },
    instanceDiff: { name: ['b', 'a'] },
    extra: null,
  };

  it('writes one value per column, in column order, from the given position', () => {
    const values = ['before'];
    expect(writeActivityValues(values, 1, record, sqliteStoreDialect)).toBe(
      1 + ACTIVITY_COLUMNS.length,
    );
    expect(values.shift()).toBe('before');
    const row = Object.fromEntries(ACTIVITY_COLUMNS.map(([name], i) => [name, values[i]]));
    expect(values).toHaveLength(ACTIVITY_COLUMNS.length);
    expect(row).toEqual({
      created_at: '2024-05-01T12:00:00.000Z',
      method: 'PATCH',
      path: '/items/7',
      full_path: '/items/7?x=1',
      route: '/items/:id',
      handler: 'update',
      http_status: 200,
      aborted: 0,
      response_time_ms: 1.5,
      request_id: 'req-1',
      incident_id: null,
      user_id: 'u'.repeat(191),
      is_authenticated: 1,
      ip_address: '127.0.0.1',
      user_agent: 'curl',
      object_type: 'Item',
      object_id: '7',
      request_headers: '{"host":"x"}',
      request_body: '{"name":"a"}',
      response_headers: '{}',
      response_body: null,
      action: 'UPDATE',
      custom_action: null,
      custom_payload: null,
      instance_before: '{"name":"b"}',
      instance_after: '{"name":"a"}',
      instance_diff: '{"name":["b","a"]}',
      extra: null,
    });
  });
});
