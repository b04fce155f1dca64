import type { Redaction } from './redaction.js';

// Secrets recognisable by their shape, wherever they sit in free text (an error message built
// from a DSN or a header, a stack trace). Each pattern is linear: no nested quantifiers.
// The password of a URL's userinfo (`postgres://app:s3cret@db/app`): the user name stays.
// Bounded parts starting only where a scheme can start, so a long run of scheme characters
// without `://` is not rescanned from each of its positions.
const URL_PASSWORD =
  /(?<![a-z0-9+.-])([a-z][a-z0-9+.-]{0,31}:\/\/[^\s:@/?#]{0,256}):[^\s@/?#]{1,256}@/gi;
// A bearer token after its scheme, as an Authorization header value would carry it.
const BEARER = /\b(Bearer)\s+[\w\-.~+/]+=*/gi;
// Basic credentials: masked only when the text decodes to `user:password`, so that an
// ordinary word after "Basic" stays.
const BASIC = /\b(Basic)\s+([A-Za-z0-9+/]{4,}={0,2})(?![\w+/=])/g;
// A JSON Web Token: base64url header `eyJ…`, payload and signature.
const JWT = /\beyJ[\w-]{2,}\.[\w-]{2,}\.[\w-]*/g;
// AWS access key IDs (long-term AKIA…, temporary ASIA…).
const AWS_KEY_ID = /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g;
// A PEM private key block, whole.
const PRIVATE_KEY =
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g;

// Every pattern above contains one of these: text without any (most paths, most messages)
// is settled by one quick scan.
const ANY_MARKER = /:\/\/|bearer|basic|eyJ|AKIA|ASIA|-----BEGIN/i;

// A payment card number: 13 to 19 digits, in groups split by single spaces or dashes, not part
// of a longer run of digits, letters or dashes (a UUID, a hex ID) nor a decimal fraction.
// Masked only when it passes the Luhn check and starts as card numbers do (2 to 6: Mastercard,
// Amex, Diners, JCB, Visa, Discover, UnionPay, Maestro), so millisecond timestamps (17…) and
// nine in ten other long numbers stay.
const CARD_NUMBER = /(?<![\w.-])[2-6](?:[ -]?\d){12,18}(?![\w-])/g;
const FOUR_DIGITS = /\d{4}/;

/**
 * Masks secrets recognisable by their value in free text: URL passwords, Bearer and Basic
 * credentials, JSON Web Tokens, AWS access key IDs, private keys and card numbers (see
 * {@link CARD_NUMBER}). Key-based redaction cannot reach them (an exception message is one
 * string), so paths, query strings and incidents' messages and stack traces go through this
 * too. Does nothing when redaction is off.
 *
 * @example
 * redactSecrets('connect to postgres://app:s3cret@db failed', redaction);
 * // 'connect to postgres://app:[REDACTED]@db failed'
 */
export function redactSecrets(text: string, redaction: Redaction): string {
  if (!redaction.enabled) return text;
  const { mask } = redaction;
  const masked = ANY_MARKER.test(text)
    ? text
        .replace(PRIVATE_KEY, mask)
        .replace(URL_PASSWORD, `$1:${mask}@`)
        .replace(BEARER, `$1 ${mask}`)
        .replace(BASIC, (whole, scheme: string, encoded: string) =>
          isUserPassword(encoded) ? `${scheme} ${mask}` : whole,
        )
        .replace(JWT, mask)
        .replace(AWS_KEY_ID, mask)
    : text;
  if (!FOUR_DIGITS.test(masked)) return masked;
  return masked.replace(CARD_NUMBER, (digits) => (passesLuhn(digits) ? mask : digits));
}

/** The Luhn checksum every card number carries (separators skipped). */
function passesLuhn(text: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = text.length - 1; i >= 0; i -= 1) {
    const code = text.charCodeAt(i) - 48;
    if (code < 0 || code > 9) continue;
    const value = double ? code * 2 : code;
    sum += value > 9 ? value - 9 : value;
    double = !double;
  }
  return sum % 10 === 0;
}

function isUserPassword(encoded: string): boolean {
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  return /^[^\s:]+:\S*$/.test(decoded);
}
