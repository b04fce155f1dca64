import { tryGetRequestContext } from '../context/request-context.js';
import { prefersHtml } from '../http/accept.js';
import { buildErrorResponse, type ErrorResponse } from '../response/error-response.js';
import type { EngineParts } from './engine-parts.js';
import { errorSettings } from './error-settings.js';
import type { ErrorOutcome, RequestScope } from './request-scope.js';
import { headerValue, type RequestSnapshot } from './request-snapshot.js';

export interface ManualCaptureOptions {
  /** Describes where a request-less error happened (a job name, a queue); stored as its path. */
  path?: string;
}

/** The scope of the request being handled, if any (duck-typed: ESM and CJS builds may both be loaded). */
export function currentScope(): RequestScope | undefined {
  const context = tryGetRequestContext() as Partial<RequestScope> | undefined;
  return typeof context?.error === 'function' ? (context as RequestScope) : undefined;
}

/** Captures inside the current request (its one incident) or as a request-less incident. */
export function captureWithScope(
  begin: (snapshot: RequestSnapshot) => RequestScope,
  error: unknown,
  options: ManualCaptureOptions,
): { scope: RequestScope; outcome: ErrorOutcome } {
  const scope =
    currentScope() ??
    begin({ method: 'NONE', url: options.path ?? '/', headers: {}, remoteAddress: undefined });
  return { scope, outcome: scope.error(error, { headersSent: false }) };
}

/**
 * The seed's `create_error_response`: captures `error` and returns the response to send, the
 * same one a thrown error would get — never with the message or stack inside.
 */
export function manualErrorResponse(
  parts: EngineParts,
  begin: (snapshot: RequestSnapshot) => RequestScope,
  error: unknown,
  options: ManualCaptureOptions,
): ErrorResponse {
  const { scope, outcome } = captureWithScope(begin, error, options);
  if (outcome.action === 'respond') return outcome.response;
  const { config } = parts;
  const status = outcome.status >= 500 && config.return400InsteadOf500 ? 400 : outcome.status;
  const response = buildErrorResponse(
    {
      ...errorSettings(config),
      includeIncidentIdInBody: config.includeIncidentIdInBody && !!scope.incidentId,
    },
    {
      status,
      incidentId: scope.incidentId ?? '',
      requestId: scope.requestId,
      path: scope.requestPath,
      method: scope.snapshot.method,
      html: prefersHtml(headerValue(scope.snapshot.headers, 'accept')),
    },
  );
  Object.assign(response.headers, scope.responseHeaders(status));
  return response;
}
