import { randomFillSync } from 'node:crypto';

/** Random bytes drawn from the system 4 KiB at a time (one call per 409 IDs). */
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

const DIGITS = '0123456789abcdef';
/** Each byte's two hex digits, as character codes: HIGH[b] then LOW[b]. */
const HIGH = Uint8Array.from({ length: 256 }, (_, b) => DIGITS.charCodeAt(b >> 4));
const LOW = Uint8Array.from({ length: 256 }, (_, b) => DIGITS.charCodeAt(b & 15));

/**
 * One ID's 36 characters are written here, then read back as one flat string. The dashes and
 * the version digit never move, and the time digits are rewritten only when the millisecond
 * changes (many IDs share one under load).
 */
const scratch = Buffer.from('00000000-0000-7000-8000-000000000000', 'latin1');
let scratchMs = 0;

/**
 * A UUID version 7 (RFC 9562): the first 48 bits are the Unix time in milliseconds, the rest is
 * random. IDs made later sort after earlier ones, so an index on them (the activities'
 * `request_id`) grows at its right edge like a timestamp index instead of splitting pages all
 * over the tree: with random (version 4) IDs that index cost more than the rest of the insert.
 *
 * Made once per request, so it is written byte by byte into a scratch buffer and read back as a
 * single string: `crypto.randomUUID()` builds its result from some twenty partial strings.
 *
 * @example
 * timeOrderedUuid(); // '019a2f3c-8e41-7b2a-9c3d-5e6f7a8b9c0d'
 * timeOrderedUuid(Date.UTC(2024, 0, 1)); // '018cc251-f400-7…'
 */
export function timeOrderedUuid(epochMs: number = Date.now()): string {
  if (poolOffset + 10 > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const ms = Math.min(Math.max(Math.trunc(epochMs), 0), 2 ** 48 - 1);
  if (ms !== scratchMs) writeTime(ms);
  const r = poolOffset;
  poolOffset += 10;
  // rand_a, 12 bits: characters 15–17 (14 is the version).
  byteAt(15, pool[r] as number);
  scratch[17] = LOW[pool[r + 1] as number] as number;
  // The variant (binary 10, so 8, 9, a or b) and 14 more bits of rand_b: characters 19–22.
  const mixed = pool[r + 2] as number;
  scratch[19] = DIGITS.charCodeAt(8 | (mixed & 3));
  scratch[20] = HIGH[mixed] as number;
  byteAt(21, pool[r + 3] as number);
  // The other 48 bits of rand_b: characters 24–35.
  for (let i = 0; i < 6; i += 1) byteAt(24 + 2 * i, pool[r + 4 + i] as number);
  return scratch.toString('latin1', 0, 36);
}

/** The 48-bit time as characters 0–7 and 9–12. */
function writeTime(ms: number): void {
  scratchMs = ms;
  const high = Math.floor(ms / 2 ** 16); // the first 32 bits
  byteAt(0, high >>> 24);
  byteAt(2, (high >>> 16) & 0xff);
  byteAt(4, (high >>> 8) & 0xff);
  byteAt(6, high & 0xff);
  const low = ms % 2 ** 16;
  byteAt(9, low >>> 8);
  byteAt(11, low & 0xff);
}

/** Writes a byte's two hex digits at `at`. */
function byteAt(at: number, byte: number): void {
  scratch[at] = HIGH[byte] as number;
  scratch[at + 1] = LOW[byte] as number;
}
