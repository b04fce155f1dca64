import { reasonPhrase } from '../response/reason-phrase.js';
import type { ErrorResponse } from '../response/error-response.js';

/**
 * The answer for an error the core leaves to the framework (`{ action: 'defer', status }`) when
 * there is no framework to leave it to (plain node:http, a bare fetch handler): the status and
 * its reason phrase as text. The error's own message is never sent, since it may hold secrets.
 *
 * @example
 * plainErrorResponse(403); // { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Forbidden' }
 */
export function plainErrorResponse(status: number, method = 'GET'): ErrorResponse {
  const safe = Number.isInteger(status) && status >= 400 && status <= 599 ? status : 500;
  return {
    status: safe,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    body: method.toUpperCase() === 'HEAD' ? '' : reasonPhrase(safe),
  };
}
