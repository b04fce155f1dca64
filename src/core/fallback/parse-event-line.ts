import type { ReplayEvent } from '../store/store.js';
import { EVENT_LINE_START } from './encode-event.js';

/** Our own op_ids are 36-character UUIDs; anything this long was not written by us. */
const MAX_OP_ID_LENGTH = 200;
const NOT_JSON = 'not valid JSON (a torn or corrupted line)';

export type ParsedLine = { event: ReplayEvent } | { error: string };

/**
 * Parses one line of a fallback file. A write cut short by a full disk leaves a torn line that
 * the next append continues on the same line; the event after the tear is recovered and the
 * torn part reported, so one short write costs one record, not two.
 *
 * @example
 * parseFallbackLine('{"v":1,"op_id":"a","kind":"activity","record":{}}'); // [{ event }]
 * parseFallbackLine('{"v":1,"op_id":"a","ki{"v":1,"op_id":"b",…}'); // [{ error }, { event }]
 */
export function parseFallbackLine(text: string): ParsedLine[] {
  const whole = parseEventLine(text);
  if (!('error' in whole) || whole.error !== NOT_JSON) return [whole];
  let start = text.indexOf(EVENT_LINE_START, 1);
  for (; start !== -1; start = text.indexOf(EVENT_LINE_START, start + 1)) {
    const rest = parseEventLine(text.slice(start));
    if ('event' in rest) return [{ error: 'torn line (a write cut short)' }, rest];
  }
  return [whole];
}

/**
 * Parses and shape-checks one event. Messages never quote the line: it may hold anything, and
 * the CLI prints them.
 *
 * @example
 * parseEventLine('{"v":1,"op_'); // { error: 'not valid JSON (a torn or corrupted line)' }
 */
export function parseEventLine(text: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: NOT_JSON };
  }
  const problem = shapeProblem(value);
  return problem ? { error: problem } : { event: value as ReplayEvent };
}

function shapeProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'not an event object';
  if (value.v !== 1) return 'unsupported event version (v must be 1)';
  const opId = value.op_id;
  if (typeof opId !== 'string' || opId === '' || opId.length > MAX_OP_ID_LENGTH) {
    return `op_id must be a non-empty string of at most ${MAX_OP_ID_LENGTH} characters`;
  }
  if (value.kind !== 'incident' && value.kind !== 'activity') {
    return 'kind must be "incident" or "activity"';
  }
  if (!isObject(value.record)) return 'record must be an object';
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
