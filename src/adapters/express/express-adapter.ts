import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import {
  Blackbox,
  closedScopeOf,
  createBlackbox,
  fromNodeRequest,
  scopeOf,
  sendNodeResponse,
  trackNodeResponse,
  type BlackboxOptions,
  type NodePrototypes,
  type RequestScope,
} from '../../index.js';
import { observeErrorHandlers } from './error-layer-observer.js';
import { matchedRoute } from './route-templates.js';

export interface BlackboxMiddleware extends RequestHandler {
  /** The recorder behind the middleware: `stats()`, `close()`, `captureException()`. */
  readonly blackbox: Blackbox;
}

/**
 * The Express middleware (Express 4 and 5). Mount it first; add `blackboxErrorHandler()` after
 * your routes. Errors are captured even when your own error handlers run before ours.
 *
 * @example
 * app.use(blackbox({ store: 'sqlite:./blackbox.sqlite' }));
 * // … routes and your own error handlers …
 * app.use(blackboxErrorHandler());
 */
export function blackbox(options: BlackboxOptions | Blackbox = {}): BlackboxMiddleware {
  const recorder = options instanceof Blackbox ? options : createBlackbox(options);
  const middleware = function blackboxMiddleware(req: Request, res: Response, next: NextFunction) {
    let scope: RequestScope;
    try {
      scope = beginRequest(recorder, req, res);
    } catch (error) {
      // Recording must never cost the host its request: report once and carry on unrecorded.
      recorder.config.logger.errorOnce(
        'express-begin',
        `could not start recording a request: ${String(error)}`,
      );
      return next();
    }
    recorder.run(scope, next);
  };
  return Object.assign(middleware, { blackbox: recorder });
}

function beginRequest(recorder: Blackbox, req: Request, res: Response): RequestScope {
  const scope = recorder.begin(
    fromNodeRequest(req, {
      url: req.originalUrl,
      route: () => routeOf(req),
      body: () => (req as { body?: unknown }).body,
    }),
  );
  trackNodeResponse(scope, res, req, hookApp(req));
  return scope;
}

/**
 * The last error handler: answers captured server errors with the error body and both IDs, and
 * passes everything else (4xx HTTP errors, ignored errors) on to Express untouched.
 */
export function blackboxErrorHandler(): ErrorRequestHandler {
  return function blackboxErrorHandler(
    error: unknown,
    req: Request,
    res: Response,
    next: NextFunction,
  ) {
    const outcome = noteError(req, error, res.headersSent);
    if (!outcome || outcome.action === 'defer' || res.headersSent) return next(error);
    sendNodeResponse(res, outcome.response);
  };
}

/** The request's scope, also after its response closed (see closedScopeOf). */
function requestScope(req: Request): RequestScope | undefined {
  return scopeOf(req) ?? closedScopeOf(req);
}

function noteError(req: Request, error: unknown, headersSent = false) {
  const scope = requestScope(req);
  return scope?.error(error, { headersSent: headersSent || (req.res?.headersSent ?? false) });
}

const EXPOSED = Symbol.for('http-blackbox.express.request-getter');

interface AppHooks {
  prototypes: NodePrototypes;
  errorsObserved: boolean;
}

// Per app, set up on its first request, under two keys: the app, and its `app.request`, which
// Express makes each of its requests inherit from. Property reads on Express's requests are
// slow (each request object has a hidden class of its own) while reading an object's
// prototype takes no property lookup, so later requests find their app's hooks through it.
const hooksByAppOrRequestPrototype = new WeakMap<object, AppHooks>();

/**
 * Hooks an app once: Express's shared `request`/`response` prototypes (documented as
 * extendable: `express.request`), found through the app so that express is never imported —
 * hooking them costs far less than patching every request, and `req.blackbox` becomes a getter
 * there — and its router's layers, to see errors and routes (error-layer-observer.ts).
 */
function hookApp(req: Request): NodePrototypes {
  const prototype = Object.getPrototypeOf(req) as object | null;
  const known = prototype ? hooksByAppOrRequestPrototype.get(prototype) : undefined;
  if (known?.errorsObserved) return known.prototypes;
  const app = req.app as unknown as { request?: object; response?: object } | undefined;
  if (!app) {
    observeErrorHandlers(req, noteError);
    return {};
  }
  let hooks = hooksByAppOrRequestPrototype.get(app);
  if (!hooks) {
    hooks = { prototypes: findPrototypes(app), errorsObserved: false };
    hooksByAppOrRequestPrototype.set(app, hooks);
  }
  if (!hooks.errorsObserved) hooks.errorsObserved = observeErrorHandlers(req, noteError);
  if (prototype === app.request) hooksByAppOrRequestPrototype.set(prototype, hooks);
  return hooks.prototypes;
}

function findPrototypes(app: { request?: object; response?: object }): NodePrototypes {
  if (!app.request || !app.response) return {};
  const request = Object.getPrototypeOf(app.request) as Record<symbol, unknown>;
  if (!Object.prototype.hasOwnProperty.call(request, EXPOSED)) {
    Object.defineProperty(request, EXPOSED, { value: true });
    Object.defineProperty(request, 'blackbox', {
      configurable: true,
      get(this: Request) {
        return requestScope(this);
      },
    });
  }
  return { request, response: Object.getPrototypeOf(app.response) as object };
}

/** The matched route template, mount paths included (`/api` + `/items/:id`). */
function routeOf(req: Request): string | undefined {
  const noted = matchedRoute(req);
  if (noted !== undefined) return noted;
  // Not noted (a router of another copy of Express): the concrete mount path is the best guess.
  const path = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof path !== 'string') return undefined;
  return `${req.baseUrl}${path}`;
}
