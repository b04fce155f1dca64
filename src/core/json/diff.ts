import { toJsonSafe } from './json-safe.js';
import { setOwn } from './set-own.js';

/**
 * The top-level fields that differ between two snapshots of a record, as `[before, after]`
 * pairs: an added field is `[null, after]`, a removed one `[before, null]`, unchanged fields
 * are left out. Values are compared by their JSON structure (nested objects deeply, key order
 * ignored), after {@link toJsonSafe}, so Dates, bigints and class instances compare as they
 * would be stored. null, undefined, arrays and other non-objects count as `{}`.
 * Never throws and never mutates its inputs.
 *
 * @example
 * diffObjects({ name: 'old', price: 1, tag: 'x' }, { name: 'new', price: 1, sku: 'A1' });
 * // { name: ['old', 'new'], tag: ['x', null], sku: [null, 'A1'] }
 */
export function diffObjects(before: unknown, after: unknown): Record<string, [unknown, unknown]> {
  const old = asRecord(toJsonSafe(before));
  const next = asRecord(toJsonSafe(after));
  const diff: Record<string, [unknown, unknown]> = {};
  for (const key of Object.keys(old)) {
    if (!Object.hasOwn(next, key)) setOwn(diff, key, [old[key], null]);
    else if (!jsonEqual(old[key], next[key])) setOwn(diff, key, [old[key], next[key]]);
  }
  for (const key of Object.keys(next)) {
    if (!Object.hasOwn(old, key)) setOwn(diff, key, [null, next[key]]);
  }
  return diff;
}

function asRecord(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return value as Record<string, unknown>;
}

/**
 * Structural equality of two JSON values: arrays by position, objects by key regardless of
 * order. The inputs come from {@link toJsonSafe}, so their depth is bounded.
 *
 * @example
 * jsonEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }); // true
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, index) => jsonEqual(item, b[index]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => Object.hasOwn(right, key) && jsonEqual(left[key], right[key]));
}
