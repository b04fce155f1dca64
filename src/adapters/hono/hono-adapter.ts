import type { Context, ErrorHandler, MiddlewareHandler } from 'hono';
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
  type RequestContext,
  type RequestScope,
} from '../../index.js';
import { remoteAddressOf, routeOf } from './hono-request.js';

interface RequestState {
  scope: RequestScope;
  body: WebRequestBody;
}

// Context → its request's state, process-wide so the ESM and CJS builds find the same one.
const STATES_KEY = Symbol.for('http-blackbox.hono-states');
const holder = globalThis as { [STATES_KEY]?: WeakMap<Context, RequestState> };
const states = (holder[STATES_KEY] ??= new WeakMap<Context, RequestState>());

/** Hono `Env` fragment for typed access to the scope: `new Hono<BlackboxEnv>()`, `c.get('blackbox')`. */
export type BlackboxEnv = { Variables: { blackbox: RequestContext } };

export interface BlackboxMiddleware extends MiddlewareHandler {
  /** The recorder behind the middleware: `stats()`, `close()`, `createErrorResponse()`. */
  readonly blackbox: Blackbox;
}

/**
 * The Hono 4 middleware. Register it first. Errors are captured whether your own `onError`
 * answers them or `blackboxErrorHandler()` does; the scope is also `c.get('blackbox')`.
 *
 * @example
 * app.use(blackbox({ store: 'sqlite:./blackbox.sqlite' }));
 * app.onError(blackboxErrorHandler()); // or keep your own onError
 */
export function blackbox(options: BlackboxOptions | Blackbox = {}): BlackboxMiddleware {
  const recorder = options instanceof Blackbox ? options : createBlackbox(options);
  const middleware: MiddlewareHandler = async function blackboxMiddleware(c, next) {
    let state: RequestState;
    try {
      state = begin(recorder, c);
    } catch (error) {
      // Recording must never cost the host its request: report once and carry on unrecorded.
      fail(recorder, 'hono-begin', error);
      return next();
    }
    await recorder.run(state.scope, () => handle(c, next, state));
    try {
      const finished = finishWebResponse(state.scope, c.res, {
        method: c.req.method,
        signal: c.req.raw.signal,
        before: () => state.body.settled(),
      });
      // Unset first, or Hono's setter copies the old headers into yet another Response.
      c.res = undefined;
      c.res = finished;
    } catch (error) {
      fail(recorder, 'hono-finish', error);
    }
  };
  return Object.assign(middleware, { blackbox: recorder });
}

function begin(recorder: Blackbox, c: Context): RequestState {
  const request = c.req.raw;
  const body = new WebRequestBody(request, recorder.config);
  const scope = recorder.begin(
    fromWebRequest(request, {
      remoteAddress: remoteAddressOf(c),
      route: () => routeOf(c),
      body: body.value,
      raw: c,
    }),
  );
  const state = { scope, body };
  states.set(c, state);
  (c as Context<BlackboxEnv>).set('blackbox', scope);
  return state;
}

async function handle(c: Context, next: () => Promise<void>, state: RequestState): Promise<void> {
  try {
    await next();
  } catch (thrown) {
    // Hono's onError only takes Error instances: a thrown string, or an error the app's own
    // onError threw again, ends up here. The first error of the request is the incident.
    if (c.error) await noteError(state, c.error);
    c.res = answer(await noteError(state, thrown), c.req.method);
    return;
  }
  // Set whenever a handler threw, even if the app's own onError answered and swallowed it.
  if (c.error) await noteError(state, c.error);
}

/**
 * An `app.onError` handler: answers captured server errors with the error body and both IDs;
 * an `HTTPException` keeps Hono's own response, any other error gets its status as text. Given
 * your own handler, it records the error first and lets yours answer: Hono runs `onError`
 * before the middleware sees the error, so only this way can your handler read the incident ID.
 *
 * @example
 * app.onError(blackboxErrorHandler());
 * app.onError(blackboxErrorHandler((err, c) => c.json({ id: c.get('blackbox').incidentId }, 500)));
 */
export function blackboxErrorHandler(handler?: ErrorHandler): ErrorHandler {
  return async function blackboxErrorHandler(error, c) {
    const state = states.get(c);
    const outcome = state && (await noteError(state, error));
    if (handler) return handler(error, c);
    if (outcome?.action !== 'respond' && hasResponse(error)) return error.getResponse();
    return answer(outcome ?? { action: 'defer', status: 500 }, c.req.method);
  };
}

async function noteError(state: RequestState, error: unknown): Promise<ErrorOutcome> {
  await state.body.settled();
  return state.scope.error(error, { headersSent: false });
}

function answer(outcome: ErrorOutcome, method: string): Response {
  if (outcome.action === 'respond') return webErrorResponse(outcome.response);
  return webErrorResponse(plainErrorResponse(outcome.status, method));
}

function hasResponse(error: unknown): error is { getResponse: () => Response } {
  return typeof (error as { getResponse?: unknown }).getResponse === 'function';
}

function fail(recorder: Blackbox, cause: string, error: unknown): void {
  recorder.config.logger.errorOnce(cause, `could not record a request: ${String(error)}`);
}
