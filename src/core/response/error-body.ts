import { reasonPhrase } from './reason-phrase.js';
import { INCIDENT_ID_PLACEHOLDER, replacePlaceholder } from './replace-placeholder.js';

/** The settings that shape a JSON error body. */
export interface ErrorBodySettings {
  genericErrorMessage: string;
  includeIncidentIdInBody: boolean;
  customErrorFormat: Readonly<Record<string, unknown>> | undefined;
  errorFormat: 'json' | 'problem+json';
}

/** What the JSON body describes. */
export interface ErrorBodyInput {
  status: number;
  incidentId: string;
  requestId: string;
  path: string;
}

/** Content type of the default and custom JSON bodies. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
/** Content type of RFC 9457 problem documents (JSON, so UTF-8 by definition). */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * The JSON error body and its content type. `customErrorFormat` (placeholders replaced at
 * any depth, `incident_id` added at the top level when absent and IDs are included) wins over
 * `errorFormat`, which then only picks the content type; `problem+json` gives an RFC 9457
 * document; otherwise `{"detail", "incident_id"}`. Anything that fails to serialise (a
 * BigInt, a cycle, a throwing toJSON) falls back to the default body. Never throws.
 *
 * @example
 * buildJsonBody({ genericErrorMessage: 'Oops', includeIncidentIdInBody: true, customErrorFormat: undefined, errorFormat: 'json' },
 *   { status: 500, incidentId: 'INCIDENT-0001', requestId: 'r1', path: '/x' });
 * // { contentType: 'application/json; charset=utf-8', body: '{"detail":"Oops","incident_id":"INCIDENT-0001"}' }
 */
export function buildJsonBody(
  settings: ErrorBodySettings,
  input: ErrorBodyInput,
): { contentType: string; body: string } {
  const contentType =
    settings.errorFormat === 'problem+json' ? PROBLEM_CONTENT_TYPE : JSON_CONTENT_TYPE;
  try {
    return { contentType, body: JSON.stringify(chosenBody(settings, input)) };
  } catch {
    return { contentType: JSON_CONTENT_TYPE, body: defaultBodyText(settings, input) };
  }
}

function chosenBody(settings: ErrorBodySettings, input: ErrorBodyInput): unknown {
  if (settings.customErrorFormat !== undefined) return customBody(settings, input);
  if (settings.errorFormat === 'problem+json') return problemBody(settings, input);
  return defaultBody(settings, input);
}

function customBody(settings: ErrorBodySettings, input: ErrorBodyInput): unknown {
  const body = replacePlaceholder(
    settings.customErrorFormat,
    INCIDENT_ID_PLACEHOLDER,
    input.incidentId,
  );
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new TypeError('not an object');
  if (settings.includeIncidentIdInBody && !Object.hasOwn(body, 'incident_id')) {
    return { ...body, incident_id: input.incidentId };
  }
  return body;
}

function problemBody(settings: ErrorBodySettings, input: ErrorBodyInput): unknown {
  return {
    type: 'about:blank',
    title: reasonPhrase(input.status),
    status: input.status,
    detail: settings.genericErrorMessage,
    // Only the path: a query string may carry tokens, and clients already know it.
    instance: input.path.split(/[?#]/, 1)[0] ?? '',
    ...(settings.includeIncidentIdInBody ? { incident_id: input.incidentId } : {}),
    request_id: input.requestId,
  };
}

function defaultBody(settings: ErrorBodySettings, input: ErrorBodyInput): unknown {
  if (!settings.includeIncidentIdInBody) return { detail: settings.genericErrorMessage };
  return { detail: settings.genericErrorMessage, incident_id: input.incidentId };
}

function defaultBodyText(settings: ErrorBodySettings, input: ErrorBodyInput): string {
  try {
    return JSON.stringify(defaultBody(settings, input));
  } catch {
    return '{"detail":"Internal Server Error"}';
  }
}
