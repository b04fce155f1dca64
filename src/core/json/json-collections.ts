import { types } from 'node:util';
import { setOwn } from './set-own.js';

/** Converts one child value, one level deeper than its container. */
export type ConvertChild = (value: unknown) => unknown;

/** Marker key written in place of the keys beyond the per-object limit. */
export const TRUNCATED_KEY = '[Truncated]';
/** What a getter that throws (or a Proxy trap) turns into. */
export const UNREADABLE = '[Unreadable]';

/**
 * Copies the first `maxKeys` items of an array, reading each index on its own so that one
 * throwing getter spoils one item, not the whole array. Holes and dropped values become null.
 *
 * @example
 * copyArray([1, undefined, 3], 2, (v) => v); // [1, null, '[Truncated: 1 more items]']
 */
export function copyArray(
  array: readonly unknown[],
  maxKeys: number,
  child: ConvertChild,
): unknown[] {
  const length = array.length;
  const out: unknown[] = [];
  for (let index = 0; index < Math.min(length, maxKeys); index++) {
    out.push(readChild(array, String(index), child) ?? null);
  }
  if (length > maxKeys) out.push(`[Truncated: ${length - maxKeys} more items]`);
  return out;
}

/**
 * Copies a Set as an array (through `Set.prototype`, so an overridden `values` is not called).
 *
 * @example
 * copySet(new Set(['a', 'b']), 500, (v) => v); // ['a', 'b']
 */
export function copySet(set: Set<unknown>, maxKeys: number, child: ConvertChild): unknown[] {
  const out: unknown[] = [];
  for (const item of Set.prototype.values.call(set)) {
    if (out.length >= maxKeys) break;
    out.push(child(item) ?? null);
  }
  if (set.size > maxKeys) out.push(`[Truncated: ${set.size - maxKeys} more items]`);
  return out;
}

/**
 * Copies a Map as an object whose keys are the Map's keys as text.
 *
 * @example
 * copyMap(new Map([[1, 'one']]), 500, (v) => v); // { '1': 'one' }
 */
export function copyMap(map: Map<unknown, unknown>, maxKeys: number, child: ConvertChild): object {
  const out: Record<string, unknown> = {};
  let seen = 0;
  for (const [key, item] of Map.prototype.entries.call(map) as Iterable<[unknown, unknown]>) {
    if (seen++ >= maxKeys) break;
    const converted = child(item);
    if (converted !== undefined) setOwn(out, mapKeyText(key), converted);
  }
  if (map.size > maxKeys) setOwn(out, TRUNCATED_KEY, `${map.size - maxKeys} more keys`);
  return out;
}

/**
 * Copies an object's own enumerable string-keyed properties (plus an Error's name and message,
 * which are not enumerable but are the point of an error inside a payload).
 *
 * @example
 * copyRecord(new (class { a = 1 })(), 500, (v) => v); // { a: 1 }
 */
export function copyRecord(value: object, maxKeys: number, child: ConvertChild): object {
  const out: Record<string, unknown> = {};
  if (types.isNativeError(value)) {
    for (const key of ['name', 'message']) {
      const text = readChild(value, key, (v) => v);
      if (typeof text === 'string') setOwn(out, key, text);
    }
  }
  const keys = Object.keys(value);
  for (const key of keys.length > maxKeys ? keys.slice(0, maxKeys) : keys) {
    const converted = readChild(value, key, child);
    if (converted !== undefined) setOwn(out, key, converted);
  }
  if (keys.length > maxKeys) setOwn(out, TRUNCATED_KEY, `${keys.length - maxKeys} more keys`);
  return out;
}

function readChild(value: object, key: string, child: ConvertChild): unknown {
  let item: unknown;
  try {
    item = (value as Record<string, unknown>)[key];
  } catch {
    return UNREADABLE;
  }
  return child(item);
}

function mapKeyText(key: unknown): string {
  if (typeof key === 'string') return key;
  if (typeof key === 'symbol') return key.toString();
  // Object keys are identities, not values; calling their toString() could run hostile code.
  if (typeof key === 'number' || typeof key === 'boolean' || typeof key === 'bigint') {
    return String(key);
  }
  if (key === null || key === undefined) return String(key);
  return Object.prototype.toString.call(key);
}
