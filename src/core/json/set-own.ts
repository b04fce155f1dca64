/**
 * Defines `key` as an ordinary own, enumerable, writable property of `target`.
 *
 * Plain assignment is not safe for keys taken from request data: `target['__proto__'] = v`
 * replaces the prototype instead of adding a key (prototype pollution, catalogue row P17).
 * `Object.defineProperty` always creates a real own property, which JSON.stringify then emits.
 *
 * @example
 * const out: Record<string, unknown> = {};
 * setOwn(out, '__proto__', { polluted: true });
 * Object.keys(out); // ['__proto__'], and ({}).polluted is still undefined
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
