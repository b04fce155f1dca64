import { describe, it, expect } from 'vitest';
import { acceptRequestId, REQUEST_ID_PATTERN } from './request-id.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('acceptRequestId', () => {
  it('keeps a valid UUID and a safe non-UUID value unchanged', () => {
    expect(acceptRequestId('3f2c8a1e-9b4d-4c6e-8f00-1a2b3c4d5e6f')).toBe(
      '3f2c8a1e-9b4d-4c6e-8f00-1a2b3c4d5e6f',
    );
    expect(acceptRequestId('abc-123_DEF.9:x')).toBe('abc-123_DEF.9:x');
  });

  it('generates a time-ordered (version 7) UUID when there is no inbound value', () => {
    expect(acceptRequestId(undefined)).toMatch(UUID);
  });

  it('generates different IDs each time', () => {
    expect(acceptRequestId(undefined)).not.toBe(acceptRequestId(undefined));
  });

  it('accepts 200 characters and replaces 201', () => {
    expect(acceptRequestId('a'.repeat(200))).toBe('a'.repeat(200));
    expect(acceptRequestId('a'.repeat(201))).toMatch(UUID);
    expect(acceptRequestId('a'.repeat(17 * 1024))).toMatch(UUID);
  });

  it('replaces CR/LF, even at the very end', () => {
    expect(acceptRequestId('a\r\nSet-Cookie: x=1')).toMatch(UUID);
    expect(acceptRequestId('abc\n')).toMatch(UUID);
    expect(acceptRequestId('a%0d%0aX: y')).toMatch(UUID);
  });

  it('replaces empty, whitespace and joined duplicate values', () => {
    for (const value of ['', ' ', 'a, a', ' abc']) expect(acceptRequestId(value)).toMatch(UUID);
  });

  it('replaces markup, quotes, control and non-ASCII characters', () => {
    for (const value of ['"><script>', 'a\tb', 'a;b', "a'b", 'Ã¼â\u009c\u0093', 'ü✓']) {
      expect(acceptRequestId(value)).toMatch(UUID);
    }
  });

  it('uses the first value of a list', () => {
    expect(acceptRequestId(['first', 'second'])).toBe('first');
    expect(acceptRequestId(['bad value', 'second'])).toMatch(UUID);
    expect(acceptRequestId([])).toMatch(UUID);
  });
});

describe('REQUEST_ID_PATTERN', () => {
  it('is not global, so test() has no memory between calls', () => {
    expect(REQUEST_ID_PATTERN.global).toBe(false);
    expect(REQUEST_ID_PATTERN.sticky).toBe(false);
  });
});
