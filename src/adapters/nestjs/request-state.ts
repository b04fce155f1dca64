import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestScope } from '../../index.js';

const STATE = Symbol.for('http-blackbox.nestjs.request-state');

/**
 * What the adapter learns about one request as Nest works through it. The middleware creates it
 * on the raw Node request; the interceptor and the filter fill in what only they can see (the
 * matched route, the handler, the platform's request object that holds the parsed body).
 */
export interface NestRequestState {
  readonly scope: RequestScope;
  route?: string;
  handler?: string;
  /** The request object the app sees: Express's `req` or Fastify's `FastifyRequest`. */
  request?: PlatformRequest;
}

/** The parts of Express's and Fastify's request objects the adapter reads. */
export interface PlatformRequest {
  body?: unknown;
  /** Fastify: the Node request underneath. */
  raw?: IncomingMessage;
  /** Express: the matched route. */
  route?: { path?: unknown };
  /** Fastify: the matched route. */
  routeOptions?: { url?: unknown };
}

type WithState = IncomingMessage & { [STATE]?: NestRequestState };

// The request context the core enters is the request's scope, so code that only has the context
// (a decorated controller method) finds the request's state through it.
const byScope = new WeakMap<object, NestRequestState>();

/** The Node request under either platform's request object (Fastify wraps it, Express extends it). */
export function rawRequestOf(request: PlatformRequest | IncomingMessage): IncomingMessage {
  const raw = (request as PlatformRequest).raw;
  return raw && typeof raw === 'object' ? raw : (request as IncomingMessage);
}

/** The Node response under either platform's response object (Fastify's reply wraps it). */
export function rawResponseOf(response: object): ServerResponse {
  const raw = (response as { raw?: ServerResponse }).raw;
  return raw && typeof raw === 'object' ? raw : (response as ServerResponse);
}

export function attachState(raw: IncomingMessage, state: NestRequestState): void {
  (raw as WithState)[STATE] = state;
  byScope.set(state.scope, state);
}

/** The state of the request whose context is `context` (from `tryGetRequestContext()`). */
export function stateOfContext(context: object | undefined): NestRequestState | undefined {
  return context ? byScope.get(context) : undefined;
}

/** The request's state, or undefined when the middleware did not see this request. */
export function stateOf(request: PlatformRequest | IncomingMessage): NestRequestState | undefined {
  return (rawRequestOf(request) as WithState)[STATE];
}
