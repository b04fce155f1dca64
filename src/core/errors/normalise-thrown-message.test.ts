import { describe, it, expect } from 'vitest';
import { capChars, MAX_MESSAGE_CHARS, messageOf } from './normalise-thrown-message.js';

const throwing = (): never => {
  throw new Error('hostile');
};

describe('messageOf', () => {
  it('uses a thrown string and an error’s message', () => {
    expect(messageOf('plain string')).toBe('plain string');
    expect(messageOf(new Error('boom'))).toBe('boom');
  });

  it('turns other primitives into text and null/undefined into ""', () => {
    expect(messageOf(42)).toBe('42');
    expect(messageOf(10n)).toBe('10');
    expect(messageOf(Symbol('why'))).toBe('why');
    expect(messageOf(null)).toBe('');
    expect(messageOf(undefined)).toBe('');
  });

  it('describes a plain object as redacted JSON', () => {
    expect(messageOf({ code: 'E1', password: 'x' })).toBe('{"code":"E1","password":"[REDACTED]"}');
  });

  it('uses a plain object’s string message', () => {
    expect(messageOf({ message: 'from object' })).toBe('from object');
  });

  it('describes a non-string message', () => {
    expect(messageOf({ message: { detail: 'd' } })).toBe('{"detail":"d"}');
  });

  it('says when the message getter throws', () => {
    const error = new Error('x');
    Object.defineProperty(error, 'message', { get: throwing });
    expect(messageOf(error)).toBe('[unreadable message]');
  });

  it('gives "" for an error without a message', () => {
    const error = new Error();
    expect(messageOf(error)).toBe('');
  });

  it('never calls toString, toJSON or Symbol.toPrimitive', () => {
    const hostile = {
      toString: throwing,
      toJSON: throwing,
      [Symbol.toPrimitive]: throwing,
    };
    expect(() => messageOf(hostile)).not.toThrow();
  });

  it('survives a Proxy whose every trap throws', () => {
    const proxy = new Proxy(
      {},
      { get: throwing, ownKeys: throwing, has: throwing, getPrototypeOf: throwing },
    );
    expect(messageOf(proxy)).toBe('[unreadable message]');
  });

  it('caps a 5 MB message', () => {
    const message = messageOf(new Error('x'.repeat(5 * 1024 * 1024)));
    expect(message.length).toBe(MAX_MESSAGE_CHARS);
    expect(message.endsWith('…[truncated]')).toBe(true);
  });

  it('bounds the description of a huge object', () => {
    const wide = Object.fromEntries(
      Array.from({ length: 100_000 }, (_, i) => [`k${i}`, 'v'.repeat(100)]),
    );
    expect(messageOf(wide).length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
  });
});

describe('capChars', () => {
  it('keeps short text and caps long text with a marker', () => {
    expect(capChars('short', 15)).toBe('short');
    expect(capChars('x'.repeat(20), 15)).toBe('xxx…[truncated]');
  });

  it('does not split a surrogate pair at the cut', () => {
    const text = 'ab😀' + 'x'.repeat(20);
    const capped = capChars(text, 15); // cut at 3 would fall inside the emoji
    expect(capped).toBe('ab…[truncated]');
  });
});
