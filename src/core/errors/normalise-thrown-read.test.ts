import { describe, it, expect } from 'vitest';
import { runInNewContext } from 'node:vm';
import { classNameOf, isErrorLike, readProperty, UNREADABLE } from './normalise-thrown-read.js';

const throwing = (): never => {
  throw new Error('hostile');
};

describe('readProperty', () => {
  it('reads own and inherited properties', () => {
    class Base {
      get status(): number {
        return 503;
      }
    }
    expect(readProperty(new Base(), 'status')).toBe(503);
  });

  it('turns a throwing getter or trap into UNREADABLE', () => {
    expect(readProperty(Object.defineProperty({}, 'x', { get: throwing }), 'x')).toBe(UNREADABLE);
    expect(readProperty(new Proxy({}, { get: throwing }), 'x')).toBe(UNREADABLE);
  });
});

describe('classNameOf', () => {
  it('names errors by their constructor', () => {
    class HttpError extends Error {}
    expect(classNameOf(new Error('x'))).toBe('Error');
    expect(classNameOf(new TypeError('x'))).toBe('TypeError');
    expect(classNameOf(new HttpError('x'))).toBe('HttpError');
  });

  it('names primitives, null and undefined', () => {
    expect(classNameOf('s')).toBe('String');
    expect(classNameOf(42)).toBe('Number');
    expect(classNameOf(true)).toBe('Boolean');
    expect(classNameOf(10n)).toBe('BigInt');
    expect(classNameOf(Symbol('x'))).toBe('Symbol');
    expect(classNameOf(null)).toBe('null');
    expect(classNameOf(undefined)).toBe('undefined');
  });

  it('names plain, null-prototype and hostile objects Object', () => {
    expect(classNameOf({ code: 1 })).toBe('Object');
    expect(classNameOf(Object.create(null))).toBe('Object');
    expect(classNameOf(new Proxy({}, { get: throwing, getPrototypeOf: throwing }))).toBe('Object');
  });

  it('falls back to the name of an error whose constructor is unreadable', () => {
    const error = new RangeError('x');
    Object.defineProperty(error, 'constructor', { get: throwing });
    expect(classNameOf(error)).toBe('RangeError');
    Object.defineProperty(error, 'name', { get: throwing });
    expect(classNameOf(error)).toBe('Error');
  });

  it('names a cross-realm error', () => {
    expect(classNameOf(runInNewContext('new TypeError("x")'))).toBe('TypeError');
  });

  it('escapes control characters and caps a hostile class name', () => {
    const Forged = class {};
    Object.defineProperty(Forged, 'name', {
      value: 'Error\r\nINCIDENT-0002 RESOLVED' + 'x'.repeat(500),
    });
    const name = classNameOf(new Forged());
    expect(name.startsWith('Error\\u000d\\u000aINCIDENT-0002')).toBe(true);
    expect(name).not.toMatch(/[\r\n]/);
    expect(name.length).toBeLessThanOrEqual(200 + 5 * 2);
  });
});

describe('isErrorLike', () => {
  it('recognises native errors and objects with a stack', () => {
    expect(isErrorLike(new Error('x'))).toBe(true);
    expect(isErrorLike({ stack: 'Error: x\n    at f' })).toBe(true);
    expect(isErrorLike({ message: 'x' })).toBe(false);
  });
});
