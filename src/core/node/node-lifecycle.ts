import type { IncomingMessage, ServerResponse } from 'node:http';
import { ResponseBodyTap } from '../activity/response-body.js';
import {
  attachScope,
  detachScope,
  hookInstances,
  hookRequestPrototype,
  hookResponsePrototype,
  scopeOf,
  sentHeaders,
} from './node-hooks.js';
import type { RequestScope } from '../engine/request-scope.js';
import { headerValue, type RequestSnapshot } from '../engine/request-snapshot.js';

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
    clientGone: () => request.socket?.destroyed === true,
  };
}

/** Prototypes a framework offers for extension, hooked once instead of every request. */
export interface NodePrototypes {
  request?: object;
  response?: object;
}

/**
 * Drives the response half of the lifecycle on a Node response: adds the IDs just before the
 * status line goes out (every write path — `end`, `write`, `writeHead` — passes through
 * `writeHead`), reports finish or abort exactly once, and keeps the request context alive in
 * the request's event listeners (where body parsers resume the app). With `prototypes`, the
 * hooks are installed once on them (cheaper); otherwise on this response and request.
 *
 * @example
 * trackNodeResponse(scope, res, req);
 */
export function trackNodeResponse(
  scope: RequestScope,
  response: ServerResponse,
  request?: IncomingMessage,
  prototypes: NodePrototypes = {},
): void {
  attachScope(response, scope);
  scope.nodeResponse = response;
  if (request) {
    attachScope(request, scope);
    scope.nodeRequest = request;
  }
  if (prototypes.request) hookRequestPrototype(prototypes.request, onRequestClose);
  if (scope.wantsResponseBody) taps.set(response, tapResponseBody(response));
  if (prototypes.response) {
    hookResponsePrototype(prototypes.response, finishResponse);
    return;
  }
  hookInstances(scope, response, prototypes.request ? undefined : request, onRequestClose);
  // A response always emits 'close' (after 'finish' when it completed), so one listener tells
  // both. One shared function, not a closure per request: it finds the scope on the response.
  response.on('close', onResponseClose);
}

/** Response copies kept for `activity.storeResponseBody`, by response. */
const taps = new WeakMap<ServerResponse, ResponseBodyTap>();

function onResponseClose(this: ServerResponse): void {
  finishResponse(this);
}

/** Ends the request once, when its response closes, and lets go of both objects. */
function finishResponse(response: ServerResponse): void {
  const scope = scopeOf(response);
  if (!scope) return;
  try {
    finishScope(scope, response, taps.get(response));
  } finally {
    detachScope(response);
    if (scope.nodeRequest) detachScope(scope.nodeRequest);
    scope.nodeRequest = scope.nodeResponse = undefined;
  }
}

/**
 * A request closing before its response: normally the response closes right after (the client
 * left). But a response Node never handed the socket to (pipelined behind one still running
 * when the client left) never emits 'close': it is finished here, as aborted.
 */
function onRequestClose(request: IncomingMessage): void {
  const response = scopeOf(request)?.nodeResponse as ServerResponse | undefined;
  if (response && !response.socket) finishResponse(response);
}

function finishScope(
  scope: RequestScope,
  response: ServerResponse,
  tap: ResponseBodyTap | undefined,
): void {
  // As the hooks noted them where they could (see RequestScope.sentStatus).
  const aborted = !(scope.responseFinished || response.writableFinished);
  const status = scope.sentStatus ?? response.statusCode;
  if (!scope.logsActivity) return scope.finish({ status, aborted });
  // The header block as sent, when it was: one string, parsed where the row is stored. Before
  // that (the client left first), the headers the app had set.
  const head = (response as { _header?: unknown })._header;
  const sent = typeof head === 'string' && head.length > 0;
  const headers = sent && !tap ? undefined : sentHeaders(response);
  scope.finish({
    status,
    aborted,
    responseHead: sent ? head : undefined,
    responseHeaders: sent ? undefined : headers,
    responseBody:
      tap && headers
        ? tap.preview(headerValue(headers, 'content-type'), scope.responseBodyOptions)
        : undefined,
  });
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
