import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  Blackbox,
  createBlackbox,
  fromNodeRequest,
  NodeRequestBody,
  plainErrorResponse,
  sendNodeResponse,
  trackNodeResponse,
  type BlackboxOptions,
  type RequestScope,
} from '../../index.js';

/** A plain node:http request listener, synchronous or async. */
export type NodeHandler<Req extends IncomingMessage = IncomingMessage> = (
  req: Req,
  res: ServerResponse,
) => unknown;

/** What only your code knows about a request. */
export interface NodeAdapterOptions<Req extends IncomingMessage = IncomingMessage> {
  /** The route template (`/items/:id`); without it incidents are grouped by path, route is null. */
  route?: (req: Req) => string | undefined;
}

export type BlackboxRequestListener<Req extends IncomingMessage = IncomingMessage> = ((
  req: Req,
  res: ServerResponse,
) => void) & {
  /** The recorder behind the listener: `stats()`, `close()`, `createErrorResponse()`. */
  readonly blackbox: Blackbox;
};

/**
 * Records a plain node:http handler. A thrown or rejected error is answered with the error body
 * and both IDs (an error with `status: 403` etc. gets its status as text); an error after the
 * headers went out is recorded and the response cut off. The scope is also `req.blackbox`.
 *
 * @example
 * http.createServer(wrap(handler, { store: 'sqlite:./blackbox.sqlite' })).listen(3000);
 */
export function wrap<Req extends IncomingMessage = IncomingMessage>(
  handler: NodeHandler<Req>,
  options: BlackboxOptions | Blackbox = {},
  adapter: NodeAdapterOptions<Req> = {},
): BlackboxRequestListener<Req> {
  const recorder = options instanceof Blackbox ? options : createBlackbox(options);
  const listener = function blackboxRequestListener(req: Req, res: ServerResponse): void {
    let scope: RequestScope;
    try {
      scope = begin(recorder, req, res, adapter);
    } catch (error) {
      // Recording must never cost the host its request: report once and carry on unrecorded.
      recorder.config.logger.errorOnce(
        'node-begin',
        `could not start recording a request: ${String(error)}`,
      );
      void handler(req, res);
      return;
    }
    recorder.run(scope, () => {
      let result: unknown;
      try {
        result = handler(req, res);
      } catch (thrown) {
        answer(scope, req, res, thrown);
        return;
      }
      if (isThenable(result)) result.then(undefined, (thrown) => answer(scope, req, res, thrown));
    });
  };
  return Object.assign(listener, { blackbox: recorder });
}

function begin<Req extends IncomingMessage>(
  recorder: Blackbox,
  req: Req,
  res: ServerResponse,
  adapter: NodeAdapterOptions<Req>,
): RequestScope {
  const body = new NodeRequestBody(req, recorder.config);
  const { route } = adapter;
  const scope = recorder.begin(
    fromNodeRequest(req, { route: route && (() => route(req)), body: body.value }),
  );
  (req as Req & { blackbox?: RequestScope }).blackbox = scope;
  trackNodeResponse(scope, res, req);
  return scope;
}

/** Without a framework, we answer every error; after the headers, we only cut the response. */
function answer(scope: RequestScope, req: IncomingMessage, res: ServerResponse, thrown: unknown) {
  const outcome = scope.error(thrown, { headersSent: res.headersSent });
  if (res.writableEnded) return;
  if (res.headersSent) {
    // Cut the response off (so the client sees it is incomplete) once what was written is out.
    setImmediate(() => res.destroy());
    return;
  }
  // Headers the handler set before it threw (a length, a type) belong to a body never sent.
  for (const name of res.getHeaderNames()) res.removeHeader(name);
  sendNodeResponse(
    res,
    outcome.action === 'respond'
      ? outcome.response
      : plainErrorResponse(outcome.status, req.method),
  );
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
