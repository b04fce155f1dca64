import { describe, it, expect } from 'vitest';
import { toStorableText } from './storable-text.js';

describe('toStorableText', () => {
  it('replaces NUL characters', () => {
    expect(toStorableText('a\u0000b\u0000')).toBe('a\uFFFDb\uFFFD');
  });

  it('replaces lone surrogates and keeps valid pairs', () => {
    expect(toStorableText('\uD800x\uDC00😀')).toBe('\uFFFDx\uFFFD😀');
  });

  it('returns ordinary text unchanged', () => {
    expect(toStorableText('café € ok')).toBe('café € ok');
  });
});
