import { describe, expect, it } from 'vitest';
import { timeOrderedUuid } from './time-ordered-id.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('timeOrderedUuid', () => {
  it('is a version 7 UUID with the RFC 9562 variant', () => {
    for (let i = 0; i < 100; i += 1) expect(timeOrderedUuid()).toMatch(UUID_V7);
  });

  it('starts with the Unix time in milliseconds', () => {
    const at = Date.UTC(2024, 0, 1, 12, 30, 45, 678);
    const id = timeOrderedUuid(at);
    expect(Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(at);
  });

  it('sorts by time as text', () => {
    const times = [0, 1, 255, 256, 1_700_000_000_000, 1_700_000_000_001, 2 ** 48 - 1];
    const ids = times.map((at) => timeOrderedUuid(at));
    expect([...ids].sort()).toEqual(ids);
  });

  it('differs between IDs made in the same millisecond', () => {
    const at = Date.now();
    const ids = new Set(Array.from({ length: 1000 }, () => timeOrderedUuid(at)));
    expect(ids.size).toBe(1000);
  });

  it('clamps times outside the 48-bit range instead of making a malformed ID', () => {
    expect(timeOrderedUuid(-5)).toMatch(/^00000000-0000-7/);
    expect(timeOrderedUuid(2 ** 50)).toMatch(/^ffffffff-ffff-7/);
    expect(timeOrderedUuid(2 ** 50)).toMatch(UUID_V7);
  });
});
