/**
 * Text every database takes: PostgreSQL rejects NUL in `text` columns, and with it the whole
 * batch (one `\0` in an exception message would send every row written with it to the
 * fallback file, again on each replay). NUL becomes U+FFFD on every store alike. Lone
 * surrogates need nothing here: the drivers encode them as U+FFFD themselves.
 *
 * @example
 * storableText('a\u0000b'); // 'a\uFFFDb'
 */
export function storableText(value: string): string {
  return value.includes('\u0000') ? value.replaceAll('\u0000', '\uFFFD') : value;
}

/** A shallow copy of `row` with every string field made storable (other fields as they are). */
export function withStorableText<T extends object>(row: T): T {
  const copy = { ...row } as Record<string, unknown>;
  for (const key of Object.keys(copy)) {
    const value = copy[key];
    if (typeof value === 'string') copy[key] = storableText(value);
  }
  return copy as T;
}
