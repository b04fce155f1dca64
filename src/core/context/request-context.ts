import { AsyncLocalStorage } from 'node:async_hooks';
import { BlackboxError } from '../errors/blackbox-error.js';

/** What the app can read about the request being handled, from anywhere inside it. */
export interface RequestContext {
  /** The request ID sent back in `X-Request-ID`. */
  readonly requestId: string;
  /** The incident ID sent back in `X-Incident-ID`, once this request was captured. */
  readonly incidentId: string | undefined;
}

// One storage per process, even when the ESM and the CJS builds are both loaded: each build
// finds the same instance under a registered symbol, so a context entered by one is seen by the other.
const STORAGE_KEY = Symbol.for('http-blackbox.request-context');
type Holder = { [STORAGE_KEY]?: AsyncLocalStorage<RequestContext> };

// Looked up once: a symbol-keyed read of the global object is a slow (dictionary) lookup, and
// this runs several times per request.
const sharedStorage: AsyncLocalStorage<RequestContext> = ((globalThis as Holder)[STORAGE_KEY] ??=
  new AsyncLocalStorage<RequestContext>());

function storage(): AsyncLocalStorage<RequestContext> {
  return sharedStorage;
}

/** Runs `fn` with `context` as the current request context (adapters call this once per request). */
export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage().run(context, fn);
}

/**
 * The current request's context, or undefined outside a request.
 *
 * @example
 * logger.info({ requestId: tryGetRequestContext()?.requestId }, 'charging card');
 */
export function tryGetRequestContext(): RequestContext | undefined {
  return storage().getStore();
}

/**
 * The current request's context; throws outside a request handled by http-blackbox.
 *
 * @example
 * app.use((err, req, res, next) => res.status(500).json({ id: getRequestContext().incidentId }));
 */
export function getRequestContext(): RequestContext {
  const context = storage().getStore();
  if (!context) {
    throw new BlackboxError(
      'no_request_context',
      'getRequestContext() was called outside a request handled by http-blackbox (is the middleware installed before this code runs?)',
    );
  }
  return context;
}
