import { z } from 'zod';

const fn = <T extends (...args: never[]) => unknown>() =>
  z.custom<T>((value) => typeof value === 'function', { message: 'must be a function' });

const statusCode = z.number().int().min(100).max(599);
const statusRule = z.union([statusCode, z.tuple([statusCode, statusCode])]);
const pattern = z.union([z.string().min(1), z.instanceof(RegExp)]);
const probability = z.number().min(0).max(1);
const constructorRule = z.custom<abstract new (...args: never[]) => unknown>(
  (value) => typeof value === 'function',
);

/** The value `resolveUser` may return: an ID, or an ID plus whether the user is authenticated. */
export type ResolvedUser =
  string | number | null | undefined | { id: string | number | null; isAuthenticated?: boolean };

export interface LoggerShape {
  warn(message: string): void;
  error(message: string): void;
}

const activitySchema = z.strictObject({
  enabled: z.boolean().default(true),
  sampleRate: probability.default(1),
  ignorePaths: z.array(pattern).default([]),
  storeResponseBody: z.boolean().default(false),
  maxResponseBodyBytes: z.number().int().min(0).default(1024),
  maxChangeBytes: z.number().int().min(0).default(65_536),
});

/**
 * Every option, its default and its check. Seed settings keep their meaning in camelCase; the
 * README maps each one. Unknown keys are rejected so a typo fails at start-up, not silently.
 */
export const optionsSchema = z.strictObject({
  enabled: z.boolean().default(true),
  store: z.unknown().default('sqlite:./blackbox.sqlite'),
  migrate: z.boolean().default(true),
  addRequestIdHeader: z.boolean().default(true),
  addIncidentIdHeader: z.boolean().default(true),
  exposeJsonErrorBody: z.boolean().default(true),
  genericErrorMessage: z
    .string()
    .min(1)
    .default("Something broke on our side. We've logged it. Share the Incident ID with support."),
  includeIncidentIdInBody: z.boolean().default(true),
  errorFormat: z.enum(['json', 'problem+json']).default('json'),
  customErrorFormat: z.record(z.string(), z.unknown()).optional(),
  renderErrorPage:
    fn<
      (info: { incidentId: string; requestId: string; status: number; message: string }) => string
    >().optional(),
  return400InsteadOf500: z.boolean().default(false),
  captureStacktrace: z.boolean().default(true),
  captureExceptions: z.boolean().default(true),
  captureResponse5xx: z.boolean().default(true),
  captureStatusCodes: z.array(statusRule).default([[500, 599]]),
  ignorePaths: z.array(pattern).default([]),
  ignoreExceptions: z.array(z.union([z.string().min(1), constructorRule])).default([]),
  sampleRate: probability.default(1),
  maxBodyBytes: z.number().int().min(0).default(2048),
  storeBodyContentTypes: z
    .array(z.string().min(1))
    .default(['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data']),
  redactSensitiveData: z.boolean().default(true),
  redactMask: z.string().default('[REDACTED]'),
  redactHeaders: z.array(z.string().min(1)).default([]),
  redactFields: z.array(z.string().min(1)).default([]),
  dedupWindowSeconds: z.number().min(0).default(300),
  retentionDays: z.number().positive().default(90),
  /** Prune inside the app every interval (`'1d'`, `'6h'`, ms); one instance per interval prunes. */
  retention: z.strictObject({ every: z.union([z.string().min(1), z.number().int()]) }).optional(),
  incidentIdPrefix: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{0,40}$/)
    .default('INCIDENT-'),
  incidentIdFormat: z.union([z.enum(['counter', 'ulid']), fn<() => string>()]).default('counter'),
  idBlockSize: z.number().int().min(1).max(10_000).default(20),
  resolveUser: fn<(request: unknown) => ResolvedUser>().optional(),
  trustProxy: z.union([z.boolean(), z.number().int().min(0)]).default(false),
  logger: z
    .custom<LoggerShape>(
      (value) =>
        typeof value === 'object' &&
        value !== null &&
        typeof (value as LoggerShape).warn === 'function' &&
        typeof (value as LoggerShape).error === 'function',
      { message: 'must have warn() and error() methods' },
    )
    .default(console),
  fallbackFileLog: z.boolean().default(true),
  fallbackFilePath: z.string().min(1).default('blackbox-fallback.jsonl'),
  fallbackFileMaxBytes: z
    .number()
    .int()
    .min(1024)
    .default(50 * 1024 * 1024),
  flushIntervalMs: z.number().int().min(1).max(60_000).default(1000),
  flushBatchSize: z.number().int().min(1).max(10_000).default(500),
  maxQueueSize: z.number().int().min(1).default(10_000),
  flushOnSignals: z.boolean().default(false),
  shutdownTimeoutMs: z.number().int().min(0).default(5000),
  activity: activitySchema.prefault({}),
});

/** What a user passes to `createBlackbox` (every key optional). */
export type BlackboxOptions = z.input<typeof optionsSchema>;
/** Options after defaults, before compilation (regexes, redaction). */
export type ParsedOptions = z.output<typeof optionsSchema>;
