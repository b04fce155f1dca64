import type { ServerResponse } from 'node:http';
import type { HttpServer } from '@nestjs/common';

/** Sends status, headers and body through Nest's HTTP adapter (the same code on both platforms). */
export function replyWith(
  adapter: HttpServer,
  response: object,
  answer: { status: number; headers?: Record<string, string>; body?: unknown },
): void {
  for (const [name, value] of Object.entries(answer.headers ?? {})) {
    adapter.setHeader(response, name, value);
  }
  adapter.reply(response, answer.body, answer.status);
}

/** The Node response under Fastify's reply (Express's response is one already). */
export function nodeResponseOf(response: object): ServerResponse {
  return ((response as { raw?: object }).raw ?? response) as ServerResponse;
}
