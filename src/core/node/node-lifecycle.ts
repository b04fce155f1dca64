import type { IncomingMessage, ServerResponse } from 'node:http';
import { ResponseBodyTap } from '../activity/response-body.js';
import { emitWithinContext } from '../context/request-context.js';
import type { RequestScope } from '../engine/request-scope.js';
import { headerValue, type HeaderBag, type RequestSnapshot } from '../engine/request-snapshot.js';

/**
 * A snapshot of a Node request. Frameworks built on node:http pass their own readers for the
 * route template, handler and parsed body.
 *
 * @example
 * const scope = blackbox.begin(fromNodeRequest(req, { body: () => req.body }));
 */
export function fromNodeRequest(
  request: IncomingMessage,
  readers: Pick<RequestSnapshot, 'route' | 'handler' | 'body' | 'raw'> & { url?: string } = {},
): RequestSnapshot {
  return {
    method: request.method ?? 'GET',
    url: readers.url ?? request.url ?? '/',
    headers: request.headers,
    remoteAddress: request.socket?.remoteAddress,
    raw: readers.raw ?? request,
    route: readers.route,
    handler: readers.handler,
    body: readers.body,
  };
}

/**
 * Drives the response half of the lifecycle on a Node response: adds the IDs just before the
 * status line goes out (every write path — `end`, `write`, `writeHead` — passes through
 * `writeHead`), reports finish or abort exactly once, and keeps the request context alive in
 * the request's and response's event listeners (where body parsers resume the app).
 *
 * @example
 * trackNodeResponse(scope, res, req);
 */
export function trackNodeResponse(
  scope: RequestScope,
  response: ServerResponse,
  request?: IncomingMessage,
): void {
  if (request) emitWithinContext(request, scope);
  const writeHead = response.writeHead.bind(response);
  response.writeHead = function blackboxWriteHead(
    this: ServerResponse,
    ...args: Parameters<ServerResponse['writeHead']>
  ) {
    const status = typeof args[0] === 'number' ? args[0] : this.statusCode;
    if (!this.headersSent) {
      for (const [name, value] of Object.entries(scope.responseHeaders(status))) {
        this.setHeader(name, value);
      }
    }
    return writeHead(...args);
  } as ServerResponse['writeHead'];
  const tap = scope.wantsResponseBody ? tapResponseBody(response) : undefined;
  const finish = (aborted: boolean) => {
    const headers = response.getHeaders() as HeaderBag;
    scope.finish({
      status: response.statusCode,
      aborted,
      responseHeaders: headers,
      responseBody: tap?.preview(headerValue(headers, 'content-type'), scope.responseBodyOptions),
    });
  };
  // A response always emits 'close' (after 'finish' when it completed), so one listener tells both.
  response.once('close', () => finish(!response.writableFinished));
}

/** Keeps a bounded copy of what is written, for `activity.storeResponseBody`. */
function tapResponseBody(response: ServerResponse): ResponseBodyTap {
  const tap = new ResponseBodyTap();
  const write = response.write.bind(response) as (...args: unknown[]) => boolean;
  const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
  const encodingOf = (rest: unknown[]) =>
    typeof rest[0] === 'string' ? (rest[0] as BufferEncoding) : undefined;
  response.write = function tappedWrite(chunk: unknown, ...rest: unknown[]) {
    tap.push(chunk, encodingOf(rest));
    return write(chunk, ...rest);
  } as ServerResponse['write'];
  response.end = function tappedEnd(chunk?: unknown, ...rest: unknown[]) {
    tap.push(chunk, encodingOf(rest));
    return end(chunk, ...rest);
  } as ServerResponse['end'];
  return tap;
}

/** Writes a core error response on a Node response that has not started yet. */
export function sendNodeResponse(
  response: ServerResponse,
  answer: { status: number; headers: Record<string, string>; body: string },
): void {
  response.statusCode = answer.status;
  for (const [name, value] of Object.entries(answer.headers)) response.setHeader(name, value);
  response.end(answer.body);
}
