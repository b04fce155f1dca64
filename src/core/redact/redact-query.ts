import { normaliseKey, type Redaction } from './redaction.js';
import { redactEmbeddedJson } from './redact-value.js';
import { redactSecrets } from './redact-secrets.js';

/**
 * Masks the values of redacted fields in a URL query string. Keys are compared after
 * percent-decoding (`+` as a space) and `normaliseKey`; a bracketed or dotted key such as
 * `user[password]`, `user.password` or `password[]` counts when any of its segments is a
 * redacted name (a sensitive key masks its whole subtree, as in JSON bodies). A value that
 * holds a JSON document with a redacted key is re-encoded with that key masked. All other
 * pairs, empty pairs and a leading `?` are kept byte for byte; malformed escapes never throw.
 * Secrets recognisable by value under harmless keys (`?next=eyJ…`) are masked too.
 *
 * @example
 * redactQueryString('a=1&token=x&b', redaction); // 'a=1&token=[REDACTED]&b'
 */
export function redactQueryString(query: string, redaction: Redaction): string {
  const redacted = query.startsWith('?')
    ? '?' + redactPairs(query.slice(1), redaction)
    : redactPairs(query, redaction);
  return redactSecrets(redacted, redaction);
}

/**
 * The same rules as {@link redactQueryString}, for `application/x-www-form-urlencoded` bodies.
 *
 * @example
 * redactFormBody('user%5Bpassword%5D=hunter2&name=ann', redaction);
 * // 'user%5Bpassword%5D=[REDACTED]&name=ann'
 */
export function redactFormBody(body: string, redaction: Redaction): string {
  return redactSecrets(redactPairs(body, redaction), redaction);
}

function redactPairs(text: string, redaction: Redaction): string {
  if (!redaction.enabled || text.length === 0) return text;
  return text
    .split('&')
    .map((pair) => redactPair(pair, redaction))
    .join('&');
}

function redactPair(pair: string, redaction: Redaction): string {
  const equals = pair.indexOf('=');
  if (equals === -1) return pair;
  const rawKey = pair.slice(0, equals);
  if (isSensitiveKey(decodeComponent(rawKey), redaction)) return `${rawKey}=${redaction.mask}`;
  const embedded = redactEmbeddedJson(decodeComponent(pair.slice(equals + 1)), redaction);
  return embedded === undefined ? pair : `${rawKey}=${encodeURIComponent(embedded)}`;
}

function isSensitiveKey(key: string, redaction: Redaction): boolean {
  if (redaction.fieldNames.has(normaliseKey(key))) return true;
  return key.split(/[[\].]/).some((segment) => redaction.fieldNames.has(normaliseKey(segment)));
}

/**
 * Percent-decodes a form component, `+` as a space. A malformed escape (`%zz`, a lone `%`,
 * an invalid UTF-8 sequence) is kept as written while the valid escapes around it decode.
 *
 * @example
 * decodeComponent('pass%77ord+x'); // 'password x'
 * decodeComponent('100%+sure'); // '100% sure'
 */
export function decodeComponent(text: string): string {
  const spaced = text.replaceAll('+', ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    // Decode what is certainly valid: whole runs that form UTF-8, else single ASCII escapes.
    return spaced.replace(/(?:%[0-9a-fA-F]{2})+/g, decodeRunLeniently);
  }
}

function decodeRunLeniently(run: string): string {
  try {
    return decodeURIComponent(run);
  } catch {
    return run.replace(/%[0-7][0-9a-fA-F]/g, (escape) =>
      String.fromCharCode(parseInt(escape.slice(1), 16)),
    );
  }
}
