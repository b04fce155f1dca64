import { ResponseBodyTap } from '../activity/response-body.js';
import type { RequestScope } from '../engine/request-scope.js';
import type { RequestSnapshot } from '../engine/request-snapshot.js';
import type { ErrorResponse } from '../response/error-response.js';
import { observeBody } from './web-body-stream.js';
import { headersToBag } from './web-headers.js';

/** What an adapter knows about a web request beyond the `Request` itself. */
export type WebRequestReaders = Pick<RequestSnapshot, 'route' | 'handler' | 'body' | 'raw'> & {
  /** The client's address: a web `Request` has none, the runtime or the bridge knows it. */
  remoteAddress?: string;
};

/** Statuses whose responses never have a body (RFC 9110), so there is nothing to wait for. */
const NULL_BODY_STATUSES = new Set([204, 205, 304]);

/**
 * A snapshot of a web-standard `Request` (Hono, Next.js route handlers, Bun, Deno, Workers).
 * The remote address is passed in, since a `Request` does not carry one.
 *
 * @example
 * const scope = blackbox.begin(fromWebRequest(request, { remoteAddress: info.remoteAddr.hostname }));
 */
export function fromWebRequest(request: Request, readers: WebRequestReaders = {}): RequestSnapshot {
  return {
    method: request.method,
    url: pathAndQuery(request.url),
    headers: headersToBag(request.headers),
    remoteAddress: readers.remoteAddress,
    raw: readers.raw ?? request,
    route: readers.route,
    handler: readers.handler,
    body: readers.body,
    clientGone: () => request.signal.aborted,
  };
}

/** How {@link finishWebResponse} learns about the request the response answers. */
export interface FinishWebOptions {
  /** The request's method: a HEAD response's body is never read, so it is finished at once. */
  method: string;
  /** The request's abort signal: a client gone before the body was read is an aborted request. */
  signal?: AbortSignal;
  /** Awaited before the activity is recorded (e.g. `WebRequestBody.settled`). */
  before?: () => Promise<void>;
}

/**
 * The response half of the lifecycle for a web `Response`: returns a copy with the IDs added
 * (`scope.responseHeaders`, so a returned 5xx is captured here) whose body reports the end, a
 * cancel (aborted) or a failure after the status went out (captured with `headersSent`) and
 * feeds the response-body tap. Works on immutable responses (from `fetch()`) since it copies.
 * Responses the web cannot copy (101 upgrades, a Workers `webSocket`) pass through untouched.
 *
 * @example
 * return finishWebResponse(scope, await handler(request), { method: request.method, signal: request.signal });
 */
export function finishWebResponse(
  scope: RequestScope,
  response: Response,
  options: FinishWebOptions,
): Response {
  const { status } = response;
  const finish = finisher(scope, status, options);
  if (status < 200 || status > 599 || (response as { webSocket?: unknown }).webSocket) {
    finish(false, response.headers, undefined);
    return response;
  }
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(scope.responseHeaders(status))) {
    headers.set(name, value);
  }
  const init = { status, statusText: response.statusText, headers };
  const body = response.body;
  if (!body || options.method === 'HEAD' || NULL_BODY_STATUSES.has(status)) {
    finish(options.signal?.aborted ?? false, headers, undefined);
    return new Response(NULL_BODY_STATUSES.has(status) ? null : body, init);
  }
  const tap = scope.wantsResponseBody ? new ResponseBodyTap() : undefined;
  const onAbort = () => finish(true, headers, tap);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const done = (aborted: boolean) => {
    options.signal?.removeEventListener('abort', onAbort);
    finish(aborted, headers, tap);
  };
  const observed = observeBody(body, {
    chunk: tap && ((chunk) => tap.push(chunk)),
    end: () => done(false),
    cancel: () => done(true),
    error: (error) => {
      scope.error(error, { headersSent: true });
      done(true);
    },
  });
  return new Response(observed, init);
}

/**
 * A web `Response` for a core error response (`scope.error` → `respond`, or
 * `blackbox.createErrorResponse`).
 *
 * @example
 * if (outcome.action === 'respond') return webErrorResponse(outcome.response);
 */
export function webErrorResponse(answer: ErrorResponse): Response {
  return new Response(answer.body === '' ? null : answer.body, {
    status: answer.status,
    headers: answer.headers,
  });
}

type Finish = (aborted: boolean, headers: Headers, tap: ResponseBodyTap | undefined) => void;

/** Reports finish once; waits for `before` (the request body copy) so the row has the body. */
function finisher(scope: RequestScope, status: number, options: FinishWebOptions): Finish {
  let called = false;
  return (aborted, headers, tap) => {
    if (called) return;
    called = true;
    const record = () =>
      scope.finish(
        scope.logsActivity
          ? {
              status,
              aborted,
              responseHeaders: headersToBag(headers),
              responseBody: tap?.preview(
                headers.get('content-type') ?? undefined,
                scope.responseBodyOptions,
              ),
            }
          : { status, aborted },
      );
    if (!options.before || !scope.logsActivity) return record();
    void options.before().then(record, record);
  };
}

/** `/items/7?x=1` from an absolute URL, without a full URL parse per request. */
export function pathAndQuery(url: string): string {
  const scheme = url.indexOf('://');
  if (scheme === -1) return url || '/';
  const slash = url.indexOf('/', scheme + 3);
  if (slash === -1) {
    const mark = url.indexOf('?', scheme + 3);
    return mark === -1 ? '/' : `/${url.slice(mark)}`;
  }
  return url.slice(slash);
}
