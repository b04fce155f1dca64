import { BlackboxError } from '../errors/blackbox-error.js';

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** The shortest retention interval: pruning is batch work, not a heartbeat. */
export const MIN_RETENTION_EVERY_MS = 60_000;

/**
 * Reads a retention interval: `'30m'`, `'6h'`, `'1d'`, or milliseconds (at least one minute).
 *
 * @example
 * parseEvery('1d'); // 86400000
 */
export function parseEvery(value: string | number, name = 'retention.every'): number {
  const match = typeof value === 'string' ? /^(\d+)([mhd])$/.exec(value.trim()) : null;
  const ms =
    typeof value === 'number' ? value : match ? Number(match[1]) * UNIT_MS[match[2] as 'm'] : NaN;
  if (Number.isSafeInteger(ms) && ms >= MIN_RETENTION_EVERY_MS) return ms;
  throw new BlackboxError(
    'invalid_option',
    `${name}: expected '30m', '6h', '1d' or milliseconds of at least one minute, got ${JSON.stringify(value)}`,
  );
}
