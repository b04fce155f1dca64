import { types } from 'node:util';
import { NOT_A_LEAF, toJsonLeaf } from './json-leaf.js';
import { copyArray, copyMap, copyRecord, copySet, UNREADABLE } from './json-collections.js';

/** How deep {@link toJsonSafe} walks before writing `"[Truncated]"`. */
export const DEFAULT_JSON_MAX_DEPTH = 12;
/** How many keys or items {@link toJsonSafe} keeps per object, array, Map or Set. */
export const DEFAULT_JSON_MAX_KEYS = 500;
/**
 * How many values {@link toJsonSafe} converts in total. Depth and width limits alone still
 * allow 500^12 values when siblings share references; this bounds the work on any graph.
 */
export const DEFAULT_JSON_MAX_NODES = 20_000;

const CIRCULAR = '[Circular]';
const TRUNCATED = '[Truncated]';

/** Limits of {@link toJsonSafe}; each defaults to the matching `DEFAULT_JSON_MAX_*`. */
export interface JsonSafeOptions {
  maxDepth?: number;
  maxKeys?: number;
  maxNodes?: number;
}

interface Walk {
  readonly maxDepth: number;
  readonly maxKeys: number;
  nodesLeft: number;
  // Only the objects on the current path: a value shared by two siblings is not a cycle.
  readonly ancestors: Set<object>;
}

/**
 * A deep copy of any value that `JSON.stringify` can serialise without throwing and that
 * round-trips through JSON unchanged. Never throws and never mutates (or tags) its input.
 *
 * Dates become ISO strings (invalid ones null), bigints strings, Maps objects, Sets arrays,
 * binary data `"[binary N bytes]"`, decimals their `toString()`; `toJSON()` is honoured;
 * other objects keep their own enumerable properties. Cycles become `"[Circular]"`, throwing
 * getters `"[Unreadable]"`; objects nested past `maxDepth`, or met once `maxNodes` values
 * were converted, `"[Truncated]"`. NaN and ±Infinity become null. Functions, symbols and
 * undefined are dropped from objects and become null in arrays, as `JSON.stringify` does.
 * Past `maxKeys`, the rest of an array is summarised by one `"[Truncated: N more items]"`
 * entry and the rest of an object by a `"[Truncated]"` key.
 *
 * @example
 * const a: Record<string, unknown> = { when: new Date(0), n: 10n };
 * a.self = a;
 * toJsonSafe(a); // { when: '1970-01-01T00:00:00.000Z', n: '10', self: '[Circular]' }
 */
export function toJsonSafe(value: unknown, options: JsonSafeOptions = {}): unknown {
  const walk: Walk = {
    maxDepth: options.maxDepth ?? DEFAULT_JSON_MAX_DEPTH,
    maxKeys: options.maxKeys ?? DEFAULT_JSON_MAX_KEYS,
    nodesLeft: options.maxNodes ?? DEFAULT_JSON_MAX_NODES,
    ancestors: new Set(),
  };
  return convert(value, 0, walk);
}

function convert(value: unknown, depth: number, walk: Walk): unknown {
  walk.nodesLeft--;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'bigint':
      return value.toString();
    case 'object':
      return value === null ? null : convertObject(value, depth, walk);
    default:
      return undefined;
  }
}

function convertObject(value: object, depth: number, walk: Walk): unknown {
  if (walk.ancestors.has(value)) return CIRCULAR;
  walk.ancestors.add(value);
  try {
    const leaf = toJsonLeaf(value);
    if (leaf !== NOT_A_LEAF) return leaf;
    if (depth > walk.maxDepth || walk.nodesLeft <= 0) return TRUNCATED;
    return convertContainer(value, depth, walk);
  } catch {
    return UNREADABLE;
  } finally {
    walk.ancestors.delete(value);
  }
}

function convertContainer(value: object, depth: number, walk: Walk): unknown {
  const child = (item: unknown): unknown => convert(item, depth + 1, walk);
  const toJSON: unknown = (value as { toJSON?: unknown }).toJSON;
  // The result goes one level deeper so that a toJSON returning fresh objects forever stops.
  if (typeof toJSON === 'function') return child(toJSON.call(value));
  if (Array.isArray(value)) return copyArray(value, walk.maxKeys, child);
  if (types.isSet(value)) return copySet(value, walk.maxKeys, child);
  if (types.isMap(value)) return copyMap(value, walk.maxKeys, child);
  return copyRecord(value, walk.maxKeys, child);
}
