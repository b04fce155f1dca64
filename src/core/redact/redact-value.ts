import { toJsonSafe } from '../json/json-safe.js';
import { setOwn } from '../json/set-own.js';
import { normaliseKey, type Redaction } from './redaction.js';
import { redactSecrets } from './redact-secrets.js';

// JSON hidden inside a string (a form field holding a JSON document, a JSON string inside a
// JSON body) is parsed only up to this size; longer strings are kept as they are.
const MAX_EMBEDDED_JSON_CHARS = 64 * 1024;

/**
 * A JSON-safe deep copy of `value` (see `toJsonSafe`) in which the value of every key whose
 * normalised name is a redacted field is replaced, whole subtree included, by the mask: at
 * any depth, inside arrays too. A string that holds a JSON object or array with such a key is
 * re-serialised with the key masked, and secrets recognisable by value (`redactSecrets`: a
 * JWT, a card number…) are masked in every string, under whatever key. With redaction
 * disabled, the JSON-safe copy is returned. Never throws and never mutates `value`.
 *
 * @example
 * const redaction = createRedaction({ enabled: true, mask: '[REDACTED]' });
 * redactValue({ user: { Password: 'x', name: 'a' }, list: [{ token: 't' }] }, redaction);
 * // { user: { Password: '[REDACTED]', name: 'a' }, list: [{ token: '[REDACTED]' }] }
 */
export function redactValue(value: unknown, redaction: Redaction): unknown {
  const safe = toJsonSafe(value);
  if (!redaction.enabled) return safe;
  if (typeof safe === 'string') return scrubText(safe, redaction);
  maskTree(safe, redaction);
  return safe;
}

/**
 * When `text` is a JSON object or array containing a redacted key, returns it re-serialised
 * with those values masked; otherwise undefined (the text needs no change).
 *
 * @example
 * redactEmbeddedJson('{"token":"abc","a":1}', redaction); // '{"token":"[REDACTED]","a":1}'
 * redactEmbeddedJson('plain text', redaction); // undefined
 */
export function redactEmbeddedJson(text: string, redaction: Redaction): string | undefined {
  if (!redaction.enabled || text.length > MAX_EMBEDDED_JSON_CHARS) return undefined;
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const safe = toJsonSafe(parsed);
  return maskTree(safe, redaction) > 0 ? JSON.stringify(safe) : undefined;
}

/** Masks in place (the tree is our own copy) and returns how many values changed. */
function maskTree(node: unknown, redaction: Redaction): number {
  if (typeof node !== 'object' || node === null) return 0;
  const record = node as Record<string, unknown>;
  let changed = 0;
  for (const key of Object.keys(record)) {
    const sensitive = !Array.isArray(node) && redaction.fieldNames.has(normaliseKey(key));
    changed += sensitive ? mask(record, key, redaction.mask) : maskChild(record, key, redaction);
  }
  return changed;
}

function maskChild(record: Record<string, unknown>, key: string, redaction: Redaction): number {
  const child = record[key];
  if (typeof child !== 'string') return maskTree(child, redaction);
  const replaced = scrubText(child, redaction);
  if (replaced === child) return 0;
  setOwn(record, key, replaced);
  return 1;
}

/**
 * A string value with its secrets masked: the redacted keys of the JSON it holds, if any
 * (whose strings are scrubbed in turn), otherwise the secrets recognisable by value.
 *
 * @example
 * scrubText('card 4111 1111 1111 1111', redaction); // 'card [REDACTED]'
 */
export function scrubText(text: string, redaction: Redaction): string {
  return redactEmbeddedJson(text, redaction) ?? redactSecrets(text, redaction);
}

function mask(record: Record<string, unknown>, key: string, text: string): number {
  setOwn(record, key, text);
  return 1;
}
