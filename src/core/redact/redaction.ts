import { DEFAULT_REDACT_FIELDS, DEFAULT_REDACT_HEADERS } from './redact-defaults.js';

/** A resolved, frozen redaction policy. Names are stored normalised by {@link normaliseKey}. */
export interface Redaction {
  readonly enabled: boolean;
  readonly headerNames: ReadonlySet<string>;
  readonly fieldNames: ReadonlySet<string>;
  readonly mask: string;
}

/** Input of {@link createRedaction}, as the user configured it. */
export interface RedactionOptions {
  enabled: boolean;
  headers?: readonly string[];
  fields?: readonly string[];
  mask: string;
}

/**
 * The form names are compared in: lower case, without `-` and `_`. So `X-Api-Key`,
 * `x_api_key` and `XApiKey` are one name, and the snake_case defaults also catch the
 * camelCase keys JavaScript apps send (`accessToken`, `clientSecret`, `cardNumber`).
 * Matching is exact after this step: `user_password` is not `password` (list it, or rely on
 * the segment rule of form keys such as `user[password]`).
 *
 * @example
 * normaliseKey('X-Api-Key') === normaliseKey('x_api_key'); // true ('xapikey')
 * normaliseKey('refreshToken') === normaliseKey('refresh_token'); // true
 */
export function normaliseKey(name: string): string {
  return name.toLowerCase().replace(/[-_]/g, '');
}

/**
 * Resolves a redaction policy once, at start-up. The user's `headers` and `fields` extend the
 * defaults, so nobody un-redacts `password` by listing only their own names.
 *
 * @example
 * const redaction = createRedaction({ enabled: true, fields: ['pin'], mask: '[REDACTED]' });
 * redaction.fieldNames.has('pin') && redaction.fieldNames.has('password'); // true
 */
export function createRedaction(options: RedactionOptions): Redaction {
  return Object.freeze({
    enabled: options.enabled,
    headerNames: normalisedSet([...DEFAULT_REDACT_HEADERS, ...(options.headers ?? [])]),
    fieldNames: normalisedSet([...DEFAULT_REDACT_FIELDS, ...(options.fields ?? [])]),
    mask: options.mask,
  });
}

function normalisedSet(names: readonly string[]): ReadonlySet<string> {
  const set = new Set<string>();
  for (const name of names) {
    if (typeof name === 'string' && name.length > 0) set.add(normaliseKey(name));
  }
  return set;
}
