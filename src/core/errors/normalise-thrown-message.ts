import { flattenString } from '../body/truncate-utf8.js';
import { toJsonSafe } from '../json/json-safe.js';
import { createRedaction } from '../redact/redaction.js';
import { redactValue } from '../redact/redact-value.js';
import { isErrorLike, readProperty, UNREADABLE } from './normalise-thrown-read.js';

/** Longest exception message kept, in UTF-16 characters (marker included). */
export const MAX_MESSAGE_CHARS = 10_000;
const TRUNCATION_MARK = '…[truncated]';

// A thrown plain object is described by its content. Its default-secret keys (password,
// token…) are masked here already: nothing says what an app put in the object it threw.
const DESCRIBE_REDACTION = createRedaction({ enabled: true, mask: '[REDACTED]' });

/**
 * The message of a thrown value, capped at {@link MAX_MESSAGE_CHARS}: a thrown string
 * itself, a string `message` property, the text of other primitives, '' for null/undefined
 * or an error without a message, and for other objects a redacted JSON description.
 * No `toString()` or `Symbol.toPrimitive` of the value is ever called. Never throws.
 *
 * @example
 * messageOf(new Error('boom')); // 'boom'
 * messageOf({ code: 'E1', password: 'x' }); // '{"code":"E1","password":"[REDACTED]"}'
 */
export function messageOf(value: unknown): string {
  return capChars(rawMessage(value), MAX_MESSAGE_CHARS);
}

function rawMessage(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'symbol') return value.description ?? '';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  if (typeof value !== 'object' && typeof value !== 'function') return '';
  const message = readProperty(value, 'message');
  if (typeof message === 'string') return message;
  if (message === UNREADABLE) return '[unreadable message]';
  if (message !== undefined) return describe(message);
  return isErrorLike(value) ? '' : describe(value);
}

function describe(value: unknown): string {
  const safe = redactValue(
    toJsonSafe(value, { maxDepth: 4, maxKeys: 50, maxNodes: 500 }),
    DESCRIBE_REDACTION,
  );
  if (typeof safe === 'string') return safe;
  return JSON.stringify(safe) ?? '';
}

/**
 * Caps `text` at `max` UTF-16 characters, marker included, without splitting a surrogate
 * pair, and returns a flat copy so the long original can be garbage-collected.
 *
 * @example
 * capChars('x'.repeat(20), 15); // 'xxx…[truncated]'
 */
export function capChars(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = Math.max(0, max - TRUNCATION_MARK.length);
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  return flattenString(text.slice(0, cut)) + TRUNCATION_MARK;
}
