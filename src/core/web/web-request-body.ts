import type { BlackboxConfig } from '../config/resolve-config.js';
import { mediaTypeOf } from '../body/media-type.js';
import { REQUEST_BODY_LIMIT, worthCopying } from './body-policy.js';
/** How long a record waits for a body that has not fully arrived (a slow or stalled client). */
const SETTLE_WAIT_MS = 250;

/**
 * The request body for incident and activity previews, read from a clone so the app's own
 * stream is never consumed: `request.clone()` tees the body, the app reads one branch, we read
 * the other (bounded by {@link REQUEST_BODY_LIMIT}). Only bodies the preview could store are
 * copied (a storable content type, a declared length within the limit), so uploads and
 * streamed bodies cost nothing. Never throws.
 *
 * @example
 * const body = new WebRequestBody(request, blackbox.config);
 * const scope = blackbox.begin(fromWebRequest(request, { body: body.value }));
 * // … before scope.error / scope.finish:
 * await body.settled();
 */
export class WebRequestBody {
  private body: unknown;
  private readonly reading: Promise<void> | undefined;

  constructor(request: Request, config: Pick<BlackboxConfig, 'storeBodyContentTypes'>) {
    const { headers } = request;
    this.reading = worthCopying(
      request.method,
      headers.get('content-type'),
      headers.get('content-length'),
      config.storeBodyContentTypes,
    )
      ? this.copy(request)
      : undefined;
  }

  /** The body read so far: text, multipart fields, or undefined (none, too large, not yet read). */
  readonly value = (): unknown => this.body;

  /** Resolves once the copy is complete, or after a short wait for a client still sending. */
  settled(): Promise<void> {
    if (!this.reading) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, SETTLE_WAIT_MS);
      timer.unref?.();
      void this.reading!.then(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private async copy(request: Request): Promise<void> {
    try {
      const bytes = await readCapped(request.clone().body);
      if (bytes === undefined) return;
      const contentType = request.headers.get('content-type') ?? '';
      this.body = mediaTypeOf(contentType)?.startsWith('multipart/')
        ? await multipartFields(bytes, contentType)
        : new TextDecoder().decode(bytes);
    } catch {
      // A body we cannot copy only costs its preview.
    }
  }
}

/** All of the stream's bytes, or undefined when there are more than the limit (then cancelled). */
async function readCapped(
  stream: ReadableStream<Uint8Array> | null,
): Promise<Uint8Array | undefined> {
  if (!stream) return undefined;
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > REQUEST_BODY_LIMIT) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Multipart fields with files as `File` objects, which the preview describes by name and size. */
async function multipartFields(bytes: Uint8Array, contentType: string): Promise<unknown> {
  const form = await new Response(bytes as Uint8Array<ArrayBuffer>, {
    headers: { 'content-type': contentType },
  }).formData();
  const fields: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [name, value] of form) {
    // A repeated field (several files under one name) becomes a list, as parsers give it.
    const previous: unknown = fields[name];
    if (previous === undefined) fields[name] = value;
    else if (Array.isArray(previous)) previous.push(value);
    else fields[name] = [previous, value];
  }
  return fields;
}
