/** Thrown values that must never break the host response (catalogue E), as `[label, make]`. */
export type HostileValue = readonly [label: string, make: () => unknown];

const fail = (what: string) => () => {
  throw new Error(what);
};

/** `null` and `undefined` are separate: Express treats a thrown `null` as "no error" itself. */
export const NULLISH_THROWN_VALUES: readonly HostileValue[] = [
  ['null', () => null],
  ['undefined', () => undefined],
];

export const HOSTILE_THROWN_VALUES: readonly HostileValue[] = [
  ['a number', () => 42],
  ['a plain object', () => ({ code: 'E_WEIRD' })],
  [
    'an error whose getters throw',
    () => {
      const error = new Error('x');
      for (const key of ['message', 'stack', 'name', 'status']) {
        Object.defineProperty(error, key, { get: fail('getter') });
      }
      return error;
    },
  ],
  [
    'a proxy that throws on every trap',
    () =>
      new Proxy(
        {},
        {
          get: fail('trap'),
          getPrototypeOf: fail('trap'),
          has: fail('trap'),
          ownKeys: fail('trap'),
        },
      ),
  ],
  [
    'an error with a circular cause',
    () => {
      const a = new Error('a');
      (a as { cause?: unknown }).cause = new Error('b', { cause: a });
      return a;
    },
  ],
  ['an error with a 5 MB message', () => new Error('m'.repeat(5 * 1024 * 1024))],
];
