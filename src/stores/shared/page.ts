import { BlackboxError } from '../../core/errors/blackbox-error.js';
import type { Page } from '../../core/store/store.js';

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 200;

/** Where a page ended: the sort time (epoch ms) and surrogate id of its last row. */
export interface PageKey {
  at: number;
  id: number;
}

/**
 * Turns a caller's `limit` into 1…200, defaulting to 50, so no query reads an unbounded page.
 *
 * @example
 * clampLimit(undefined); // 50
 * clampLimit(10_000); // 200
 */
export function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_PAGE_LIMIT;
  return Math.min(MAX_PAGE_LIMIT, Math.max(1, Math.floor(limit)));
}

/**
 * Encodes a keyset position as an opaque cursor; callers must not parse it, so its format may
 * change between releases.
 *
 * @example
 * decodeCursor(encodeCursor({ at: 1_700_000_000_000, id: 42 })); // { at: 1700000000000, id: 42 }
 */
export function encodeCursor(key: PageKey): string {
  return Buffer.from(`v1:${key.at}:${key.id}`, 'utf8').toString('base64url');
}

/** Decodes a cursor from `encodeCursor`; anything else is the caller's input error. */
export function decodeCursor(cursor: string | undefined): PageKey | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const match = /^v1:(-?\d+):(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new BlackboxError('invalid_input', `cursor: "${cursor}" is not a valid cursor`);
  return { at: Number(match[1]), id: Number(match[2]) };
}

/**
 * Cuts a `limit + 1` row fetch into a page: the extra row only proves that a next page exists.
 *
 * @example
 * toPage([c, b, a], 2, (row) => ({ at: row.at, id: row.id })); // { results: [c, b], next: '…' }
 */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => PageKey): Page<T> {
  if (rows.length <= limit) return { results: rows, next: null };
  const results = rows.slice(0, limit);
  const last = results[results.length - 1];
  return { results, next: last === undefined ? null : encodeCursor(keyOf(last)) };
}
