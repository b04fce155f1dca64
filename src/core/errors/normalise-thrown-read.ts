import { types } from 'node:util';

/** What {@link readProperty} returns when a getter or Proxy trap throws. */
export const UNREADABLE: unique symbol = Symbol('unreadable');

// Names of thrown primitives, as their wrapper classes are called.
const PRIMITIVE_CLASS_NAMES: Readonly<Record<string, string>> = {
  string: 'String',
  number: 'Number',
  boolean: 'Boolean',
  bigint: 'BigInt',
  symbol: 'Symbol',
};

// A class name is an identifier in the fingerprint and the dashboard, not a place for text.
const MAX_CLASS_NAME_CHARS = 200;

/**
 * Reads `value[key]` (own or inherited), turning a throwing getter or Proxy trap into
 * {@link UNREADABLE}.
 *
 * @example
 * readProperty({ get x(): never { throw new Error() } }, 'x') === UNREADABLE; // true
 */
export function readProperty(value: object, key: string): unknown {
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    return UNREADABLE;
  }
}

/**
 * The class name of a thrown value: the constructor's name for objects ('TypeError',
 * 'HttpError', 'Object' for plain and null-prototype objects), the wrapper name for
 * primitives ('String', 'Number'…), and 'null' or 'undefined'. Control characters are
 * escaped and the length capped. Never throws.
 *
 * @example
 * classNameOf(new RangeError('x')); // 'RangeError'
 * classNameOf('oops'); // 'String'
 */
export function classNameOf(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value !== 'object' && typeof value !== 'function')
    return PRIMITIVE_CLASS_NAMES[typeof value] ?? 'Unknown';
  const ctor = readProperty(value, 'constructor');
  const ctorName = typeof ctor === 'function' ? readProperty(ctor, 'name') : undefined;
  if (typeof ctorName === 'string' && ctorName !== '') return cleanName(ctorName);
  if (!types.isNativeError(value)) return 'Object';
  // An error whose constructor is unreadable may still say what it is.
  const name = readProperty(value, 'name');
  return typeof name === 'string' && name !== '' ? cleanName(name) : 'Error';
}

/**
 * Whether a value is an error: a native Error from any realm, or an object carrying a
 * string `stack`, the only thing that reliably survives serialisation between realms.
 *
 * @example
 * isErrorLike(new Error('x')); // true
 * isErrorLike({ message: 'x' }); // false
 */
export function isErrorLike(value: object): boolean {
  return types.isNativeError(value) || typeof readProperty(value, 'stack') === 'string';
}

function cleanName(name: string): string {
  const capped = name.length > MAX_CLASS_NAME_CHARS ? name.slice(0, MAX_CLASS_NAME_CHARS) : name;
  return capped.replace(
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    /[\u0000-\u001f\u007f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
