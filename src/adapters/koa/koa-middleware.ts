import type { Context, Middleware, Next } from 'koa';
import {
  Blackbox,
  createBlackbox,
  fromNodeRequest,
  trackNodeResponse,
  type BlackboxOptions,
  type RequestContext,
  type RequestScope,
} from '../../index.js';
import { answerUnhandledErrors, observeAppErrors } from './koa-errors.js';

declare module 'koa' {
  interface DefaultState {
    /** This request's IDs (`requestId`, `incidentId` once captured), set by http-blackbox. */
    blackbox?: RequestContext;
  }
}

export interface BlackboxKoaMiddleware extends Middleware {
  /** The recorder behind the middleware: `stats()`, `close()`, `createErrorResponse()`. */
  readonly blackbox: Blackbox;
}

const scopes = new WeakMap<object, RequestScope>();
const scopeOf = (ctx: unknown) =>
  typeof ctx === 'object' && ctx !== null ? scopes.get(ctx) : undefined;

/**
 * The Koa middleware (Koa 2 and 3). Mount it first. An error is captured when it leaves the
 * middleware below, even if one of yours above catches it; server errors that reach Koa's own
 * handler are answered with the error body and both IDs.
 *
 * @example
 * const app = new Koa();
 * app.use(blackbox({ store: 'sqlite:./blackbox.sqlite' }));
 */
export function blackbox(options: BlackboxOptions | Blackbox = {}): BlackboxKoaMiddleware {
  const recorder = options instanceof Blackbox ? options : createBlackbox(options);
  const middleware = function blackboxMiddleware(ctx: Context, next: Next) {
    let scope: RequestScope;
    try {
      scope = beginRequest(recorder, ctx);
    } catch (error) {
      // Recording must never cost the host its request: report once and carry on unrecorded.
      recorder.config.logger.errorOnce(
        'koa-begin',
        `could not start recording a request: ${String(error)}`,
      );
      return next();
    }
    return recorder.run(scope, () =>
      next().catch((error: unknown) => {
        scope.error(error, { headersSent: ctx.headerSent });
        throw error;
      }),
    );
  };
  return Object.assign(middleware, { blackbox: recorder });
}

function beginRequest(recorder: Blackbox, ctx: Context): RequestScope {
  const scope = recorder.begin(
    fromNodeRequest(ctx.req, {
      url: ctx.originalUrl,
      route: () => routeOf(ctx),
      body: () => (ctx.request as { body?: unknown }).body,
      raw: ctx,
    }),
  );
  scopes.set(ctx, scope);
  ctx.state.blackbox = scope;
  trackNodeResponse(scope, ctx.res, ctx.req);
  answerUnhandledErrors(ctx, scope);
  observeAppErrors(ctx.app, scopeOf);
  return scope;
}

/** The route template @koa/router matched (prefixes included), when it is in use. */
function routeOf(ctx: Context): string | undefined {
  const route = (ctx as { _matchedRoute?: unknown })._matchedRoute;
  if (typeof route === 'string') return route;
  return route instanceof RegExp ? String(route) : undefined;
}
