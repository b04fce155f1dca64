import { setOwn } from '../json/set-own.js';

/** The text replaced by the incident ID in a `customErrorFormat`. */
export const INCIDENT_ID_PLACEHOLDER = '<incident_id>';

// A hand-written error format is a few levels deep; anything deeper is a mistake or a cycle.
const MAX_DEPTH = 32;

/**
 * A deep copy of a JSON-like template in which every occurrence of `placeholder` in every
 * string, at any depth (objects and arrays, several per string), is replaced by `value`.
 * Other values are kept as they are. Throws on a cycle or on nesting deeper than 32 levels,
 * so that the caller can fall back to its default body.
 *
 * @example
 * replacePlaceholder({ error: { ref: 'see <incident_id>' }, codes: ['<incident_id>', 7] }, '<incident_id>', 'INCIDENT-0042');
 * // { error: { ref: 'see INCIDENT-0042' }, codes: ['INCIDENT-0042', 7] }
 */
export function replacePlaceholder(template: unknown, placeholder: string, value: string): unknown {
  return copy(template, placeholder, value, new Set(), 0);
}

function copy(
  node: unknown,
  placeholder: string,
  value: string,
  path: Set<object>,
  depth: number,
): unknown {
  // A replacer function, so that `$&` or `$'` in the value is inserted literally.
  if (typeof node === 'string') return node.replaceAll(placeholder, () => value);
  if (typeof node !== 'object' || node === null || !isPlainContainer(node)) return node;
  if (path.has(node) || depth >= MAX_DEPTH)
    throw new RangeError('error format is cyclic or too deep');
  path.add(node);
  const child = (item: unknown): unknown => copy(item, placeholder, value, path, depth + 1);
  let result: unknown;
  if (Array.isArray(node)) {
    result = node.map(child);
  } else {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(node)) setOwn(out, key, child(item));
    result = out;
  }
  path.delete(node);
  return result;
}

// Dates, URLs and other class instances are values with their own JSON form, not containers.
function isPlainContainer(node: object): boolean {
  if (Array.isArray(node)) return true;
  const proto: unknown = Object.getPrototypeOf(node);
  return proto === Object.prototype || proto === null;
}
