import { normaliseKey, type Redaction } from './redaction.js';
import { redactQueryString } from './redact-query.js';
import { redactSecrets } from './redact-secrets.js';

/** Header values as Node, the Fetch API and most frameworks present them. */
export type HeaderInput = Readonly<Record<string, string | readonly string[] | number | undefined>>;

// Headers that carry a URL: the credentials in its query string (?access_token=…, signed-URL
// signatures) are masked like any other query string. `:path` is the HTTP/2 request target.
const URL_HEADERS: ReadonlySet<string> = new Set([
  ':path',
  'referer',
  'location',
  'content-location',
]);

/**
 * A plain copy of `headers` ready to store: names lower-cased, lists joined with `", "`
 * (`set-cookie` with a newline, since cookies may contain commas), numbers as text, undefined
 * values dropped. With redaction enabled, every listed header (compared by `normaliseKey`,
 * so `X_API_KEY` matches `x-api-key`) has its whole value replaced by the mask, and the query
 * string of URL-valued headers (`referer`, `location`, `:path`) is redacted by field name,
 * the rest of the URL by value (`redactSecrets`).
 * Two names differing only in case are merged.
 *
 * @example
 * redactHeaders({ Authorization: 'Bearer abc', Accept: 'text/html' }, redaction);
 * // { authorization: '[REDACTED]', accept: 'text/html' }
 */
export function redactHeaders(headers: HeaderInput, redaction: Redaction): Record<string, string> {
  const out = new HeaderCopy();
  for (const rawName of Object.keys(headers)) {
    const name = rawName.toLowerCase();
    const value = headerText(name, headers[rawName]);
    if (value === undefined) continue;
    const previous = out[name];
    out[name] = previous === undefined ? value : previous + separator(name) + value;
  }
  if (!redaction.enabled) return out;
  for (const name in out) {
    const replacement = redactHeaderValue(name, out[name] ?? '', redaction);
    if (replacement !== undefined) out[name] = replacement;
  }
  return out;
}

/**
 * The copies' class: nothing to inherit (its prototype has no prototype), so any name, even
 * `__proto__` or `constructor`, is a plain key, and unlike `Object.create(null)` the copies stay
 * fast-mode objects that JSON.stringify serialises on its quick path. This runs twice per
 * recorded request.
 */
const HeaderCopy = function HeaderCopy() {} as unknown as new () => Record<string, string>;
HeaderCopy.prototype = Object.create(null) as Record<string, string>;

function headerText(name: string, value: HeaderInput[string]): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return value.map(String).join(separator(name));
}

function separator(name: string): string {
  return name === 'set-cookie' ? '\n' : ', ';
}

// Header names are few and repeat on every request: normalise each once.
const normalisedNames = new Map<string, string>();

function normalisedHeaderName(name: string): string {
  let normalised = normalisedNames.get(name);
  if (normalised === undefined) {
    normalised = normaliseKey(name);
    if (normalisedNames.size < 1000) normalisedNames.set(name, normalised);
  }
  return normalised;
}

function redactHeaderValue(name: string, value: string, redaction: Redaction): string | undefined {
  if (redaction.headerNames.has(normalisedHeaderName(name))) return redaction.mask;
  if (!URL_HEADERS.has(name)) return undefined;
  // A token in the URL's path (`/reset/eyJ…`) or its userinfo has no field name to go by.
  const redacted = redactSecrets(redactUrlQuery(value, redaction), redaction);
  return redacted === value ? undefined : redacted;
}

function redactUrlQuery(value: string, redaction: Redaction): string {
  const query = value.indexOf('?');
  if (query === -1) return value;
  const hash = value.indexOf('#', query);
  const end = hash === -1 ? value.length : hash;
  const redacted = redactQueryString(value.slice(query + 1, end), redaction);
  return value.slice(0, query + 1) + redacted + value.slice(end);
}
