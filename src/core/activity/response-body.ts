import { bodyPreview } from '../body/body-preview.js';
import { isJsonType, mediaTypeOf } from '../body/media-type.js';
import type { Redaction } from '../redact/redaction.js';

/** Bytes kept in memory per response: enough for a JSON body to parse, so it can be redacted. */
const CAPTURE_LIMIT = 64 * 1024;

/**
 * Keeps a bounded copy of what a response writes, for `activity.storeResponseBody`. The copy is
 * capped, so a streamed download costs at most CAPTURE_LIMIT bytes of memory.
 */
export class ResponseBodyTap {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  private total = 0;

  push(chunk: unknown, encoding?: BufferEncoding): void {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    const buffer = toBuffer(chunk, encoding);
    if (!buffer) return;
    this.total += buffer.length;
    if (this.kept >= CAPTURE_LIMIT) return;
    const part = buffer.subarray(0, CAPTURE_LIMIT - this.kept);
    this.chunks.push(part);
    this.kept += part.length;
  }

  /** The stored text: JSON redacted, text truncated, anything else described by size. */
  preview(
    contentType: string | undefined,
    options: { maxBytes: number; redaction: Redaction },
  ): string | null {
    if (this.total === 0) return null;
    const mediaType = mediaTypeOf(contentType);
    if (!mediaType || !(isJsonType(mediaType) || mediaType.startsWith('text/'))) {
      return `[${mediaType ?? 'untyped'} body: ${this.total} bytes]`;
    }
    const text = Buffer.concat(this.chunks).toString('utf8');
    if (this.total > this.kept && isJsonType(mediaType)) return `[JSON body: ${this.total} bytes]`;
    return bodyPreview(text, mediaType, { ...options, contentTypes: [mediaType] });
  }
}

function toBuffer(chunk: unknown, encoding?: BufferEncoding): Buffer | undefined {
  if (typeof chunk === 'string') return Buffer.from(chunk, encoding ?? 'utf8');
  if (chunk instanceof Uint8Array)
    return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return undefined;
}
