import { classNameOf, readProperty } from './normalise-thrown-read.js';
import { messageOf } from './normalise-thrown-message.js';
import { stackWithCauses } from './normalise-thrown-stack.js';

export { MAX_MESSAGE_CHARS } from './normalise-thrown-message.js';
export { MAX_CAUSE_DEPTH, MAX_STACK_BYTES } from './normalise-thrown-stack.js';

/** Any thrown value, reduced to what an incident stores. */
export interface NormalisedError {
  /** Constructor name ('Error', 'TypeError', 'HttpError'…); 'String', 'null', 'undefined', 'Object'… otherwise. */
  className: string;
  /** At most MAX_MESSAGE_CHARS characters. */
  message: string;
  /** The stack plus the `cause` chain, at most MAX_STACK_BYTES; null when not captured. */
  stack: string | null;
  /** An HTTP error status (integer 400–599) carried by the value, if any. */
  status: number | undefined;
  /** The thrown value itself, untouched. */
  original: unknown;
}

/** Options of {@link normaliseThrown}. */
export interface NormaliseThrownOptions {
  /** Read the stack and cause chain (default true). */
  captureStack?: boolean;
}

/**
 * Reduces any thrown value (an Error from any realm, a string, null, a plain object, a
 * hostile Proxy…) to a {@link NormalisedError}. Never throws, never mutates the value, and
 * never calls its `toString`, `toJSON` or `Symbol.toPrimitive`. The status comes from
 * `status`, `statusCode` or `getStatus()` (NestJS), in that order, and is kept only when it
 * is an integer from 400 to 599.
 *
 * @example
 * const error = Object.assign(new Error('Not Found'), { status: 404 });
 * normaliseThrown(error); // { className: 'Error', message: 'Not Found', stack: 'Error: Not Found\n    at …', status: 404, original: error }
 * normaliseThrown('plain string', { captureStack: false }).className; // 'String'
 */
export function normaliseThrown(
  thrown: unknown,
  options: NormaliseThrownOptions = {},
): NormalisedError {
  try {
    return {
      className: classNameOf(thrown),
      message: messageOf(thrown),
      stack: options.captureStack === false ? null : stackWithCauses(thrown),
      status: statusOf(thrown),
      original: thrown,
    };
  } catch {
    // Every helper already catches; this is the last line that keeps the promise.
    return {
      className: 'Object',
      message: '[unreadable thrown value]',
      stack: null,
      status: undefined,
      original: thrown,
    };
  }
}

function statusOf(value: unknown): number | undefined {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null)
    return undefined;
  for (const key of ['status', 'statusCode']) {
    const status = readProperty(value, key);
    if (isErrorStatus(status)) return status;
  }
  const getStatus = readProperty(value, 'getStatus');
  if (typeof getStatus !== 'function') return undefined;
  try {
    const status: unknown = getStatus.call(value);
    return isErrorStatus(status) ? status : undefined;
  } catch {
    return undefined;
  }
}

function isErrorStatus(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 400 && (value as number) <= 599;
}
