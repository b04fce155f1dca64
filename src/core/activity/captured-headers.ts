import type { HeaderBag } from '../engine/request-snapshot.js';
import { redactHeaders, type Redaction } from '../redact/index.js';
import type { ActivityRecord } from '../store/records.js';

/**
 * An activity's headers as the request left them, not yet redacted: copying and redacting two
 * header objects was a third of what an activity cost the app's thread (27,000 of 98,000
 * instructions a request, counted with `npm run bench:instructions`). Kept this way until the
 * row is stored, they are redacted where that happens: on the SQLite writer thread, or here
 * just before any other store, the fallback file or a user's store sees the record.
 */
export interface CapturedHeaders {
  readonly redaction: Redaction;
  /** The request's headers object itself (not a copy: the request is over). */
  readonly request: HeaderBag;
  /**
   * The header block node:http sent (`HTTP/1.1 200 OK\r\nName: value\r\n…`), when it sent one;
   * otherwise the headers as set by the app (no head sent) or of a web Response.
   */
  readonly response?: string | HeaderBag;
}

/** A record on its way to the store, its headers possibly still as captured. */
export interface QueuedActivity extends ActivityRecord {
  captured?: CapturedHeaders;
}

/**
 * Marks a store that takes records with captured headers and redacts them itself (the SQLite
 * writer thread). Every other store gets settled records.
 */
export const SETTLES_CAPTURED_HEADERS = Symbol.for('http-blackbox.settles-captured-headers');

export function settlesCapturedHeaders(store: object): boolean {
  return (store as { [SETTLES_CAPTURED_HEADERS]?: unknown })[SETTLES_CAPTURED_HEADERS] === true;
}

/**
 * Redacts the captured headers into `requestHeaders` and `responseHeaders` and drops the
 * captured copy, in place (a record is settled once, whoever gets it first).
 */
export function settleActivity(record: QueuedActivity): ActivityRecord {
  const captured = record.captured;
  if (captured === undefined) return record;
  const { requestHeaders, responseHeaders } = redactCaptured(captured, captured.redaction);
  record.requestHeaders = requestHeaders;
  record.responseHeaders = responseHeaders;
  delete record.captured;
  return record;
}

/** The stored form of captured headers (what `settleActivity` fills in). */
export function redactCaptured(
  captured: Omit<CapturedHeaders, 'redaction'>,
  redaction: Redaction,
): Pick<ActivityRecord, 'requestHeaders' | 'responseHeaders'> {
  const response =
    typeof captured.response === 'string'
      ? parseResponseHead(captured.response)
      : captured.response;
  return {
    requestHeaders: redactHeaders(captured.request, redaction),
    responseHeaders: response === undefined ? {} : redactHeaders(response, redaction),
  };
}

/**
 * The headers of a response header block, names in lower case, a repeated name (two
 * Set-Cookie) as a list. The status line and malformed lines are skipped.
 *
 * @example
 * parseResponseHead('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n');
 * // { 'content-type': 'text/plain' }
 */
export function parseResponseHead(head: string): Record<string, string | string[]> {
  // No prototype: a header named `__proto__` is a name like any other.
  const headers = Object.create(null) as Record<string, string | string[]>;
  let start = head.indexOf('\r\n') + 2;
  while (start > 1 && start < head.length) {
    const found = head.indexOf('\r\n', start);
    const end = found === -1 ? head.length : found;
    const colon = head.indexOf(':', start);
    if (colon > start && colon < end) {
      const name = head.slice(start, colon).trim().toLowerCase();
      const value = head.slice(colon + 1, end).trim();
      const previous = headers[name];
      if (previous === undefined) headers[name] = value;
      else if (Array.isArray(previous)) previous.push(value);
      else headers[name] = [previous, value];
    }
    start = end + 2;
  }
  return headers;
}
