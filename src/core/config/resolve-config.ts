import type { z } from 'zod';
import { BlackboxError } from '../errors/blackbox-error.js';
import { createOnceLogger, type OnceLogger } from '../log/logger.js';
import { createRedaction, type Redaction } from '../redact/index.js';
import { optionsSchema, type BlackboxOptions, type ParsedOptions } from './options-schema.js';

type ActivityOptions = ParsedOptions['activity'];

/** Options resolved once at start-up: defaults applied, patterns compiled, frozen. */
export interface BlackboxConfig extends Readonly<
  Omit<ParsedOptions, 'ignorePaths' | 'activity' | 'logger'>
> {
  readonly ignorePaths: readonly RegExp[];
  readonly activity: Readonly<Omit<ActivityOptions, 'ignorePaths'>> & {
    readonly ignorePaths: readonly RegExp[];
  };
  readonly redaction: Redaction;
  readonly logger: OnceLogger;
}

/**
 * Validates and freezes the options; the caller's object is never mutated. Fails fast with a
 * `BlackboxError('invalid_option')` whose message names the key and the bad value.
 *
 * @example
 * resolveConfig({ sampleRate: 2 }); // throws: "Invalid option sampleRate (2): Too big: …"
 */
export function resolveConfig(options: BlackboxOptions = {}): BlackboxConfig {
  if (typeof options !== 'object' || options === null) {
    throw new BlackboxError('invalid_option', 'http-blackbox options must be an object');
  }
  const result = optionsSchema.safeParse(options);
  if (!result.success) throw toOptionError(result.error, options);
  const parsed = result.data;
  const logger = createOnceLogger(parsed.logger);
  const config: BlackboxConfig = {
    ...parsed,
    ignorePaths: compilePatterns(parsed.ignorePaths, 'ignorePaths'),
    activity: Object.freeze({
      ...parsed.activity,
      ignorePaths: compilePatterns(parsed.activity.ignorePaths, 'activity.ignorePaths'),
    }),
    redaction: createRedaction({
      enabled: parsed.redactSensitiveData,
      headers: parsed.redactHeaders,
      fields: parsed.redactFields,
      mask: parsed.redactMask,
    }),
    logger,
  };
  warnAboutRiskySettings(config);
  return Object.freeze(config);
}

function compilePatterns(patterns: readonly (string | RegExp)[], key: string): RegExp[] {
  return patterns.map((pattern, index) => {
    if (pattern instanceof RegExp)
      return new RegExp(pattern.source, pattern.flags.replace('g', ''));
    try {
      return new RegExp(pattern);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new BlackboxError(
        'invalid_option',
        `Invalid option ${key}[${index}] (${JSON.stringify(pattern)}): not a valid regular expression: ${reason}`,
      );
    }
  });
}

function toOptionError(error: z.ZodError, options: object): BlackboxError {
  const lines = error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const where = issue.path.length ? `${issue.path.join('.')}.` : '';
      return `Unknown option ${issue.keys.map((key) => where + key).join(', ')}`;
    }
    const key = issue.path.map(String).join('.');
    return `Invalid option ${key} (${describe(valueAt(options, issue.path))}): ${issue.message}`;
  });
  return new BlackboxError('invalid_option', `http-blackbox: ${lines.join('; ')}`);
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describe(value: unknown): string {
  if (typeof value === 'function') return 'a function';
  try {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return typeof value;
  }
}

function warnAboutRiskySettings(config: BlackboxConfig): void {
  if (!config.redactSensitiveData && process.env.NODE_ENV === 'production') {
    config.logger.warn(
      'redactSensitiveData is false in production: Authorization headers, cookies and passwords are stored as sent.',
    );
  }
}
