import { buildJsonBody, type ErrorBodySettings } from './error-body.js';
import { renderDefaultErrorPage, type ErrorPageInfo } from './error-page.js';

export type { ErrorPageInfo } from './error-page.js';

/** The error-response part of the resolved configuration. */
export interface ErrorResponseSettings extends ErrorBodySettings {
  renderErrorPage: ((info: ErrorPageInfo) => string) | undefined;
}

/** The request the error response answers. */
export interface ErrorResponseInput {
  status: number;
  incidentId: string;
  requestId: string;
  path: string;
  method: string;
  /** The client prefers HTML (see `prefersHtml`). */
  html: boolean;
}

/** A response ready to send. The engine adds X-Request-ID and X-Incident-ID. */
export interface ErrorResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const HTML_CONTENT_TYPE = 'text/html; charset=utf-8';

/**
 * The response sent for a captured error: JSON (default, custom format or problem+json) or,
 * for HTML clients, the user's `renderErrorPage` page or the built-in one (also used when the
 * user's renderer throws or returns a non-string). It shows only the generic message and the
 * IDs, never an exception message or stack. Headers: content-type and `cache-control: no-store`.
 * HEAD gets an empty body with the same headers. A status outside 400–599 becomes 500.
 * Never throws.
 *
 * @example
 * buildErrorResponse(settings, { status: 500, incidentId: 'INCIDENT-0042', requestId: 'r1', path: '/boom', method: 'GET', html: false });
 * // { status: 500, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
 * //   body: '{"detail":"Internal server error","incident_id":"INCIDENT-0042"}' }
 */
export function buildErrorResponse(
  settings: ErrorResponseSettings,
  input: ErrorResponseInput,
): ErrorResponse {
  const status =
    Number.isInteger(input.status) && input.status >= 400 && input.status <= 599
      ? input.status
      : 500;
  const { contentType, body } = input.html
    ? { contentType: HTML_CONTENT_TYPE, body: htmlPage(settings, { ...input, status }) }
    : buildJsonBody(settings, { ...input, status });
  return {
    status,
    headers: { 'content-type': contentType, 'cache-control': 'no-store' },
    body: input.method.toUpperCase() === 'HEAD' ? '' : body,
  };
}

function htmlPage(settings: ErrorResponseSettings, input: ErrorResponseInput): string {
  const info: ErrorPageInfo = {
    incidentId: input.incidentId,
    requestId: input.requestId,
    status: input.status,
    message: settings.genericErrorMessage,
  };
  if (settings.renderErrorPage !== undefined) {
    try {
      const page: unknown = settings.renderErrorPage({ ...info });
      if (typeof page === 'string') return page;
    } catch {
      // The user's template failed: the built-in page still gives the client its incident ID.
    }
  }
  try {
    return renderDefaultErrorPage(info);
  } catch {
    return '<!doctype html><title>Server Error</title><h1>Server Error</h1>';
  }
}
