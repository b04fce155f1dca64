import { describe, it, expect } from 'vitest';
import { exceptionIgnored, pathMatchesAny, sampled, statusMatches } from './capture-rules.js';

const throwing = (): never => {
  throw new Error('hostile');
};

describe('statusMatches', () => {
  it('matches exact codes', () => {
    expect(statusMatches([500, 502], 502)).toBe(true);
    expect(statusMatches([500, 502], 501)).toBe(false);
  });

  it('matches inclusive ranges at both edges', () => {
    expect(statusMatches([[500, 599]], 500)).toBe(true);
    expect(statusMatches([[500, 599]], 599)).toBe(true);
    expect(statusMatches([[500, 599]], 600)).toBe(false);
    expect(statusMatches([[500, 599]], 499)).toBe(false);
  });

  it('matches a mix of ranges and codes, 4xx included', () => {
    const rules = [[500, 599], 429] as const;
    expect(statusMatches(rules, 429)).toBe(true);
    expect(statusMatches(rules, 404)).toBe(false);
  });

  it('matches nothing with no rules', () => {
    expect(statusMatches([], 500)).toBe(false);
  });
});

describe('pathMatchesAny', () => {
  it('searches unanchored unless the pattern is anchored', () => {
    expect(pathMatchesAny([/health/], '/api/health/check')).toBe(true);
    expect(pathMatchesAny([/^\/health$/], '/api/health')).toBe(false);
    expect(pathMatchesAny([/^\/health$/], '/health')).toBe(true);
  });

  it('matches nothing without patterns', () => {
    expect(pathMatchesAny([], '/health')).toBe(false);
  });

  it('ignores the query string and fragment', () => {
    expect(pathMatchesAny([/^\/health$/], '/health?probe=1')).toBe(true);
    expect(pathMatchesAny([/health/], '/api/users?next=/health')).toBe(false);
    expect(pathMatchesAny([/health/], '/api/users#health')).toBe(false);
  });

  it('gives the same answer on every call with a global regex', () => {
    const pattern = /health/g;
    const answers = [1, 2, 3].map(() => pathMatchesAny([pattern], '/health'));
    expect(answers).toEqual([true, true, true]);
    expect(pattern.lastIndex).toBe(0);
  });

  it('resets a sticky regex too', () => {
    const pattern = /\/health/y;
    pattern.lastIndex = 5;
    expect(pathMatchesAny([pattern], '/health')).toBe(true);
  });

  it('matches nothing with no patterns', () => {
    expect(pathMatchesAny([], '/x')).toBe(false);
  });
});

describe('exceptionIgnored', () => {
  class HttpError extends Error {}
  class NotFoundError extends HttpError {}

  it('matches the exact class name', () => {
    expect(exceptionIgnored(['HttpError'], new HttpError())).toBe(true);
    expect(exceptionIgnored(['TypeError'], new HttpError())).toBe(false);
  });

  it('includes subclasses of a named class', () => {
    expect(exceptionIgnored(['HttpError'], new NotFoundError())).toBe(true);
    expect(exceptionIgnored(['NotFoundError'], new HttpError())).toBe(false);
  });

  it('does not match by prefix or case', () => {
    expect(exceptionIgnored(['Http'], new HttpError())).toBe(false);
    expect(exceptionIgnored(['HttpErrorX'], new HttpError())).toBe(false);
    expect(exceptionIgnored(['httperror'], new HttpError())).toBe(false);
  });

  it('matches class rules with instanceof', () => {
    expect(exceptionIgnored([HttpError], new NotFoundError())).toBe(true);
    expect(exceptionIgnored([NotFoundError], new HttpError())).toBe(false);
  });

  it('names thrown primitives, null and null-prototype objects', () => {
    expect(exceptionIgnored(['String'], 'plain string')).toBe(true);
    expect(exceptionIgnored(['Number'], 1)).toBe(true);
    expect(exceptionIgnored(['BigInt'], 1n)).toBe(true);
    expect(exceptionIgnored(['null'], null)).toBe(true);
    expect(exceptionIgnored(['undefined'], undefined)).toBe(true);
    expect(exceptionIgnored(['Object'], Object.create(null))).toBe(true);
    expect(exceptionIgnored(['String'], new Error('x'))).toBe(false);
  });

  it('never throws on hostile values', () => {
    const proxy = new Proxy(
      {},
      { getPrototypeOf: throwing, get: throwing, getOwnPropertyDescriptor: throwing },
    );
    expect(exceptionIgnored(['Error'], proxy)).toBe(false);
    expect(exceptionIgnored([HttpError], proxy)).toBe(false);
    const lying = Object.create(Error.prototype, { constructor: { get: throwing } }) as object;
    expect(exceptionIgnored(['Error'], lying)).toBe(true);
  });

  it('never throws on a rule that is not a class', () => {
    const hostileRule = { [Symbol.hasInstance]: throwing } as unknown as typeof HttpError;
    expect(exceptionIgnored([hostileRule], new HttpError())).toBe(false);
    expect(exceptionIgnored([42 as unknown as typeof HttpError], new HttpError())).toBe(false);
  });

  it('ignores nothing with no rules', () => {
    expect(exceptionIgnored([], new Error())).toBe(false);
  });
});

describe('sampled', () => {
  it('always keeps at 1 and never at 0, without rolling', () => {
    const roll = (): number => {
      throw new Error('must not roll');
    };
    expect(sampled(1, roll)).toBe(true);
    expect(sampled(0, roll)).toBe(false);
    expect(sampled(NaN, roll)).toBe(false);
  });

  it('keeps when the roll is below the rate', () => {
    expect(sampled(0.25, () => 0.1)).toBe(true);
    expect(sampled(0.25, () => 0.25)).toBe(false);
    expect(sampled(0.25, () => 0.9)).toBe(false);
  });

  it('rolls exactly once', () => {
    let rolls = 0;
    sampled(0.5, () => {
      rolls++;
      return 0;
    });
    expect(rolls).toBe(1);
  });

  it('uses Math.random by default', () => {
    const results = new Set(Array.from({ length: 200 }, () => sampled(0.5)));
    expect(results).toEqual(new Set([true, false]));
  });
});
