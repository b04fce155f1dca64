/** The result of {@link truncateUtf8}. */
export interface Truncated {
  text: string;
  truncated: boolean;
}

/**
 * Cuts `text` so that its UTF-8 encoding fits in `maxBytes`, on a code-point boundary: a
 * multi-byte character or a surrogate pair is dropped whole rather than split. Lone
 * surrogates count as the 3 bytes of the U+FFFD they encode to. Only the kept prefix is
 * scanned, so a 5 MB string costs as much as `maxBytes`. A negative or NaN limit means 0.
 *
 * @example
 * truncateUtf8('añb', 2); // { text: 'a', truncated: true }  ('ñ' is 2 bytes)
 * truncateUtf8('abc', 10); // { text: 'abc', truncated: false }
 */
export function truncateUtf8(text: string, maxBytes: number): Truncated {
  const limit = Number.isNaN(maxBytes) ? 0 : Math.max(0, Math.floor(maxBytes));
  if (text.length * 3 <= limit) return { text, truncated: false };
  let bytes = 0;
  let index = 0;
  while (index < text.length) {
    const [size, units] = codePointSize(text, index);
    if (bytes + size > limit) return { text: flattenString(text.slice(0, index)), truncated: true };
    bytes += size;
    index += units;
  }
  return { text, truncated: false };
}

/** UTF-8 byte count and UTF-16 unit count of the code point starting at `index`. */
function codePointSize(text: string, index: number): [bytes: number, units: number] {
  const unit = text.charCodeAt(index);
  if (unit < 0x80) return [1, 1];
  if (unit < 0x800) return [2, 1];
  const isHigh = unit >= 0xd800 && unit <= 0xdbff;
  const next = text.charCodeAt(index + 1);
  if (isHigh && next >= 0xdc00 && next <= 0xdfff) return [4, 2];
  return [3, 1];
}

/**
 * A flat copy of a string. V8 represents `slice()` of a long string as a view that keeps the
 * whole original alive; a 10 KB preview of a 50 MB body sitting in the write queue must not
 * pin the 50 MB. UTF-16 round-tripping copies every code unit, lone surrogates included.
 *
 * @example
 * const preview = flattenString(hugeBody.slice(0, 10_000));
 */
export function flattenString(text: string): string {
  return Buffer.from(text, 'utf16le').toString('utf16le');
}
