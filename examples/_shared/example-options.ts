import type { BlackboxOptions } from 'http-blackbox';

/** What every example reads from its environment (DESIGN.md: conformance app). */
export interface ExampleEnv {
  port: number;
  options: BlackboxOptions;
  adminToken: string | undefined;
}

/**
 * The options every example starts from, deep-merged with the JSON object in BLACKBOX_OPTIONS
 * (so a test or a curious user can switch any option without editing code).
 */
export function readExampleEnv(env: NodeJS.ProcessEnv = process.env): ExampleEnv {
  const base: BlackboxOptions = {
    store: env.BLACKBOX_STORE ?? 'sqlite:./blackbox.sqlite',
    flushOnSignals: true,
    ignorePaths: ['^/health$'],
    activity: { ignorePaths: ['^/health$'] },
    // The examples trust an X-User-ID header; a real app returns its session's user here.
    resolveUser: (request) => {
      const id = (request as { headers?: Record<string, unknown> }).headers?.['x-user-id'];
      return typeof id === 'string' ? id : null;
    },
  };
  const overrides = env.BLACKBOX_OPTIONS ? (JSON.parse(env.BLACKBOX_OPTIONS) as object) : {};
  return {
    port: Number(env.PORT ?? 3000),
    options: deepMerge(base, overrides) as BlackboxOptions,
    adminToken: env.BLACKBOX_ADMIN_TOKEN,
  };
}

/** Objects merge key by key; arrays and everything else are replaced. */
export function deepMerge(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override))
    return override === undefined ? base : override;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) merged[key] = deepMerge(base[key], value);
  return merged;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The line tests and the demo wait for. */
export function listeningMessage(port: number): string {
  return `listening on http://127.0.0.1:${port}`;
}
