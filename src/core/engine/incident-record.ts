import { bodyPreview } from '../body/body-preview.js';
import type { BlackboxConfig } from '../config/resolve-config.js';
import type { NormalisedError } from '../errors/normalise-thrown.js';
import { clientIp } from '../http/client-ip.js';
import { redactHeaders, redactQueryString, redactSecrets } from '../redact/index.js';
import type { IncidentRecord } from '../store/records.js';
import { headerValue, type RequestSnapshot } from './request-snapshot.js';
import type { RequestUser } from './resolve-user.js';

export interface IncidentInput {
  incidentId: string;
  fingerprint: string;
  status: number;
  requestId: string;
  /** The path and the error's message with secrets already masked (the fingerprint's inputs). */
  path: string;
  message: string;
  query: string;
  route: string | undefined;
  error: NormalisedError | undefined;
  headersSent: boolean;
  user: RequestUser;
}

/** The stored form of a first occurrence: request data redacted, body previewed, error described. */
export function buildIncidentRecord(
  config: BlackboxConfig,
  snapshot: RequestSnapshot,
  input: IncidentInput,
): IncidentRecord {
  const { headers } = snapshot;
  const contentType = headerValue(headers, 'content-type');
  const stack = input.error?.stack ?? null;
  return {
    incidentId: input.incidentId,
    fingerprint: input.fingerprint,
    httpStatus: input.status,
    method: snapshot.method.slice(0, 16),
    path: input.path,
    route: input.route ?? null,
    queryString: input.query ? redactQueryString(input.query, config.redaction) : null,
    requestId: input.requestId,
    userId: input.user.userId,
    ipAddress: clientIp(
      snapshot.remoteAddress,
      headers['x-forwarded-for'] as string | undefined,
      config.trustProxy,
    ),
    userAgent: headerValue(headers, 'user-agent')?.slice(0, 512) ?? null,
    headers: redactHeaders(headers, config.redaction),
    contentType: contentType?.slice(0, 255) ?? null,
    bodyPreview: readBodyPreview(config, snapshot, contentType),
    exceptionClass: input.error?.className ?? null,
    exceptionMessage: input.message,
    stacktrace: stack === null ? null : redactSecrets(stack, config.redaction),
    headersSent: input.headersSent,
    tags: [],
  };
}

/** Reads the app-parsed body; a throwing getter on a framework object costs only the preview. */
export function readBodyPreview(
  config: BlackboxConfig,
  snapshot: RequestSnapshot,
  contentType: string | undefined,
): string | null {
  // Without a content type no body is stored: the adapter's reader is not even asked.
  if (contentType === undefined) return null;
  try {
    return bodyPreview(snapshot.body?.(), contentType, {
      maxBytes: config.maxBodyBytes,
      contentTypes: config.storeBodyContentTypes,
      redaction: config.redaction,
    });
  } catch {
    return null;
  }
}
