/**
 * One status code, or an inclusive range `[from, to]`.
 *
 * @example
 * const rules: StatusRule[] = [[500, 599], 429];
 */
export type StatusRule = number | readonly [number, number];

/**
 * A class name (matches the class and its subclasses) or a class (matched with instanceof).
 *
 * @example
 * const rules: ExceptionRule[] = ['AbortError', NotFoundException];
 */
export type ExceptionRule = string | (abstract new (...args: never[]) => unknown);

// Prototype chains are short; a longer one is hostile (or a Proxy that keeps answering).
const MAX_PROTOTYPE_DEPTH = 64;

/**
 * Whether `status` is named by one of the rules: a number matches itself, a pair
 * `[from, to]` matches from..to inclusive. 4xx codes match like any other (the original
 * could not capture them).
 *
 * @example
 * statusMatches([[500, 599], 429], 503); // true
 * statusMatches([[500, 599], 429], 404); // false
 */
export function statusMatches(rules: readonly StatusRule[], status: number): boolean {
  return rules.some((rule) =>
    typeof rule === 'number' ? rule === status : status >= rule[0] && status <= rule[1],
  );
}

/**
 * Whether a pattern finds a match anywhere in the path (use `^` to anchor). The query string
 * and fragment are cut off first, so `?x=/health` cannot make a request ignored. The
 * `lastIndex` of global and sticky regexes is reset, so repeated calls give the same answer.
 *
 * @example
 * pathMatchesAny([/^\/health$/], '/health?probe=1'); // true
 * pathMatchesAny([/^\/health$/], '/api?next=/health'); // false
 */
export function pathMatchesAny(patterns: readonly RegExp[], path: string): boolean {
  // Asked for every request, usually with no patterns at all: then nothing is split.
  if (patterns.length === 0) return false;
  const bare = path.split(/[?#]/, 1)[0] ?? '';
  return patterns.some((pattern) => {
    pattern.lastIndex = 0;
    const found = pattern.test(bare);
    pattern.lastIndex = 0;
    return found;
  });
}

/**
 * Whether a thrown value is ignored by one of the rules. A string rule is compared exactly
 * (no prefix matching) with the class name of the value and of every class above it on its
 * prototype chain, so `'HttpError'` also ignores its subclasses; thrown primitives are named
 * 'String', 'Number'…, and null/undefined 'null'/'undefined'. A class rule uses instanceof.
 * Never throws, whatever the value or the rule.
 *
 * @example
 * class NotFound extends Error {}
 * exceptionIgnored(['Error'], new NotFound()); // true (subclass)
 * exceptionIgnored(['NotFo'], new NotFound()); // false (no prefix matching)
 * exceptionIgnored([NotFound], new NotFound()); // true
 */
export function exceptionIgnored(rules: readonly ExceptionRule[], thrown: unknown): boolean {
  if (rules.length === 0) return false;
  const names = classNames(thrown);
  return rules.some((rule) =>
    typeof rule === 'string' ? names.includes(rule) : isInstance(thrown, rule),
  );
}

/**
 * Rolls once for sampling: a rate of 1 (or more) always keeps, 0 (or less, or NaN) never does;
 * otherwise `random()` below `rate` keeps. Call it once per request and reuse the answer.
 *
 * @example
 * sampled(0.25, () => 0.1); // true
 * sampled(0.25, () => 0.3); // false
 */
export function sampled(rate: number, random: () => number = Math.random): boolean {
  if (rate >= 1) return true;
  if (!(rate > 0)) return false;
  return random() < rate;
}

function isInstance(thrown: unknown, rule: unknown): boolean {
  try {
    return typeof rule === 'function' && thrown instanceof rule;
  } catch {
    return false;
  }
}

function classNames(thrown: unknown): string[] {
  if (thrown === null) return ['null'];
  if (typeof thrown !== 'object' && typeof thrown !== 'function') return [primitiveName(thrown)];
  const names: string[] = [];
  try {
    let proto: unknown = Object.getPrototypeOf(thrown);
    for (let depth = 0; proto !== null && depth < MAX_PROTOTYPE_DEPTH; depth++) {
      const name = constructorName(proto as object);
      if (name !== undefined) names.push(name);
      proto = Object.getPrototypeOf(proto);
    }
  } catch {
    // A Proxy trap threw: keep the names found so far.
  }
  // A null-prototype object is an 'Object', as normaliseThrown names it.
  return names.length > 0 ? names : ['Object'];
}

// Reads through property descriptors so that no getter runs (Proxy traps may; callers catch).
function constructorName(proto: object): string | undefined {
  const ctor: unknown = Object.getOwnPropertyDescriptor(proto, 'constructor')?.value;
  if (typeof ctor !== 'function') return undefined;
  const name: unknown = Object.getOwnPropertyDescriptor(ctor, 'name')?.value;
  return typeof name === 'string' ? name : undefined;
}

function primitiveName(value: unknown): string {
  if (value === undefined) return 'undefined';
  const type = typeof value;
  return type === 'bigint' ? 'BigInt' : type.charAt(0).toUpperCase() + type.slice(1);
}
