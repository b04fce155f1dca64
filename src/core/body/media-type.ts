/**
 * The media type of a Content-Type header: the part before any `;` parameter, trimmed and
 * lower-cased; undefined when there is none.
 *
 * @example
 * mediaTypeOf('Application/JSON; charset=utf-8'); // 'application/json'
 */
export function mediaTypeOf(contentType: string | undefined): string | undefined {
  if (typeof contentType !== 'string') return undefined;
  const semicolon = contentType.indexOf(';');
  const type = (semicolon === -1 ? contentType : contentType.slice(0, semicolon))
    .trim()
    .toLowerCase();
  return type.length > 0 ? type : undefined;
}

/**
 * Whether `mediaType` is JSON: `application/json` or any `application/*+json` (problem+json,
 * vnd.api+json…).
 *
 * @example
 * isJsonType('application/vnd.api+json'); // true
 */
export function isJsonType(mediaType: string): boolean {
  return mediaType === 'application/json' || /^application\/[^/\s]+\+json$/.test(mediaType);
}

/**
 * Whether bodies of `mediaType` may be stored under the allow-list `allowed` (entries given
 * as Content-Type values; parameters and case are ignored). An `application/*+json` type is
 * allowed whenever `application/json` is.
 *
 * @example
 * isAllowedType('application/problem+json', ['application/json']); // true
 * isAllowedType('text/plain', ['application/json']); // false
 */
export function isAllowedType(mediaType: string, allowed: readonly string[]): boolean {
  const types = allowed.map(mediaTypeOf);
  if (types.includes(mediaType)) return true;
  return isJsonType(mediaType) && types.includes('application/json');
}
