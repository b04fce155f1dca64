import { describe, it, expect } from 'vitest';
import { MAX_CAUSE_DEPTH, MAX_STACK_BYTES, stackWithCauses } from './normalise-thrown-stack.js';

const throwing = (): never => {
  throw new Error('hostile');
};

describe('stackWithCauses', () => {
  it('returns the error’s own stack', () => {
    const error = new Error('boom');
    expect(stackWithCauses(error)).toBe(error.stack);
  });

  it('appends the cause chain', () => {
    const inner = new TypeError('inner');
    const outer = new Error('outer', { cause: inner });
    expect(stackWithCauses(outer)).toBe(`${outer.stack}\nCaused by: ${inner.stack}`);
  });

  it('describes causes without a stack by class and message', () => {
    const outer = new Error('outer', { cause: 'db down' });
    expect(stackWithCauses(outer).endsWith('\nCaused by: String: db down')).toBe(true);
    const withObject = new Error('outer', { cause: { code: 'ECONNREFUSED' } });
    expect(
      stackWithCauses(withObject).endsWith('\nCaused by: Object: {"code":"ECONNREFUSED"}'),
    ).toBe(true);
  });

  it('gives a value without a stack its Class: message line', () => {
    expect(stackWithCauses('plain string')).toBe('String: plain string');
    expect(stackWithCauses(null)).toBe('null: ');
  });

  it('stops at a circular cause', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    const stack = stackWithCauses(a);
    expect(stack.split('\nCaused by: ').length).toBe(3);
    expect(stack.endsWith('\nCaused by: [circular]')).toBe(true);
  });

  it('stops at an error that is its own cause', () => {
    const self = new Error('self');
    (self as { cause?: unknown }).cause = self;
    expect(stackWithCauses(self).endsWith('\nCaused by: [circular]')).toBe(true);
  });

  it('follows at most MAX_CAUSE_DEPTH causes', () => {
    let error = new Error('level 0');
    for (let level = 1; level <= 10_000; level++)
      error = new Error(`level ${level}`, { cause: error });
    const stack = stackWithCauses(error);
    expect(stack.split('\nCaused by: ').length).toBe(MAX_CAUSE_DEPTH + 2);
    expect(stack.endsWith('\nCaused by: [more causes omitted]')).toBe(true);
  });

  it('never calls a cause that is a function', () => {
    let called = false;
    const error = Object.assign(new Error('x'), {
      cause: () => {
        called = true;
      },
    });
    expect(stackWithCauses(error)).toBe(error.stack);
    expect(called).toBe(false);
  });

  it('marks a cause whose getter throws', () => {
    const error = new Error('x');
    Object.defineProperty(error, 'cause', { get: throwing });
    expect(stackWithCauses(error).endsWith('\nCaused by: [unreadable cause]')).toBe(true);
  });

  it('uses Class: message when the stack getter throws', () => {
    const error = new Error('x');
    Object.defineProperty(error, 'stack', { get: throwing });
    expect(stackWithCauses(error)).toBe('Error: x');
  });

  it('caps the whole text at MAX_STACK_BYTES', () => {
    const huge = new Error('x');
    huge.stack = 'é'.repeat(200_000);
    const outer = new Error('outer', { cause: huge });
    const stack = stackWithCauses(outer);
    expect(Buffer.byteLength(stack)).toBeLessThanOrEqual(MAX_STACK_BYTES);
    expect(stack.endsWith('\n…[truncated]')).toBe(true);
  });
});
