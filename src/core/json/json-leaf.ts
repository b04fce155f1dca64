import { types } from 'node:util';

/** Returned by {@link toJsonLeaf} when the object is a container to walk, not a leaf. */
export const NOT_A_LEAF: unique symbol = Symbol('not a leaf');

// Arbitrary-precision number classes (decimal.js, big.js, bignumber.js, Prisma's Decimal):
// their own enumerable fields are internal digits, so their toString() is the only faithful form.
const DECIMAL_CLASS_NAMES: ReadonlySet<string> = new Set(['Decimal', 'Big', 'BigNumber']);

/**
 * Converts the objects that have a scalar JSON form: dates, binary data and decimals.
 * Anything else returns {@link NOT_A_LEAF}. May throw on hostile objects; the caller catches.
 *
 * @example
 * toJsonLeaf(new Date(0)); // '1970-01-01T00:00:00.000Z'
 * toJsonLeaf(Buffer.from('abc')); // '[binary 3 bytes]'
 * toJsonLeaf({ a: 1 }) === NOT_A_LEAF; // true
 */
export function toJsonLeaf(value: object): unknown {
  if (types.isDate(value)) {
    const time = Date.prototype.getTime.call(value);
    return Number.isNaN(time) ? null : new Date(time).toISOString();
  }
  const bytes = binaryLength(value);
  if (bytes !== undefined) return `[binary ${bytes} bytes]`;
  if (isDecimalLike(value)) return decimalText(value);
  return NOT_A_LEAF;
}

/**
 * The byte length of binary data (Buffer, any TypedArray, DataView, ArrayBuffer,
 * SharedArrayBuffer, Blob), or undefined when the value is not binary.
 *
 * @example
 * binaryLength(new Uint16Array(4)); // 8
 * binaryLength('text'); // undefined
 */
export function binaryLength(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (types.isAnyArrayBuffer(value)) return value.byteLength;
  if (value instanceof Blob) return value.size;
  return undefined;
}

function isDecimalLike(value: object): value is { toString(): unknown } {
  const ctor: unknown = (value as { constructor?: unknown }).constructor;
  if (typeof ctor !== 'function' || !DECIMAL_CLASS_NAMES.has(ctor.name)) return false;
  return typeof (value as { toString?: unknown }).toString === 'function';
}

function decimalText(value: { toString(): unknown }): string {
  const text = value.toString();
  return typeof text === 'string' ? text : '[Unreadable]';
}
