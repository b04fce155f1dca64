// A lone UTF-16 surrogate (one half of a pair, without the other half).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text every database accepts: NUL characters (rejected by PostgreSQL `text`) and lone
 * surrogates (not encodable as UTF-8) become U+FFFD. Without this, one request with `\0` in
 * its body would make its whole incident fall back to the file, a cheap attack on observability.
 *
 * @example
 * toStorableText('a\u0000b'); // 'a\uFFFDb'
 */
export function toStorableText(text: string): string {
  return text.replaceAll('\u0000', '\uFFFD').replace(LONE_SURROGATE, '\uFFFD');
}
