import { timeOrderedUuid } from './time-ordered-id.js';

/**
 * What an inbound X-Request-ID must look like to be kept: 1 to 200 characters from
 * `A-Z a-z 0-9 . _ : -`. This excludes CR/LF (header splitting, forged log lines), spaces and
 * commas (a repeated header arrives joined as `"a, b"`), markup and quotes, and non-ASCII
 * text that would make setting the response header throw.
 *
 * @example
 * REQUEST_ID_PATTERN.test('3f2c8a1e-9b4d-4c6e-8f00-1a2b3c4d5e6f'); // true
 * REQUEST_ID_PATTERN.test('a\r\nSet-Cookie: x=1'); // false
 */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,200}$/;

/**
 * The request ID to use: the inbound value (the first one, if a framework gives a list) when
 * it matches {@link REQUEST_ID_PATTERN}, otherwise a fresh time-ordered UUID (version 7, see
 * {@link timeOrderedUuid}).
 *
 * @example
 * acceptRequestId('abc-123_DEF.9'); // 'abc-123_DEF.9'
 * acceptRequestId('<script>'); // a new UUID such as '019a2f3c-8e41-7b2a-9c3d-5e6f7a8b9c0d'
 */
export function acceptRequestId(inbound: string | readonly string[] | undefined): string {
  const candidate: unknown = Array.isArray(inbound) ? inbound[0] : inbound;
  if (typeof candidate === 'string' && REQUEST_ID_PATTERN.test(candidate)) return candidate;
  return timeOrderedUuid();
}
