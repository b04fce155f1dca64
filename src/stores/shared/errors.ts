import { BlackboxError } from '../../core/errors/blackbox-error.js';

/**
 * A thrown value as one line of text, whatever was thrown.
 *
 * @example
 * describeError(new Error('disk full')); // 'disk full'
 */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? typeof error;
  } catch {
    return typeof error;
  }
}

/** Codes that describe the store itself, whose messages must say which store. */
const STORE_CODES = new Set([
  'store_unreachable',
  'store_schema_missing',
  'store_failed',
  'driver_missing',
]);

/**
 * Turns anything a store operation threw into a `BlackboxError` that names the store: a
 * missing table becomes `store_schema_missing`, any other driver error `store_failed`.
 *
 * @example
 * toStoreError(new Error('disk I/O error'), 'sqlite:./b.sqlite', () => false).message;
 * // 'sqlite:./b.sqlite: disk I/O error'
 */
export function toStoreError(
  error: unknown,
  description: string,
  isMissingTable: (error: unknown) => boolean,
): BlackboxError {
  if (error instanceof BlackboxError) {
    if (!STORE_CODES.has(error.code) || error.message.startsWith(description)) return error;
    return new BlackboxError(error.code, `${description}: ${error.message}`, { cause: error });
  }
  const reason = describeError(error);
  if (isMissingTable(error)) {
    const message = `${description}: the blackbox tables are missing (${reason}); run \`blackbox migrate\``;
    return new BlackboxError('store_schema_missing', message, { cause: error });
  }
  return new BlackboxError('store_failed', `${description}: ${reason}`, { cause: error });
}
