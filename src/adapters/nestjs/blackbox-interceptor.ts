import {
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Observable, catchError, throwError } from 'rxjs';
import { Blackbox } from '../../index.js';
import {
  rawResponseOf,
  stateOf,
  type NestRequestState,
  type PlatformRequest,
} from './request-state.js';
import { handlerNameOf, routeTemplateOf } from './route-template.js';

/**
 * Names the request for its activity row (route template, `Controller.method`) and sees every
 * error thrown by a handler, a pipe (`ValidationPipe`) or an interceptor inside it before any
 * exception filter does, so an app filter that catches everything cannot hide an incident.
 * `BlackboxModule` registers it as a global interceptor (APP_INTERCEPTOR), the outermost one.
 *
 * @example
 * // Registered by BlackboxModule; by hand it would be:
 * providers: [{ provide: APP_INTERCEPTOR, useClass: BlackboxInterceptor }]
 */
@Injectable()
export class BlackboxInterceptor implements NestInterceptor {
  constructor(@Inject(Blackbox) private readonly recorder: Blackbox) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const state = context.getType() === 'http' ? this.describe(context) : undefined;
    if (!state) return next.handle();
    const response = context.switchToHttp().getResponse<object>();
    const handled = next.handle().pipe(
      catchError((error: unknown) => {
        noteError(state, error, response);
        return throwError(() => error);
      }),
    );
    // Subscribing inside the request context runs the handler inside it, whatever the platform
    // did with async contexts on the way here (setActivityChange and @TrackChange need it).
    return new Observable((subscriber) =>
      this.recorder.run(state.scope, () => handled.subscribe(subscriber)),
    );
  }

  private describe(context: ExecutionContext): NestRequestState | undefined {
    try {
      const request = context.switchToHttp().getRequest<PlatformRequest>();
      const state = stateOf(request);
      if (!state) return undefined;
      state.request = request;
      state.route = routeTemplateOf(context, request);
      state.handler = handlerNameOf(context);
      (request as { blackbox?: unknown }).blackbox = state.scope;
      return state;
    } catch {
      // Naming the request is a nicety; the request itself must go on untouched.
      return undefined;
    }
  }
}

function noteError(state: NestRequestState, error: unknown, response: object): void {
  try {
    state.scope.error(error, { headersSent: rawResponseOf(response).headersSent });
  } catch {
    // Observing must never change what Nest does with the error.
  }
}
