import { describe, it, expect } from 'vitest';
import { flattenString, truncateUtf8 } from './truncate-utf8.js';

const bytes = (text: string): number => Buffer.byteLength(text);

describe('truncateUtf8', () => {
  it('keeps text that fits', () => {
    expect(truncateUtf8('abc', 3)).toEqual({ text: 'abc', truncated: false });
    expect(truncateUtf8('€€', 6)).toEqual({ text: '€€', truncated: false });
  });

  it('cuts ASCII at the byte limit', () => {
    expect(truncateUtf8('abcdef', 4)).toEqual({ text: 'abcd', truncated: true });
  });

  it('drops a 3-byte character that would straddle the limit', () => {
    // 'a€' is 1 + 3 bytes: limits 1, 2 and 3 all keep only 'a'.
    for (const limit of [1, 2, 3])
      expect(truncateUtf8('a€b', limit)).toEqual({ text: 'a', truncated: true });
    expect(truncateUtf8('a€b', 4)).toEqual({ text: 'a€', truncated: true });
  });

  it('never splits a surrogate pair', () => {
    const emoji = '😀'; // 4 bytes, 2 UTF-16 units
    expect(truncateUtf8(`x${emoji}`, 4)).toEqual({ text: 'x', truncated: true });
    expect(truncateUtf8(`x${emoji}y`, 5)).toEqual({ text: `x${emoji}`, truncated: true });
  });

  it('counts a lone surrogate as 3 bytes', () => {
    expect(truncateUtf8('a\uD800b', 3)).toEqual({ text: 'a', truncated: true });
    expect(truncateUtf8('a\uD800b', 4)).toEqual({ text: 'a\uD800', truncated: true });
  });

  it('treats a zero, negative or NaN limit as 0', () => {
    expect(truncateUtf8('abc', 0)).toEqual({ text: '', truncated: true });
    expect(truncateUtf8('abc', -5)).toEqual({ text: '', truncated: true });
    expect(truncateUtf8('abc', NaN)).toEqual({ text: '', truncated: true });
    expect(truncateUtf8('', 0)).toEqual({ text: '', truncated: false });
  });

  it('always yields a valid prefix within the limit', () => {
    const text = 'aé€😀'.repeat(50);
    for (let limit = 0; limit < 60; limit++) {
      const cut = truncateUtf8(text, limit);
      expect(bytes(cut.text)).toBeLessThanOrEqual(limit);
      expect(text.startsWith(cut.text)).toBe(true);
      expect(Buffer.from(cut.text).toString()).toBe(cut.text);
    }
  });

  it('handles a 5 MB string quickly by scanning only the kept prefix', () => {
    const big = 'x'.repeat(5 * 1024 * 1024);
    const started = performance.now();
    const cut = truncateUtf8(big, 1024);
    expect(cut.text.length).toBe(1024);
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('flattenString', () => {
  it('returns an equal string, lone surrogates included', () => {
    expect(flattenString('a\uD800😀é')).toBe('a\uD800😀é');
    expect(flattenString('')).toBe('');
  });
});
