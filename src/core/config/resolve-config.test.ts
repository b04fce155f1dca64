import { describe, expect, it } from 'vitest';
import { BlackboxError } from '../errors/blackbox-error.js';
import { resolveConfig } from './resolve-config.js';

const quiet = { logger: { warn: () => {}, error: () => {} } };

function errorOf(options: Record<string, unknown>): BlackboxError {
  try {
    resolveConfig({ ...quiet, ...options });
  } catch (error) {
    if (error instanceof BlackboxError) return error;
    throw error;
  }
  throw new Error('expected resolveConfig to throw');
}

describe('resolveConfig', () => {
  it('applies the seed defaults', () => {
    const config = resolveConfig(quiet);
    expect(config).toMatchObject({
      enabled: true,
      captureStatusCodes: [[500, 599]],
      sampleRate: 1,
      maxBodyBytes: 2048,
      dedupWindowSeconds: 300,
      retentionDays: 90,
      redactMask: '[REDACTED]',
      return400InsteadOf500: false,
      store: 'sqlite:./blackbox.sqlite',
      activity: {
        enabled: true,
        sampleRate: 1,
        storeResponseBody: false,
        maxResponseBodyBytes: 1024,
      },
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it.each([
    [{ sampleRate: 2 }, /sampleRate \(2\)/],
    [{ captureStatusCodes: [[500, 600]] }, /captureStatusCodes\.0\.1 \(600\)/],
    [{ activity: { sampleRate: -1 } }, /activity\.sampleRate \(-1\)/],
    [{ resolveUser: 'getUser' }, /resolveUser \("getUser"\): must be a function/],
    [
      { ignorePaths: ['(unclosed'] },
      /ignorePaths\[0\] \("\(unclosed"\): not a valid regular expression/,
    ],
    [{ sampleRte: 0.5 }, /Unknown option sampleRte/],
    [{ activity: { enabeld: false } }, /Unknown option activity\.enabeld/],
    [{ logger: {} }, /logger/],
  ])('rejects %j naming the key', (options, message) => {
    const error = errorOf(options);
    expect(error.code).toBe('invalid_option');
    expect(error.message).toMatch(message);
  });

  it('compiles path patterns given as strings or regexes', () => {
    const config = resolveConfig({ ...quiet, ignorePaths: ['^/health', /metrics/g] });
    expect(config.ignorePaths.map((p) => p.test('/health'))).toEqual([true, false]);
    expect(config.ignorePaths[1]!.flags).not.toContain('g');
  });

  it('never mutates the caller’s options', () => {
    const options = { ...quiet, activity: { enabled: false } };
    const copy = structuredClone({ activity: options.activity });
    resolveConfig(options);
    expect({ activity: options.activity }).toEqual(copy);
  });

  it('warns once at start-up when redaction is off in production', () => {
    const warnings: string[] = [];
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      resolveConfig({
        redactSensitiveData: false,
        logger: { warn: (m) => warnings.push(m), error: () => {} },
      });
    } finally {
      process.env.NODE_ENV = previous;
    }
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/redactSensitiveData is false in production/);
  });
});
