import type { Context } from 'koa';
import { sendNodeResponse, type RequestScope } from '../../index.js';

/**
 * An error no middleware caught ends in `ctx.onerror`, Koa's default answer (its text body, or
 * nothing at all once headers are out). This request's `onerror` is wrapped so that a captured
 * server error is answered with the core's error response instead. Koa's own handler still runs
 * afterwards (it emits `'error'`, the app's logging, and writes nothing to a response already
 * answered). A response whose headers are out is destroyed: Koa would leave it open forever.
 */
export function answerUnhandledErrors(ctx: Context, scope: RequestScope): void {
  const koaOnError = ctx.onerror.bind(ctx) as (error: unknown) => void;
  ctx.onerror = function blackboxOnError(error: unknown) {
    // Koa calls onerror(null) when a response finishes cleanly.
    if (error === null || error === undefined) return koaOnError(error);
    const outcome = scope.error(error, { headersSent: ctx.headerSent });
    if (outcome.action === 'respond' && !ctx.headerSent && ctx.writable) {
      for (const name of ctx.res.getHeaderNames()) ctx.res.removeHeader(name);
      sendNodeResponse(ctx.res, outcome.response);
    }
    koaOnError(error);
    if (ctx.headerSent && !ctx.res.writableEnded) ctx.res.destroy();
  };
}

const observed = new WeakSet<object>();

/**
 * Koa's documented way for an error-handling middleware that answers an error itself is to
 * `ctx.app.emit('error', err, ctx)`. Listening to that event (once per app, after Koa's own
 * logger was attached by `callback()`, so that logger stays) captures errors the app swallows.
 */
export function observeAppErrors(
  app: Context['app'],
  scopeOf: (ctx: unknown) => RequestScope | undefined,
): void {
  if (observed.has(app)) return;
  observed.add(app);
  app.on('error', function blackboxObserveAppError(error: unknown, ctx: unknown) {
    const scope = scopeOf(ctx);
    scope?.error(error, { headersSent: (ctx as Context).headerSent });
  });
}
