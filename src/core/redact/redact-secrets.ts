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

/**
 * Masks secrets recognisable by their value in free text: URL passwords, Bearer and Basic
 * credentials, JSON Web Tokens, AWS access key IDs and private keys. Key-based redaction
 * cannot reach them (an exception message is one string), so paths, query strings and
 * incidents' messages and stack traces go through this too. Does nothing when redaction is off.
 *
 * @example
 * redactSecrets('connect to postgres://app:s3cret@db failed', redaction);
 * // 'connect to postgres://app:[REDACTED]@db failed'
 */
export function redactSecrets(text: string, redaction: Redaction): string {
  if (!redaction.enabled || !ANY_MARKER.test(text)) return text;
  const { mask } = redaction;
  return text
    .replace(PRIVATE_KEY, mask)
    .replace(URL_PASSWORD, `$1:${mask}@`)
    .replace(BEARER, `$1 ${mask}`)
    .replace(BASIC, (whole, scheme: string, encoded: string) =>
      isUserPassword(encoded) ? `${scheme} ${mask}` : whole,
    )
    .replace(JWT, mask)
    .replace(AWS_KEY_ID, mask);
}

function isUserPassword(encoded: string): boolean {
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  return /^[^\s:]+:\S*$/.test(decoded);
}
