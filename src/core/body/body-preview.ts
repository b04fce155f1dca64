import { binaryLength } from '../json/json-leaf.js';
import type { Redaction } from '../redact/redaction.js';
import { redactFormBody } from '../redact/redact-query.js';
import { redactValue, scrubText } from '../redact/redact-value.js';
import { isAllowedType, isJsonType, mediaTypeOf } from './media-type.js';
import { describeMultipartFields } from './multipart-fields.js';
import { toStorableText } from './storable-text.js';
import { truncateUtf8 } from './truncate-utf8.js';

/** How {@link bodyPreview} stores a body: size cap, allowed media types, redaction. */
export interface BodyPreviewOptions {
  /** UTF-8 bytes kept, before the `…[truncated]` marker. */
  maxBytes: number;
  /** Media types whose bodies may be stored, e.g. `['application/json']`. */
  contentTypes: readonly string[];
  redaction: Redaction;
}

const TRUNCATION_MARK = '…[truncated]';

/**
 * The text to store for a request body the app already parsed, or null when it must not be
 * stored (type not allowed, body not read, failure). Redaction happens before truncation,
 * so a cut can never expose part of a secret. Binary bodies are described by size, multipart
 * bodies by their fields (files by name and size), and a string declared as JSON that does not
 * parse is described by size while redaction is on, since its secrets cannot be found.
 * Never throws.
 *
 * @example
 * bodyPreview({ user: 'ann', password: 'x' }, 'application/json', { maxBytes: 1024, contentTypes: ['application/json'], redaction });
 * // '{"user":"ann","password":"[REDACTED]"}'
 */
export function bodyPreview(
  body: unknown,
  contentType: string | undefined,
  options: BodyPreviewOptions,
): string | null {
  try {
    if (body === undefined || body === null) return null;
    const mediaType = mediaTypeOf(contentType);
    if (mediaType === undefined || !isAllowedType(mediaType, options.contentTypes)) return null;
    const text = previewText(body, mediaType, options.redaction);
    if (text === undefined) return null;
    const cut = truncateUtf8(toStorableText(text), options.maxBytes);
    return cut.truncated ? cut.text + TRUNCATION_MARK : cut.text;
  } catch {
    return null;
  }
}

function previewText(body: unknown, mediaType: string, redaction: Redaction): string | undefined {
  const bytes = binaryLength(body);
  if (bytes !== undefined) return `[binary body: ${bytes} bytes]`;
  if (typeof body === 'string') return stringPreview(body, mediaType, redaction);
  const fields = mediaType.startsWith('multipart/') ? describeMultipartFields(body) : body;
  return JSON.stringify(redactValue(fields, redaction));
}

function stringPreview(body: string, mediaType: string, redaction: Redaction): string {
  if (mediaType === 'application/x-www-form-urlencoded') return redactFormBody(body, redaction);
  if (mediaType.startsWith('multipart/'))
    return `[unparsed multipart body: ${Buffer.byteLength(body)} bytes]`;
  if (isJsonType(mediaType)) return jsonStringPreview(body, redaction);
  // A JSON document sent as text/plain still gets its redacted keys masked when it parses;
  // any text gets the secrets recognisable by value masked.
  return scrubText(body, redaction);
}

function jsonStringPreview(body: string, redaction: Redaction): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    if (!redaction.enabled) return body;
    return `[unparseable JSON body: ${Buffer.byteLength(body)} bytes]`;
  }
  return JSON.stringify(redactValue(parsed, redaction)) ?? body;
}
