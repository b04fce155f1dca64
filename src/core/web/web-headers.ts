import type { HeaderBag } from '../engine/request-snapshot.js';

/**
 * A web `Headers` as the plain lower-cased object the core stores (the shape Node gives):
 * `set-cookie` stays a list, since its values cannot be joined with commas.
 *
 * @example
 * headersToBag(new Headers({ 'Content-Type': 'text/plain' })); // { 'content-type': 'text/plain' }
 */
export function headersToBag(headers: Headers): Record<string, string | string[]> {
  const bag: Record<string, string | string[]> = {};
  for (const [name, value] of headers) {
    if (name !== 'set-cookie') bag[name] = value;
  }
  const cookies = headers.getSetCookie();
  if (cookies.length > 0) bag['set-cookie'] = cookies;
  return bag satisfies HeaderBag;
}
