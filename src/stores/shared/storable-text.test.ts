import { describe, expect, it } from 'vitest';
import { storableText, withStorableText } from './storable-text.js';

describe('storableText', () => {
  it('replaces every NUL with U+FFFD', () => {
    expect(storableText('\u0000a\u0000\u0000b')).toBe('\uFFFDa\uFFFD\uFFFDb');
  });

  it('returns text without NUL as it is', () => {
    const text = 'plain é ✓ \ud83d\ude00';
    expect(storableText(text)).toBe(text);
  });
});

describe('withStorableText', () => {
  it('cleans the string fields of a copy and leaves the rest alone', () => {
    const nested = { inner: 'x\u0000' };
    const row = { a: 'a\u0000', n: 7, nothing: null, nested };
    expect(withStorableText(row)).toEqual({ a: 'a\uFFFD', n: 7, nothing: null, nested });
    expect(row.a).toBe('a\u0000');
  });
});
