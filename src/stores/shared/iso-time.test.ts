import { describe, expect, it } from 'vitest';
import { isoInstant } from './iso-time.js';

describe('isoInstant', () => {
  it('matches Date#toISOString across seconds, years and millisecond widths', () => {
    const samples = [0, 1, 9, 10, 99, 100, 999, 1000, 1001, 951_782_400_000, 253_402_300_799_999];
    for (let i = 0; i < 2000; i += 1) samples.push(Math.floor(Math.random() * 253_402_300_799_999));
    for (const ms of samples) expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
  });

  it('gives each instant of one second its own milliseconds', () => {
    const base = Date.UTC(2024, 4, 1, 12, 0, 0);
    expect([0, 7, 42, 999].map((ms) => isoInstant(base + ms))).toEqual([
      '2024-05-01T12:00:00.000Z',
      '2024-05-01T12:00:00.007Z',
      '2024-05-01T12:00:00.042Z',
      '2024-05-01T12:00:00.999Z',
    ]);
  });

  it('clamps to the range every dialect stores and truncates fractions', () => {
    expect(isoInstant(-5)).toBe('1970-01-01T00:00:00.000Z');
    expect(isoInstant(8.64e15)).toBe('9999-12-31T23:59:59.999Z');
    expect(isoInstant(1.9)).toBe('1970-01-01T00:00:00.001Z');
    expect(() => isoInstant(Number.NaN)).toThrow(/NaN/);
  });
});
