import { describe, it, expect } from 'vitest';
import { diffObjects, jsonEqual } from './diff.js';

describe('diffObjects', () => {
  it('maps a changed field to [old, new] and leaves unchanged fields out', () => {
    expect(diffObjects({ name: 'old', price: 1 }, { name: 'new', price: 1 })).toEqual({
      name: ['old', 'new'],
    });
  });

  it('maps an added field to [null, new] and a removed one to [old, null]', () => {
    expect(diffObjects({ gone: 1 }, { added: 2 })).toEqual({ gone: [1, null], added: [null, 2] });
  });

  it('treats null, undefined and non-objects as {}', () => {
    expect(diffObjects(null, { a: 1 })).toEqual({ a: [null, 1] });
    expect(diffObjects({ a: 1 }, undefined)).toEqual({ a: [1, null] });
    expect(diffObjects('text', [1, 2])).toEqual({});
  });

  it('compares nested values deeply, ignoring key order', () => {
    const before = { meta: { a: 1, b: [1, { c: 2 }] } };
    expect(diffObjects(before, { meta: { b: [1, { c: 2 }], a: 1 } })).toEqual({});
    expect(diffObjects(before, { meta: { a: 1, b: [1, { c: 3 }] } })).toEqual({
      meta: [
        { a: 1, b: [1, { c: 2 }] },
        { a: 1, b: [1, { c: 3 }] },
      ],
    });
  });

  it('compares values as they would be stored (Dates, bigints)', () => {
    expect(diffObjects({ at: new Date(0), n: 1n }, { at: new Date(0), n: 1n })).toEqual({});
    expect(diffObjects({ at: new Date(0) }, { at: new Date(1000) })).toEqual({
      at: ['1970-01-01T00:00:00.000Z', '1970-01-01T00:00:01.000Z'],
    });
  });

  it('never throws on cycles or hostile getters', () => {
    const loop: Record<string, unknown> = { a: 1 };
    loop.self = loop;
    const hostile = {};
    Object.defineProperty(hostile, 'x', {
      enumerable: true,
      get(): never {
        throw new Error('no');
      },
    });
    expect(diffObjects(loop, hostile)).toEqual({
      a: [1, null],
      self: ['[Circular]', null],
      x: [null, '[Unreadable]'],
    });
  });

  it('reports a field named __proto__ as an ordinary field', () => {
    const after: unknown = JSON.parse('{"__proto__":{"x":1}}');
    const diff = diffObjects({}, after);
    expect(Object.keys(diff)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(diff)).toBe(Object.prototype);
  });
});

describe('jsonEqual', () => {
  it('distinguishes arrays from objects and different lengths', () => {
    expect(jsonEqual([1], { 0: 1 })).toBe(false);
    expect(jsonEqual([1], [1, 2])).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(jsonEqual({ a: 1, b: undefined }, { a: 1, c: undefined })).toBe(false);
    expect(jsonEqual(null, {})).toBe(false);
    expect(jsonEqual({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toBe(true);
  });
});
