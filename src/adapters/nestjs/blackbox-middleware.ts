import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import { Blackbox, fromNodeRequest, trackNodeResponse } from '../../index.js';
import { attachState, type NestRequestState } from './request-state.js';
import { matchedRoute } from './route-template.js';

type NodeRequest = IncomingMessage & { originalUrl?: string; body?: unknown };

/**
 * Starts recording each request. `BlackboxModule` mounts it first: on Express directly on the
 * app, ahead of Nest's body parsers; on Fastify as the middleware of a global module, which
 * Nest mounts before the middleware of the app's own modules. Both platforms hand it the Node
 * request and response (Express's extend them; on Fastify, middie passes the raw ones), so
 * this one class serves both.
 *
 * @example
 * // Mounted by BlackboxModule; by hand, in a module's configure():
 * consumer.apply(BlackboxMiddleware).forRoutes('{*path}');
 */
@Injectable()
export class BlackboxMiddleware implements NestMiddleware {
  constructor(@Inject(Blackbox) private readonly recorder: Blackbox) {}

  use(req: NodeRequest, res: ServerResponse, next: (error?: unknown) => void): void {
    let state: NestRequestState;
    try {
      state = this.begin(req, res);
    } catch (error) {
      // Recording must never cost the host its request: report once and carry on unrecorded.
      this.recorder.config.logger.errorOnce(
        'nestjs-begin',
        `could not start recording a request: ${String(error)}`,
      );
      return next();
    }
    this.recorder.run(state.scope, () => next());
  }

  private begin(req: NodeRequest, res: ServerResponse): NestRequestState {
    const readers: Omit<NestRequestState, 'scope'> = {};
    const scope = this.recorder.begin(
      fromNodeRequest(req, {
        url: req.originalUrl,
        // Named by the interceptor; when the request never reached it (a guard threw), the
        // platform's matched route still gives the template.
        route: () => readers.route ?? matchedRoute(readers.request ?? req),
        handler: () => readers.handler,
        // Express parses the body onto this very object; Fastify onto its own request object,
        // which the interceptor or the filter records once Nest hands it over.
        body: () => (readers.request ? readers.request.body : req.body),
      }),
    );
    const state: NestRequestState = Object.assign(readers, { scope });
    attachState(req, state);
    (req as { blackbox?: unknown }).blackbox = scope;
    trackNodeResponse(scope, res, req);
    return state;
  }
}
