import { clampInstant } from '../kysely/kysely-values.js';

// Rows written together are stamped within the same second: format the second once.
let cachedSecond = Number.NaN;
let cachedPrefix = '';

/**
 * `new Date(epochMs).toISOString()` for an instant clamped to 1970…9999 (see `clampInstant`),
 * cheaper for the stream of nearby instants an activity flush encodes: the text up to the
 * seconds is kept from the previous call when the second is the same.
 *
 * @example
 * isoInstant(Date.UTC(2024, 4, 1, 12, 0, 0, 7)); // '2024-05-01T12:00:00.007Z'
 */
export function isoInstant(epochMs: number): string {
  const ms = clampInstant(epochMs);
  const second = Math.floor(ms / 1000);
  if (second !== cachedSecond) {
    cachedPrefix = new Date(second * 1000).toISOString().slice(0, 20);
    cachedSecond = second;
  }
  const millis = ms - second * 1000;
  return `${cachedPrefix}${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
}
