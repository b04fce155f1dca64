import type { ServerResponse } from 'node:http';
import {
  Catch,
  HttpException,
  Inject,
  Logger,
  type ArgumentsHost,
  type HttpServer,
} from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { Blackbox, sendNodeResponse, type ErrorResponse, type RequestScope } from '../../index.js';
import { rawResponseOf, stateOf, type PlatformRequest } from './request-state.js';

/**
 * The global exception filter (`BlackboxModule` registers it as APP_FILTER). A captured server
 * error is answered with the library's error body and both IDs instead of Nest's
 * `{"statusCode":500,"message":"Internal server error"}`; everything else — `HttpException`s
 * below 500 such as a `ValidationPipe` 400, ignored or sampled-out errors — gets Nest's own
 * answer, unchanged. An error thrown after the headers went out closes the connection.
 *
 * @example
 * // Registered by BlackboxModule; by hand it would be:
 * providers: [{ provide: APP_FILTER, useClass: BlackboxExceptionFilter }]
 */
@Catch()
export class BlackboxExceptionFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('ExceptionsHandler');

  constructor(@Inject(Blackbox) private readonly recorder: Blackbox) {
    super();
  }

  override catch(exception: unknown, host: ArgumentsHost): unknown {
    // Only HTTP requests are recorded; other contexts (GraphQL, RPC) get the error back to
    // format it their own way.
    if (host.getType() !== 'http') return exception;
    const http = host.switchToHttp();
    const request = http.getRequest<PlatformRequest>();
    const response = http.getResponse<object>();
    const state = stateOf(request);
    const raw = rawResponseOf(response);
    if (!state) return super.catch(exception, host);
    state.request ??= request;
    const outcome = this.decide(state.scope, exception, raw.headersSent);
    if (raw.headersSent) {
      closeCutShort(raw);
      return undefined;
    }
    if (outcome?.action !== 'respond') return super.catch(exception, host);
    if (!(exception instanceof HttpException)) this.logger.error(exception);
    this.reply(response, outcome.response);
    return undefined;
  }

  private decide(scope: RequestScope, exception: unknown, headersSent: boolean) {
    try {
      return scope.error(exception, { headersSent });
    } catch (error) {
      // Recording must never change the answer: Nest's own handling takes over.
      const reason = `could not record an error: ${String(error)}`;
      this.recorder.config.logger.errorOnce('nestjs-filter', reason);
      return undefined;
    }
  }

  /** Answers through Nest's HTTP adapter, so that the platform's own reply path runs. */
  private reply(response: object, answer: ErrorResponse): void {
    const adapter = this.httpAdapterHost?.httpAdapter as HttpServer | undefined;
    if (!adapter) return sendNodeResponse(rawResponseOf(response), answer);
    for (const [name, value] of Object.entries(answer.headers)) {
      adapter.setHeader(response, name, value);
    }
    adapter.reply(response, answer.body, answer.status);
  }
}

/**
 * Part of a body is out: writing more would corrupt it, and ending the response would pass it
 * off as complete. Ending the socket instead sends what was written and then closes the
 * connection, which tells the client the body was cut short (destroying it at once could drop
 * the bytes still queued, headers included).
 */
function closeCutShort(response: ServerResponse): void {
  if (response.socket) response.socket.end();
  else response.destroy();
}
