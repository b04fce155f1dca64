/**
 * Serialises a JSON column. Records come from the core already plain, but a bigint or a cycle
 * must not cost the whole batch, so those are stored as a marker string instead of throwing.
 *
 * @example
 * toJsonText({ a: 1 }); // '{"a":1}'
 */
export function toJsonText(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    // Rare: retry with a replacer (it costs a call per value, so not on the fast path).
    try {
      return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
    } catch {
      return JSON.stringify('[unserialisable]');
    }
  }
}

/** A nullable JSON column: SQL NULL stands for a JSON null (or an absent value). */
export function toNullableJsonText(value: unknown): string | null {
  return value === null || value === undefined ? null : toJsonText(value);
}

/** Parses a JSON column, reading SQL NULL (and damaged text) as `fallback`. */
export function fromJsonText<T>(text: string | null, fallback: T): T {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/**
 * What a value looks like after a trip through a JSON column, so that the memory store hands
 * back exactly what the SQL stores would (a Date becomes its ISO string, `undefined` null).
 *
 * @example
 * throughJson({ at: new Date(0), gone: undefined }); // { at: '1970-01-01T00:00:00.000Z' }
 */
export function throughJson<T>(value: T): T {
  return fromJsonText(toNullableJsonText(value), null) as T;
}
