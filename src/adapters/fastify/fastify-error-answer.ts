import type { FastifyReply } from 'fastify';
import type { ErrorOutcome, ErrorResponse } from '../../index.js';

interface Watch {
  answer: ErrorResponse;
  passedOn: boolean;
}
const watches = new WeakMap<FastifyReply, Watch>();

/**
 * Fastify hands an error down a chain of error handlers: each one either answers (sends a value)
 * or passes the error on (sends or throws an error); the last one is Fastify's default, whose
 * body carries the exception message. We answer in its place, but never in place of an app
 * handler that answered. So, from the moment the error is first seen (`onError` runs before any
 * handler), the reply's `send` is watched: if the last `send` before `onSend` carried an error
 * (or the thrown value itself), the payload is Fastify's default answer and ours replaces it.
 * Only requests whose error the core wants answered are watched.
 */
export function watchErrorAnswer(
  reply: FastifyReply,
  thrown: unknown,
  outcome: ErrorOutcome,
): void {
  if (outcome.action !== 'respond' || watches.has(reply)) return;
  const watch: Watch = { answer: outcome.response, passedOn: true };
  const send = reply.send.bind(reply);
  reply.send = function watchedSend(payload?: unknown) {
    watch.passedOn = payload === thrown || payload instanceof Error;
    return send(payload);
  };
  watches.set(reply, watch);
}

/**
 * In `onSend`: when the payload is Fastify's default answer to a watched error, puts the core's
 * error response on the reply (status, headers) and returns its body to send instead.
 */
export function takeErrorAnswer(reply: FastifyReply): string | undefined {
  const watch = watches.get(reply);
  if (!watch?.passedOn || reply.raw.headersSent) return undefined;
  watches.delete(reply);
  reply.removeHeader('content-length');
  reply.code(watch.answer.status).headers(watch.answer.headers);
  return watch.answer.body;
}
