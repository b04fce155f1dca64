import { describe, it, expect } from 'vitest';
import { toJsonSafe } from './json-safe.js';

const throwing = (): never => {
  throw new Error('hostile');
};

describe('toJsonSafe', () => {
  it('returns JSON primitives unchanged and non-finite numbers as null', () => {
    expect(toJsonSafe('a')).toBe('a');
    expect(toJsonSafe(1.5)).toBe(1.5);
    expect(toJsonSafe(false)).toBe(false);
    expect(toJsonSafe(null)).toBeNull();
    expect(toJsonSafe({ a: NaN, b: Infinity, c: -Infinity })).toEqual({
      a: null,
      b: null,
      c: null,
    });
  });

  it('turns bigint into a string', () => {
    expect(toJsonSafe({ n: 12345678901234567890n })).toEqual({ n: '12345678901234567890' });
  });

  it('drops functions, symbols and undefined from objects and nulls them in arrays', () => {
    const out = toJsonSafe({
      f: () => 1,
      s: Symbol('x'),
      u: undefined,
      keep: 1,
      list: [() => 1, undefined],
    });
    expect(out).toEqual({ keep: 1, list: [null, null] });
    expect(Object.keys(out as object)).toEqual(['keep', 'list']);
  });

  it('returns undefined for a top-level function, as JSON.stringify would omit it', () => {
    expect(toJsonSafe(() => 1)).toBeUndefined();
  });

  it('converts Map and Set', () => {
    const out = toJsonSafe({ m: new Map([['k', new Set([1, 2])]]) });
    expect(out).toEqual({ m: { k: [1, 2] } });
  });

  it('honours toJSON and marks a throwing toJSON unreadable', () => {
    expect(toJsonSafe({ url: new URL('https://example.com/a') })).toEqual({
      url: 'https://example.com/a',
    });
    expect(toJsonSafe({ x: { toJSON: throwing } })).toEqual({ x: '[Unreadable]' });
  });

  it('stops a toJSON that returns itself or fresh objects forever', () => {
    const self = {
      toJSON(): unknown {
        return self;
      },
    };
    expect(toJsonSafe(self)).toBe('[Circular]');
    const endless = { toJSON: (): unknown => endless2() };
    const endless2 = (): unknown => ({ toJSON: (): unknown => endless2() });
    expect(JSON.stringify(toJsonSafe(endless, { maxDepth: 3 }))).toBe('"[Truncated]"');
  });

  it('marks cycles but copies a value shared by siblings twice', () => {
    const shared = { v: 1 };
    const root: Record<string, unknown> = { a: shared, b: shared };
    root.self = root;
    expect(toJsonSafe(root)).toEqual({ a: { v: 1 }, b: { v: 1 }, self: '[Circular]' });
  });

  it('marks only the property whose getter throws', () => {
    const value = { ok: 1 };
    Object.defineProperty(value, 'bad', { get: throwing, enumerable: true });
    expect(toJsonSafe(value)).toEqual({ ok: 1, bad: '[Unreadable]' });
  });

  it('survives a Proxy whose every trap throws', () => {
    const hostile = new Proxy(
      {},
      { get: throwing, ownKeys: throwing, getPrototypeOf: throwing, has: throwing },
    );
    expect(toJsonSafe(hostile)).toBe('[Unreadable]');
    expect(toJsonSafe({ inner: hostile })).toEqual({ inner: '[Unreadable]' });
  });

  it('cuts nesting beyond maxDepth', () => {
    expect(toJsonSafe({ a: { b: { c: 1 } } }, { maxDepth: 1 })).toEqual({
      a: { b: '[Truncated]' },
    });
  });

  it('survives 100 000 levels of nesting with the default depth', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const text = JSON.stringify(toJsonSafe(deep));
    expect(text).toContain('[Truncated]');
    expect(text.split('[').length - 1).toBeLessThan(20);
  });

  it('caps keys per object and items per array', () => {
    const wide = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, i]));
    const out = toJsonSafe(
      { wide, list: Array.from({ length: 1000 }, (_, i) => i) },
      { maxKeys: 3 },
    ) as {
      wide: object;
      list: unknown[];
    };
    expect(Object.keys(out.wide)).toEqual(['k0', 'k1', 'k2', '[Truncated]']);
    expect(out.list).toEqual([0, 1, 2, '[Truncated: 997 more items]']);
  });

  it('does not mutate or tag a frozen input', () => {
    const input = Object.freeze({ d: new Date(0), nested: Object.freeze({ x: 1 }) });
    const before = Reflect.ownKeys(input);
    toJsonSafe(input);
    expect(Reflect.ownKeys(input)).toEqual(before);
    expect(Reflect.ownKeys(input.nested)).toEqual(['x']);
  });

  it('returns a copy, not the same objects', () => {
    const input = { a: { b: 1 } };
    const out = toJsonSafe(input) as { a: object };
    expect(out.a).not.toBe(input.a);
  });

  it('keeps a __proto__ key from parsed JSON as data without polluting prototypes', () => {
    const parsed: unknown = JSON.parse('{"__proto__":{"polluted":1},"a":1}');
    const out = toJsonSafe(parsed);
    expect(JSON.stringify(out)).toBe('{"__proto__":{"polluted":1},"a":1}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('copies null-prototype objects', () => {
    const bare = Object.assign(Object.create(null) as object, { a: 1 });
    expect(toJsonSafe(bare)).toEqual({ a: 1 });
  });

  it('always produces something JSON.stringify accepts', () => {
    const nasty: Record<string, unknown> = { big: 1n, d: new Date(NaN), buf: new Uint8Array(2) };
    nasty.loop = [nasty];
    expect(() => JSON.stringify(toJsonSafe(nasty))).not.toThrow();
    expect(JSON.parse(JSON.stringify(toJsonSafe(nasty)))).toEqual({
      big: '1',
      d: null,
      buf: '[binary 2 bytes]',
      loop: ['[Circular]'],
    });
  });
});

describe('toJsonSafe work budget', () => {
  it('stops converting objects once maxNodes values were converted', () => {
    let shared: unknown = 'leaf';
    for (let i = 0; i < 12; i++) shared = Array.from({ length: 50 }, () => shared);
    const started = performance.now();
    const text = JSON.stringify(toJsonSafe(shared));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(text).toContain('[Truncated]');
    expect(text.length).toBeLessThan(1_000_000);
  });

  it('honours a custom maxNodes', () => {
    expect(toJsonSafe({ a: { x: 1 }, b: { y: 2 } }, { maxNodes: 3 })).toEqual({
      a: { x: 1 },
      b: '[Truncated]',
    });
  });
});
