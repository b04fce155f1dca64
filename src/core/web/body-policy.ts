import { isAllowedType, mediaTypeOf } from '../body/media-type.js';

/** Bytes of a request body copied at most; a larger body is not previewed at all. */
export const REQUEST_BODY_LIMIT = 64 * 1024;

/**
 * Whether a request body is worth copying for previews: a method with a body, a content type
 * the preview may store, and a declared length (if any) within {@link REQUEST_BODY_LIMIT}.
 * Uploads and other bodies the preview would drop are never copied.
 *
 * @example
 * worthCopying('POST', 'application/json', '42', ['application/json']); // true
 */
export function worthCopying(
  method: string | undefined,
  contentType: string | null | undefined,
  contentLength: string | null | undefined,
  storable: readonly string[],
): boolean {
  if (method === 'GET' || method === 'HEAD') return false;
  const mediaType = mediaTypeOf(contentType ?? undefined);
  if (!mediaType || !isAllowedType(mediaType, storable)) return false;
  const length = Number(contentLength ?? 0);
  return Number.isFinite(length) && length <= REQUEST_BODY_LIMIT;
}
