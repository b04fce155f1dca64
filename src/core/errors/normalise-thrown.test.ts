import { describe, it, expect } from 'vitest';
import { runInNewContext } from 'node:vm';
import { MAX_MESSAGE_CHARS, normaliseThrown } from './normalise-thrown.js';

const throwing = (): never => {
  throw new Error('hostile');
};

describe('normaliseThrown', () => {
  it('normalises an Error', () => {
    const error = new Error('boom');
    expect(normaliseThrown(error)).toEqual({
      className: 'Error',
      message: 'boom',
      stack: error.stack,
      status: undefined,
      original: error,
    });
  });

  it('leaves the stack out when captureStack is false', () => {
    expect(normaliseThrown(new Error('x'), { captureStack: false }).stack).toBeNull();
  });

  it('normalises a thrown string, number, null, undefined, symbol and bigint', () => {
    expect(normaliseThrown('plain string')).toMatchObject({
      className: 'String',
      message: 'plain string',
    });
    expect(normaliseThrown(42)).toMatchObject({ className: 'Number', message: '42' });
    expect(normaliseThrown(null)).toMatchObject({ className: 'null', message: '', original: null });
    expect(normaliseThrown(undefined)).toMatchObject({ className: 'undefined', message: '' });
    expect(normaliseThrown(Symbol('s'))).toMatchObject({ className: 'Symbol', message: 's' });
    expect(normaliseThrown(10n)).toMatchObject({ className: 'BigInt', message: '10' });
  });

  it('normalises a plain object and a null-prototype object', () => {
    expect(normaliseThrown({ code: 1 })).toMatchObject({
      className: 'Object',
      message: '{"code":1}',
    });
    const bare = Object.assign(Object.create(null) as object, { message: 'bare' });
    expect(normaliseThrown(bare)).toMatchObject({ className: 'Object', message: 'bare' });
  });

  it('reads the status from status, statusCode or getStatus()', () => {
    expect(normaliseThrown(Object.assign(new Error('x'), { status: 404 })).status).toBe(404);
    expect(normaliseThrown(Object.assign(new Error('x'), { statusCode: 503 })).status).toBe(503);
    class HttpException extends Error {
      getStatus(): number {
        return 403;
      }
    }
    expect(normaliseThrown(new HttpException('x')).status).toBe(403);
  });

  it('reads an inherited status', () => {
    class NotFound extends Error {
      get status(): number {
        return 404;
      }
    }
    expect(normaliseThrown(new NotFound('x')).status).toBe(404);
  });

  it('ignores statuses that are not integers from 400 to 599', () => {
    for (const status of [200, 399, 600, 404.5, '404', NaN]) {
      expect(normaliseThrown(Object.assign(new Error('x'), { status })).status).toBeUndefined();
    }
    expect(
      normaliseThrown(Object.assign(new Error('x'), { status: 200, statusCode: 502 })).status,
    ).toBe(502);
  });

  it('survives an error whose every getter throws', () => {
    const error = new Error('x');
    // 'stack' first: V8 materialises the old stack (reading message) when it is redefined.
    for (const key of [
      'stack',
      'message',
      'name',
      'constructor',
      'status',
      'statusCode',
      'cause',
      'getStatus',
    ]) {
      Object.defineProperty(error, key, { get: throwing });
    }
    const result = normaliseThrown(error);
    expect(result).toMatchObject({
      className: 'Error',
      message: '[unreadable message]',
      status: undefined,
    });
    expect(result.stack).toBe('Error: [unreadable message]\nCaused by: [unreadable cause]');
  });

  it('survives a getStatus() that throws', () => {
    expect(normaliseThrown({ getStatus: throwing }).status).toBeUndefined();
  });

  it('survives a Proxy whose every trap throws', () => {
    const handler = new Proxy({}, { get: () => throwing });
    const proxy = new Proxy({}, handler);
    const result = normaliseThrown(proxy);
    expect(result.className).toBe('Object');
    expect(result.original).toBe(proxy);
    expect(typeof result.message).toBe('string');
    expect(typeof result.stack).toBe('string');
  });

  it('survives circular causes', () => {
    const a: Error = new Error('a');
    const b = new Error('b', { cause: a });
    Object.assign(a, { cause: b });
    expect(normaliseThrown(a).stack).toContain('Caused by: [circular]');
  });

  it('caps a 5 MB message', () => {
    const result = normaliseThrown(new Error('m'.repeat(5 * 1024 * 1024)));
    expect(result.message.length).toBe(MAX_MESSAGE_CHARS);
    expect(Buffer.byteLength(result.stack ?? '')).toBeLessThanOrEqual(64 * 1024);
  });

  it('never mutates a frozen thrown value', () => {
    const error = Object.freeze(new Error('frozen'));
    const keys = Reflect.ownKeys(error);
    expect(() => normaliseThrown(error)).not.toThrow();
    expect(Reflect.ownKeys(error)).toEqual(keys);
  });

  it('normalises an error from another realm', () => {
    const error: unknown = runInNewContext('new RangeError("far")');
    expect(normaliseThrown(error)).toMatchObject({ className: 'RangeError', message: 'far' });
  });

  it('keeps HTML and forged lines in the message as data', () => {
    const error = Object.assign(new Error('<img src=x onerror=alert(1)>'), {
      name: '<svg onload=alert(1)>',
    });
    expect(normaliseThrown(error).message).toBe('<img src=x onerror=alert(1)>');
    expect(normaliseThrown(error).className).toBe('Error');
  });
});
