import { STATUS_CODES } from 'node:http';

/**
 * The standard reason phrase of an HTTP status ('Internal Server Error' for 500), or a
 * generic 'Server Error' / 'Client Error' / 'Error' for codes without one (such as 599).
 *
 * @example
 * reasonPhrase(503); // 'Service Unavailable'
 * reasonPhrase(599); // 'Server Error'
 */
export function reasonPhrase(status: number): string {
  const phrase = STATUS_CODES[status];
  if (phrase !== undefined) return phrase;
  if (status >= 500 && status <= 599) return 'Server Error';
  if (status >= 400 && status <= 499) return 'Client Error';
  return 'Error';
}
