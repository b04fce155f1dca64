import { describe, it, expect } from 'vitest';
import {
  copyArray,
  copyMap,
  copyRecord,
  copySet,
  TRUNCATED_KEY,
  UNREADABLE,
} from './json-collections.js';

const same = (value: unknown): unknown => value;

describe('copyArray', () => {
  it('turns holes and dropped values into null', () => {
    // eslint-disable-next-line no-sparse-arrays
    expect(copyArray([1, , 3], 10, same)).toEqual([1, null, 3]);
  });

  it('summarises the items past the limit', () => {
    expect(copyArray([1, 2, 3, 4], 2, same)).toEqual([1, 2, '[Truncated: 2 more items]']);
  });

  it('marks only the item whose getter throws', () => {
    const array = [1, 2];
    Object.defineProperty(array, 1, {
      get() {
        throw new Error('no');
      },
    });
    expect(copyArray(array, 10, same)).toEqual([1, UNREADABLE]);
  });
});

describe('copySet', () => {
  it('copies items in insertion order and caps them', () => {
    expect(copySet(new Set(['a', 'b', 'c']), 2, same)).toEqual([
      'a',
      'b',
      '[Truncated: 1 more items]',
    ]);
  });
});

describe('copyMap', () => {
  it('stringifies keys without calling an object key’s toString', () => {
    const key = {
      toString(): string {
        throw new Error('hostile');
      },
    };
    const map = new Map<unknown, unknown>([
      [1, 'one'],
      [Symbol('s'), 'sym'],
      [key, 'obj'],
    ]);
    expect(copyMap(map, 10, same)).toEqual({
      '1': 'one',
      'Symbol(s)': 'sym',
      '[object Object]': 'obj',
    });
  });

  it('caps the number of entries', () => {
    const map = new Map([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
    expect(copyMap(map, 1, same)).toEqual({ a: 1, [TRUNCATED_KEY]: '2 more keys' });
  });
});

describe('copyRecord', () => {
  it('keeps own enumerable properties of a class instance only', () => {
    class Item {
      id = 7;
      get computed(): number {
        return 1;
      }
    }
    expect(copyRecord(new Item(), 10, same)).toEqual({ id: 7 });
  });

  it('includes an error’s name and message', () => {
    const error = Object.assign(new TypeError('bad'), { code: 'E_BAD' });
    expect(copyRecord(error, 10, same)).toEqual({
      name: 'TypeError',
      message: 'bad',
      code: 'E_BAD',
    });
  });

  it('drops values the converter drops and keeps a __proto__ key as data', () => {
    const parsed = JSON.parse('{"__proto__":{"x":1},"gone":1}') as object;
    const out = copyRecord(parsed, 10, (v) => (typeof v === 'number' ? undefined : v));
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });

  it('caps the number of keys', () => {
    expect(copyRecord({ a: 1, b: 2, c: 3 }, 2, same)).toEqual({
      a: 1,
      b: 2,
      [TRUNCATED_KEY]: '1 more keys',
    });
  });
});
