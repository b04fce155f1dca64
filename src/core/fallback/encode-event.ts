import type { ReplayEvent } from '../store/store.js';

/**
 * JSON.stringify already escapes \n, \r and every other C0 character, so a record can never
 * end a line early. These three it leaves raw; some line readers (Python's splitlines, editors,
 * log shippers) treat them as line breaks, so they are escaped too.
 */
const OTHER_LINE_BREAKS = /[\u0085\u2028\u2029]/g;

/**
 * Every line starts with these characters, since keys are written in a fixed order. Inside JSON
 * strings `"` is always escaped, so elsewhere in a line they can only open a nested object: the
 * reader tries each occurrence to recover an event that was appended after a torn line.
 */
export const EVENT_LINE_START = '{"v":1,"op_id":"';

/**
 * Encodes one event as one JSON Lines line, newline included. Throws when the record cannot be
 * serialised (a BigInt, a circular value); the caller counts that event as dropped.
 *
 * @example
 * encodeEventLine({ v: 1, op_id: newOpId(), kind: 'activity', record }); // '{"v":1,…}\n'
 */
export function encodeEventLine(event: ReplayEvent): string {
  const { v, op_id, kind, record } = event;
  const json = JSON.stringify({ v, op_id, kind, record });
  return `${json.replace(OTHER_LINE_BREAKS, escapeCodeUnit)}\n`;
}

function escapeCodeUnit(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Encoded lines in event order, plus how many events could not be encoded. */
export interface EncodedBatch {
  lines: Buffer[];
  unencodable: number;
}

/**
 * Encodes a batch, skipping (and counting) events that cannot be serialised so that one bad
 * record does not cost the rest of the batch.
 *
 * @example
 * const { lines, unencodable } = encodeEvents(events);
 */
export function encodeEvents(events: readonly ReplayEvent[]): EncodedBatch {
  const lines: Buffer[] = [];
  let unencodable = 0;
  for (const event of events) {
    try {
      lines.push(Buffer.from(encodeEventLine(event), 'utf8'));
    } catch {
      unencodable += 1;
    }
  }
  return { lines, unencodable };
}
