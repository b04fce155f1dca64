import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify';
import {
  Blackbox,
  createBlackbox,
  fromNodeRequest,
  trackNodeResponse,
  type BlackboxOptions,
  type RequestContext,
  type RequestScope,
} from '../../index.js';
import { takeErrorAnswer, watchErrorAnswer } from './fastify-error-answer.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The recorder behind the plugin: `stats()`, `close()`, `createErrorResponse()`. */
    blackbox: Blackbox;
  }
  interface FastifyRequest {
    /** This request's IDs (`requestId`, `incidentId` once captured); null before the plugin ran. */
    blackbox: RequestContext | null;
  }
}

/** The options of `createBlackbox`, or a recorder you created yourself (you then close it). */
export type BlackboxPluginOptions = BlackboxOptions | Blackbox;

const scopes = new WeakMap<FastifyRequest, RequestScope>();

/**
 * The Fastify plugin (Fastify 4 and 5). It is not encapsulated, so it sees every route and the
 * 404 handler: register it before your routes. Errors are captured when first raised, before any
 * error handler of yours runs; server errors that reach Fastify's default handler are answered
 * with the error body, and your own `setErrorHandler` answers stay yours (with `X-Incident-ID`).
 *
 * @example
 * const app = Fastify();
 * await app.register(blackboxPlugin, { store: 'sqlite:./blackbox.sqlite' });
 */
export const blackboxPlugin: FastifyPluginCallback<BlackboxPluginOptions> = Object.assign(
  function blackboxPlugin(
    fastify: Parameters<FastifyPluginCallback<BlackboxPluginOptions>>[0],
    options: BlackboxPluginOptions,
    done: (error?: Error) => void,
  ) {
    const owned = !(options instanceof Blackbox);
    let recorder: Blackbox;
    try {
      recorder = options instanceof Blackbox ? options : createBlackbox(options);
    } catch (error) {
      // A bad option fails `register` (a callback plugin's throw would escape it and hang).
      return done(error as Error);
    }
    fastify.decorate('blackbox', recorder);
    fastify.decorateRequest('blackbox', null);
    if (owned) fastify.addHook('onClose', () => recorder.close());

    fastify.addHook('onRequest', function blackboxOnRequest(request, reply, next) {
      let scope: RequestScope;
      try {
        scope = beginRequest(recorder, request, reply);
      } catch (error) {
        // Recording must never cost the host its request: report once and carry on unrecorded.
        recorder.config.logger.errorOnce(
          'fastify-begin',
          `could not start recording a request: ${String(error)}`,
        );
        return next();
      }
      recorder.run(scope, () => next());
    });

    // Runs before any error handler, with the error as raised (`reply.statusCode` may still read
    // 200 here: the status comes from the error, and the one sent is read at the status line).
    fastify.addHook('onError', function blackboxOnError(request, reply, error, next) {
      const scope = scopes.get(request);
      if (scope) watchErrorAnswer(reply, error, noteError(scope, reply, error));
      if (reply.raw.headersSent) abandonResponse(reply);
      next();
    });

    fastify.addHook('onSend', function blackboxOnSend(request, reply, payload, next) {
      const scope = scopes.get(request);
      // A streamed body that fails once its headers are out never reaches Fastify's error hooks.
      if (scope && isStream(payload))
        payload.on('error', (error) => noteError(scope, reply, error));
      next(null, takeErrorAnswer(reply) ?? payload);
    });
    done();
  },
  // fastify-plugin's convention, without the dependency: share this instance, do not encapsulate.
  { [Symbol.for('skip-override')]: true, [Symbol.for('fastify.display-name')]: 'http-blackbox' },
);

function beginRequest(recorder: Blackbox, request: FastifyRequest, reply: FastifyReply) {
  const scope = recorder.begin(
    fromNodeRequest(request.raw, {
      url: request.url,
      route: () => routeOf(request),
      body: () => request.body,
      raw: request,
    }),
  );
  scopes.set(request, scope);
  request.blackbox = scope;
  trackNodeResponse(scope, reply.raw, request.raw);
  return scope;
}

/**
 * Nothing more can be said to a client whose headers are out. Fastify 4 would write a status line
 * again and crash the process with ERR_HTTP_HEADERS_SENT; Fastify 5 destroys the socket. Both now
 * do the latter: the reply is hijacked (later sends are no-ops) and the connection is cut.
 */
function abandonResponse(reply: FastifyReply): void {
  reply.hijack();
  reply.raw.destroy();
}

function noteError(scope: RequestScope, reply: FastifyReply, error: unknown) {
  return scope.error(error, { headersSent: reply.raw.headersSent });
}

/** The route template: `routeOptions.url` (Fastify 5, 4.10+), else `routerPath` (older 4.x). */
function routeOf(request: FastifyRequest): string | undefined {
  const options = (request as { routeOptions?: { url?: unknown } }).routeOptions;
  // Reading `routerPath` on a Fastify that has `routeOptions` prints a deprecation warning.
  const url = options ? options.url : (request as { routerPath?: unknown }).routerPath;
  return typeof url === 'string' ? url : undefined;
}

function isStream(payload: unknown): payload is NodeJS.ReadableStream {
  const candidate = payload as { pipe?: unknown; on?: unknown } | null;
  return typeof candidate?.pipe === 'function' && typeof candidate.on === 'function';
}
