import {
  Blackbox,
  createBlackbox,
  finishWebResponse,
  fromWebRequest,
  plainErrorResponse,
  webErrorResponse,
  WebRequestBody,
  type BlackboxOptions,
  type ErrorOutcome,
  type RequestScope,
} from '../../index.js';

/** A web-standard handler: Next.js route handlers, Bun.serve, Deno.serve, Workers' `fetch`. */
export type FetchHandler<Req extends Request = Request, Rest extends unknown[] = unknown[]> = (
  request: Req,
  ...rest: Rest
) => Response | Promise<Response>;

/** What only your runtime or router knows about a request. */
export interface FetchAdapterOptions<
  Req extends Request = Request,
  Rest extends unknown[] = unknown[],
> {
  /** The route template (`/items/:id`); without it incidents are grouped by path, route is null. */
  route?: string | ((request: Req, ...rest: Rest) => string | undefined);
  /** The client's address, e.g. Bun `(req) => server.requestIP(req)?.address`. */
  remoteAddress?: (request: Req, ...rest: Rest) => string | undefined;
}

export type BlackboxFetchHandler<
  Req extends Request = Request,
  Rest extends unknown[] = unknown[],
> = ((request: Req, ...rest: Rest) => Promise<Response>) & {
  /** The recorder behind the handler: `stats()`, `close()`, `createErrorResponse()`. */
  readonly blackbox: Blackbox;
};

/**
 * Records a web-standard handler: thrown errors become incidents answered with the error body
 * and both IDs, returned 5xx responses are captured, every request becomes an activity.
 *
 * @example
 * export const GET = withBlackbox(async (request) => Response.json(await load()), { store: 'sqlite:./blackbox.sqlite' });
 */
export function withBlackbox<Req extends Request, Rest extends unknown[]>(
  handler: FetchHandler<Req, Rest>,
  options: BlackboxOptions | Blackbox = {},
  adapter: FetchAdapterOptions<Req, Rest> = {},
): BlackboxFetchHandler<Req, Rest> {
  const recorder = options instanceof Blackbox ? options : createBlackbox(options);
  const recorded = async function blackboxFetchHandler(request: Req, ...rest: Rest) {
    let begun: { scope: RequestScope; body: WebRequestBody };
    try {
      begun = begin(recorder, request, rest, adapter);
    } catch (error) {
      // Recording must never cost the host its request: report once and carry on unrecorded.
      fail(recorder, 'fetch-begin', error);
      return handler(request, ...rest);
    }
    const { scope, body } = begun;
    return recorder.run(scope, async () => {
      let response: Response;
      try {
        response = await handler(request, ...rest);
      } catch (thrown) {
        await body.settled();
        response = answer(scope.error(thrown, { headersSent: false }), request.method);
      }
      try {
        return finishWebResponse(scope, response, {
          method: request.method,
          signal: request.signal,
          before: () => body.settled(),
        });
      } catch (error) {
        fail(recorder, 'fetch-finish', error);
        return response;
      }
    });
  };
  return Object.assign(recorded, { blackbox: recorder });
}

function begin<Req extends Request, Rest extends unknown[]>(
  recorder: Blackbox,
  request: Req,
  rest: Rest,
  adapter: FetchAdapterOptions<Req, Rest>,
): { scope: RequestScope; body: WebRequestBody } {
  const body = new WebRequestBody(request, recorder.config);
  const { route } = adapter;
  const scope = recorder.begin(
    fromWebRequest(request, {
      remoteAddress: adapter.remoteAddress?.(request, ...rest),
      route: typeof route === 'function' ? () => route(request, ...rest) : () => route,
      body: body.value,
    }),
  );
  return { scope, body };
}

/** There is no framework to leave an error to: a deferred one is answered with its status. */
function answer(outcome: ErrorOutcome, method: string): Response {
  if (outcome.action === 'respond') return webErrorResponse(outcome.response);
  return webErrorResponse(plainErrorResponse(outcome.status, method));
}

function fail(recorder: Blackbox, cause: string, error: unknown): void {
  recorder.config.logger.errorOnce(cause, `could not record a request: ${String(error)}`);
}
