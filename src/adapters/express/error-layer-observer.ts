import type { Request } from 'express';
import { observeRouteMatches } from './route-templates.js';

const OBSERVED = Symbol.for('http-blackbox.express.error-layers-observed');

type ErrorMethod = (this: Layer, error: unknown, req: Request, ...rest: unknown[]) => unknown;
interface Layer {
  handle?: { length: number };
}
type LayerPrototype = Record<string, unknown> & { [OBSERVED]?: true };

/**
 * Express calls an app's error handlers before ours, and a handler may answer and swallow the
 * error. To capture it all the same, we observe the router's Layer: each time an error enters an
 * error-handling layer (a 4-argument function), `onError` sees it first. The Layer prototype is
 * found through the app's own router (no runtime import of express) and patched once per copy;
 * Express 4 names the method `handle_error`, Express 5's router `handleError`. Returns false
 * while the app's router has no layer to find it by (ask again on the next request).
 */
export function observeErrorHandlers(
  req: Request,
  onError: (req: Request, error: unknown) => unknown,
): boolean {
  const layer = routerOf(req)?.stack?.[0];
  if (!layer) return false;
  const proto = Object.getPrototypeOf(layer) as LayerPrototype;
  // The same prototype tells which routes a request enters (route-templates.ts).
  observeRouteMatches(proto);
  if (proto[OBSERVED]) return true;
  proto[OBSERVED] = true;
  for (const name of ['handleError', 'handle_error']) {
    const original = proto[name];
    if (typeof original !== 'function') continue;
    proto[name] = function observedHandleError(
      this: Layer,
      error: unknown,
      request: Request,
      ...rest: unknown[]
    ) {
      if (this.handle?.length === 4 && error !== 'route' && error !== 'router') {
        try {
          onError(request, error);
        } catch {
          // Observing must never change what Express does with the error.
        }
      }
      return (original as ErrorMethod).call(this, error, request, ...rest);
    };
  }
  return true;
}

interface RouterLike {
  stack?: object[];
}

/** Express 4 keeps its router in `_router` (its `router` getter throws); Express 5 in `router`. */
function routerOf(req: Request): RouterLike | undefined {
  const app = req.app as unknown as { _router?: RouterLike; router?: RouterLike } | undefined;
  if (!app) return undefined;
  if (app._router) return app._router;
  try {
    return app.router;
  } catch {
    return undefined;
  }
}
