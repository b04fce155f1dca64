import { describe, it, expect } from 'vitest';
import { setOwn } from './set-own.js';

describe('setOwn', () => {
  it('adds __proto__ as an own key without touching the prototype', () => {
    const out: Record<string, unknown> = {};
    setOwn(out, '__proto__', { polluted: true });
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.stringify(out)).toBe('{"__proto__":{"polluted":true}}');
  });

  it('overwrites an existing key and keeps it writable and enumerable', () => {
    const out: Record<string, unknown> = { a: 1 };
    setOwn(out, 'a', 2);
    out.a = 3;
    expect(out).toEqual({ a: 3 });
  });
});
