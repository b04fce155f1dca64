import { truncateUtf8 } from '../body/truncate-utf8.js';
import { capChars, messageOf } from './normalise-thrown-message.js';
import { classNameOf, readProperty, UNREADABLE } from './normalise-thrown-read.js';

/** How many `cause` links are followed below the thrown value. */
export const MAX_CAUSE_DEPTH = 8;
/** Largest stack text kept, in UTF-8 bytes (marker included). */
export const MAX_STACK_BYTES = 64 * 1024;
const TRUNCATION_MARK = '\n…[truncated]';

/**
 * The stack of a thrown value followed by its `cause` chain, one
 * `"\nCaused by: <stack, or Class: message>"` per link. A value without a readable stack
 * contributes its `Class: message` line. The chain stops at {@link MAX_CAUSE_DEPTH}
 * (`[more causes omitted]`), at a repeated cause (`[circular]`) and at a cause that is a
 * function (VError-style `cause()` methods are never called). Capped at
 * {@link MAX_STACK_BYTES}. Never throws.
 *
 * @example
 * stackWithCauses(new Error('outer', { cause: new Error('inner') }));
 * // 'Error: outer\n    at …\nCaused by: Error: inner\n    at …'
 */
export function stackWithCauses(thrown: unknown): string {
  const parts = [describeLink(thrown)];
  const seen = new Set<unknown>([thrown]);
  let current = thrown;
  for (let depth = 1; ; depth++) {
    const cause = causeOf(current);
    if (cause === undefined) break;
    if (depth > MAX_CAUSE_DEPTH) {
      parts.push('[more causes omitted]');
      break;
    }
    if (seen.has(cause)) {
      parts.push('[circular]');
      break;
    }
    seen.add(cause);
    parts.push(cause === UNREADABLE ? '[unreadable cause]' : describeLink(cause));
    current = cause;
  }
  return capStack(parts.join('\nCaused by: '));
}

function causeOf(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  const cause = readProperty(value, 'cause');
  return cause === null || typeof cause === 'function' ? undefined : cause;
}

function describeLink(value: unknown): string {
  const stack =
    typeof value === 'object' && value !== null ? readProperty(value, 'stack') : undefined;
  // Each link is capped first, so a 10 MB stack is never copied into the joined text.
  if (typeof stack === 'string' && stack !== '') return capChars(stack, MAX_STACK_BYTES);
  return `${classNameOf(value)}: ${messageOf(value)}`;
}

function capStack(text: string): string {
  const cut = truncateUtf8(text, MAX_STACK_BYTES - Buffer.byteLength(TRUNCATION_MARK));
  return cut.truncated ? cut.text + TRUNCATION_MARK : cut.text;
}
