import { describe, expect, it } from 'vitest';
import { createOnceLogger } from '../log/logger.js';
import { formatNumber, IncidentIdAllocator } from './incident-ids.js';

const silent = createOnceLogger({ warn: () => {}, error: () => {} });

function allocator(reserve: (count: number) => Promise<number>, blockSize = 4) {
  return new IncidentIdAllocator({
    prefix: 'INCIDENT-',
    format: 'counter',
    blockSize,
    reserve,
    logger: silent,
  });
}

describe('IncidentIdAllocator', () => {
  it('hands out numbers from reserved blocks and refills before running out', async () => {
    let next = 1;
    const calls: number[] = [];
    const ids = allocator(async (count) => {
      calls.push(count);
      const first = next;
      next += count;
      return first;
    });
    await ids.refill();
    const issued = Array.from({ length: 10 }, () => ids.issue());
    await ids.refill();
    expect(issued.slice(0, 4)).toEqual([
      'INCIDENT-0001',
      'INCIDENT-0002',
      'INCIDENT-0003',
      'INCIDENT-0004',
    ]);
    expect(new Set(issued).size).toBe(10);
    expect(calls.every((count) => count === 4)).toBe(true);
  });

  it('issues outage-namespace ULIDs while no block is available', () => {
    const ids = allocator(() => Promise.reject(new Error('down')));
    expect(ids.issue()).toMatch(/^INCIDENT-[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it('grows past four digits', async () => {
    const ids = allocator(async () => 9999, 3);
    await ids.refill();
    expect([ids.issue(), ids.issue(), ids.issue()]).toEqual([
      'INCIDENT-9999',
      'INCIDENT-10000',
      'INCIDENT-10001',
    ]);
    expect(formatNumber(42)).toBe('0042');
  });

  it('falls back to a ULID when the user generator throws', () => {
    const ids = new IncidentIdAllocator({
      prefix: 'ERR-',
      format: () => {
        throw new Error('nope');
      },
      blockSize: 1,
      reserve: async () => 1,
      logger: silent,
    });
    expect(ids.issue()).toMatch(/^ERR-[0-9A-Z]{26}$/);
  });

  it('uses the user generator and the ulid format as given', () => {
    const custom = new IncidentIdAllocator({
      prefix: '',
      format: () => 'custom-1',
      blockSize: 1,
      reserve: async () => 1,
      logger: silent,
    });
    expect(custom.issue()).toBe('custom-1');
    const ulids = new IncidentIdAllocator({
      prefix: 'X-',
      format: 'ulid',
      blockSize: 1,
      reserve: async () => 1,
      logger: silent,
    });
    expect(ulids.issue()).toMatch(/^X-[0-9A-Z]{26}$/);
  });
});
