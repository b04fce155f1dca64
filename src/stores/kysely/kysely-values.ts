import { BlackboxError } from '../../core/errors/blackbox-error.js';
import { withStorableText } from '../shared/storable-text.js';
import type { DbBool, DbInt } from './kysely-tables.js';

/** Reads a boolean column whichever way the driver returns it (1, true, '1', 1n). */
export function fromDbBool(value: DbBool | string | bigint): boolean {
  return value === true || value === 1 || value === '1' || value === 1n;
}

/** Reads an integer column: PostgreSQL hands `bigint` over as a string. */
export function fromDbInt(value: DbInt): number {
  return Number(value);
}

/**
 * Clips text to a column's size in characters (code points, as MySQL counts them), never
 * splitting a surrogate pair.
 *
 * @example
 * clipText('abcdef', 3); // 'abc'
 */
export function clipText(value: string, limit: number): string {
  if (value.length <= limit) return value;
  return Array.from(value).slice(0, limit).join('');
}

/**
 * Makes the string fields of a row storable (no NUL: see `storableText`) and clips those that
 * have a limit; other fields pass through.
 */
export function clipRow<T extends object>(row: T, limits: ReadonlyMap<string, number>): T {
  const copy = withStorableText(row) as Record<string, unknown>;
  for (const [column, limit] of limits) {
    const value = copy[column];
    if (typeof value === 'string') copy[column] = clipText(value, limit);
  }
  return copy as T;
}

/** 9999-12-31T23:59:59.999Z: the last instant every dialect's time type can hold. */
const LAST_INSTANT = 253_402_300_799_999;

/**
 * Keeps an instant within 1970…9999 so every dialect can store it and SQLite's ISO text keeps
 * sorting as time (a year past 9999 would print as `+010000-…`). Query bounds such as
 * `until: new Date(8.64e15)` are clamped the same way.
 *
 * @example
 * clampInstant(Number.MAX_SAFE_INTEGER); // 253402300799999
 */
export function clampInstant(epochMs: number): number {
  if (Number.isNaN(epochMs))
    throw new BlackboxError('invalid_input', 'time: not a valid instant (NaN)');
  return Math.min(LAST_INSTANT, Math.max(0, Math.trunc(epochMs)));
}
