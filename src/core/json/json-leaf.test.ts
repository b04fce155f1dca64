import { describe, it, expect } from 'vitest';
import { binaryLength, NOT_A_LEAF, toJsonLeaf } from './json-leaf.js';

describe('toJsonLeaf', () => {
  it('turns a Date into its ISO string and an invalid Date into null', () => {
    expect(toJsonLeaf(new Date(Date.UTC(2024, 0, 2, 3, 4, 5)))).toBe('2024-01-02T03:04:05.000Z');
    expect(toJsonLeaf(new Date('nope'))).toBeNull();
  });

  it('describes binary data by size, never by content', () => {
    expect(toJsonLeaf(Buffer.from('secret'))).toBe('[binary 6 bytes]');
    expect(toJsonLeaf(new ArrayBuffer(3))).toBe('[binary 3 bytes]');
  });

  it('uses toString() for decimal classes', () => {
    class Decimal {
      constructor(private readonly digits: string) {}
      toString(): string {
        return this.digits;
      }
    }
    class BigNumber extends Decimal {}
    expect(toJsonLeaf(new Decimal('12.50'))).toBe('12.50');
    expect(toJsonLeaf(new BigNumber('1e+30'))).toBe('1e+30');
  });

  it('marks a decimal whose toString returns a non-string as unreadable', () => {
    class Big {
      toString(): unknown {
        return 5;
      }
    }
    expect(toJsonLeaf(new Big())).toBe('[Unreadable]');
  });

  it('returns NOT_A_LEAF for containers', () => {
    expect(toJsonLeaf({ a: 1 })).toBe(NOT_A_LEAF);
    expect(toJsonLeaf([1])).toBe(NOT_A_LEAF);
  });
});

describe('binaryLength', () => {
  it('measures every kind of binary value', () => {
    expect(binaryLength(new Uint16Array(4))).toBe(8);
    expect(binaryLength(new DataView(new ArrayBuffer(5)))).toBe(5);
    expect(binaryLength(new SharedArrayBuffer(2))).toBe(2);
    expect(binaryLength(new Blob(['abcd']))).toBe(4);
  });

  it('returns undefined for anything else', () => {
    expect(binaryLength('text')).toBeUndefined();
    expect(binaryLength(null)).toBeUndefined();
    expect(binaryLength({ byteLength: 3 })).toBeUndefined();
  });
});
