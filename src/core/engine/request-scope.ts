import { computeFingerprint } from '../capture/fingerprint.js';
import {
  exceptionIgnored,
  pathMatchesAny,
  sampled,
  statusMatches,
} from '../capture/capture-rules.js';
import type { BlackboxConfig } from '../config/resolve-config.js';
import type { RequestContext } from '../context/request-context.js';
import { isConnectionLost } from '../errors/connection-lost.js';
import { normaliseThrown, type NormalisedError } from '../errors/normalise-thrown.js';
import { prefersHtml } from '../http/accept.js';
import { acceptRequestId } from '../http/request-id.js';
import { redactSecrets } from '../redact/index.js';
import { buildErrorResponse, type ErrorResponse } from '../response/error-response.js';
import { errorSettings } from './error-settings.js';
import { buildIncidentRecord } from './incident-record.js';
import type { EngineParts } from './engine-parts.js';
import {
  headerValue,
  settledSnapshot,
  splitUrl,
  type HeaderBag,
  type RequestSnapshot,
} from './request-snapshot.js';
import { resolveRequestUser, type RequestUser } from './resolve-user.js';

/** What the adapter does with a thrown value. */
export type ErrorOutcome =
  /** Send this response (status, headers incl. the IDs, body). */
  | { action: 'respond'; response: ErrorResponse }
  /** Leave the response to the framework: not ours to shape (a 4xx, not captured, headers sent). */
  | { action: 'defer'; status: number };

export interface FinishInfo {
  status: number;
  aborted: boolean;
  /**
   * The header block node:http sent, as it went on the wire (redacted before storage): the
   * cheapest form to capture, one string.
   */
  responseHead?: string;
  /** The response headers otherwise (redacted before storage). */
  responseHeaders?: HeaderBag;
  /** The response body preview, only when `activity.storeResponseBody` is on. */
  responseBody?: string | null;
}

/**
 * One request's state between `begin` and `finish`. It is also the request context the app
 * reads (`requestId`, `incidentId`). At most one incident per request, whatever mix of thrown
 * errors and error statuses the framework produces.
 */
export class RequestScope implements RequestContext {
  readonly requestId: string;
  incidentId: string | undefined;
  private readonly path: string;
  private readonly query: string;
  private readonly startedAt: number;
  private inSample: boolean | undefined;
  private user: RequestUser | undefined;
  private maskedPath: string | undefined;
  private errorOutcome: ErrorOutcome | undefined;
  private finished = false;
  private current: RequestSnapshot;
  /** Whether this request becomes an activity row (one sampling roll per request). */
  readonly logsActivity: boolean;
  /**
   * The route template, for adapters that learn it while the request is being routed (Express
   * notes it as each layer is entered): kept here rather than in a map keyed by the request,
   * whose every entry costs the garbage collector.
   */
  notedRoute: string | undefined;
  /**
   * The response as a node:http adapter saw it go: the status of the status line once it was
   * sent, and whether the response finished. Noted by the adapter's hooks as it happens, so
   * that the end of the request need not read them back from the response (on Express, each
   * read of a response takes V8's slow path).
   */
  sentStatus: number | undefined;
  responseFinished = false;
  /**
   * Whether the app listened to the request's events while handling it (a body parser): a
   * node:http adapter then runs those events inside the request context.
   */
  requestListened = false;
  /**
   * The node:http request and response of this scope, until the response closes: how a
   * node:http adapter finds one from the other, and lets both go (node-lifecycle.ts).
   */
  nodeRequest: object | undefined;
  nodeResponse: object | undefined;

  constructor(
    private readonly parts: EngineParts,
    snapshot: RequestSnapshot,
  ) {
    this.current = snapshot;
    this.requestId = acceptRequestId(snapshot.headers['x-request-id'] as string | undefined);
    ({ path: this.path, query: this.query } = splitUrl(snapshot.url));
    this.startedAt = parts.clock.monotonic();
    this.logsActivity = parts.activities?.wants(this.path) ?? false;
  }

  /** The request as the adapter described it (settled once the response is over). */
  get snapshot(): RequestSnapshot {
    return this.current;
  }

  /** Whether the adapter should keep a copy of the response body for the activity row. */
  get wantsResponseBody(): boolean {
    return this.logsActivity && this.parts.config.activity.storeResponseBody;
  }

  /** Decides what happens to a thrown value; asking twice for one request gives the first answer. */
  error(thrown: unknown, options: { headersSent: boolean }): ErrorOutcome {
    if (this.errorOutcome) return this.errorOutcome;
    const { config } = this.parts;
    const error = normaliseThrown(thrown, { captureStack: config.captureStacktrace });
    const status = error.status ?? 500;
    const captured =
      config.captureExceptions &&
      this.shouldCapture(status) &&
      !exceptionIgnored(config.ignoreExceptions, thrown) &&
      !this.clientLeft(thrown);
    if (captured) this.capture(options.headersSent ? 500 : status, error, options.headersSent);
    this.errorOutcome = this.outcomeFor(status, captured && !options.headersSent);
    return this.errorOutcome;
  }

  /**
   * A client that leaves in the middle of its upload makes the body parser fail with the
   * connection's error: that request is recorded as aborted, never as an incident.
   */
  private clientLeft(thrown: unknown): boolean {
    if (!isConnectionLost(thrown)) return false;
    try {
      return this.current.clientGone?.() === true;
    } catch {
      return false;
    }
  }

  /**
   * Headers to add just before the status line goes out. A non-exception error status (a returned
   * 502) is captured here, synchronously, since its ID must be in these very headers.
   */
  responseHeaders(status: number): Record<string, string> {
    const { config } = this.parts;
    const headers: Record<string, string> = {};
    if (config.addRequestIdHeader) headers['x-request-id'] = this.requestId;
    if (
      !this.errorOutcome &&
      !this.incidentId &&
      config.captureResponse5xx &&
      this.shouldCapture(status)
    ) {
      this.capture(status, undefined, false);
    }
    if (this.incidentId && config.addIncidentIdHeader) headers['x-incident-id'] = this.incidentId;
    return headers;
  }

  /** Ends the request; later calls are ignored (a response can both finish and close). */
  finish(info: FinishInfo): void {
    if (this.finished) return;
    this.finished = true;
    const durationMs = this.parts.clock.monotonic() - this.startedAt;
    this.letGoOfRequest(info.aborted);
    if (this.logsActivity) this.parts.activities?.record(this, info, durationMs);
  }

  /**
   * Reads, once, what the activity row or a late error (raised after the response) still
   * needs, and drops the framework's request: see {@link settledSnapshot}.
   */
  private letGoOfRequest(aborted: boolean): void {
    if (this.logsActivity || this.parts.config.resolveUser) void this.requestUser;
    this.current = settledSnapshot(this.current, aborted);
  }

  /** The user as `resolveUser` sees them, resolved once per request. */
  get requestUser(): RequestUser {
    this.user ??= resolveRequestUser(this.parts.config, this.snapshot.raw);
    return this.user;
  }

  /** Limits and redaction for a response body preview. */
  get responseBodyOptions(): { maxBytes: number; redaction: BlackboxConfig['redaction'] } {
    const { config } = this.parts;
    return { maxBytes: config.activity.maxResponseBodyBytes, redaction: config.redaction };
  }

  get requestPath(): string {
    return this.path;
  }

  /** The path as stored, secrets masked (`/reset/[REDACTED]`): once for incident and activity. */
  get storedPath(): string {
    this.maskedPath ??= redactSecrets(this.path, this.parts.config.redaction);
    return this.maskedPath;
  }

  get requestQuery(): string {
    return this.query;
  }

  private shouldCapture(status: number): boolean {
    const { config } = this.parts;
    if (!config.enabled || !statusMatches(config.captureStatusCodes, status)) return false;
    if (pathMatchesAny(config.ignorePaths, this.path)) return false;
    if (this.inSample === undefined) this.inSample = sampled(config.sampleRate);
    return this.inSample;
  }

  private capture(status: number, error: NormalisedError | undefined, headersSent: boolean): void {
    if (this.incidentId) return;
    const { config, book, queue, clock } = this.parts;
    const route = safeCall(this.snapshot.route);
    const className = error?.className ?? '';
    // Secrets out first: a token in the message or the path would make each occurrence an
    // incident of its own. These are the stored forms too.
    const message = error ? redactSecrets(error.message, config.redaction) : `HTTP ${status}`;
    const path = this.storedPath;
    const fingerprint = computeFingerprint({ className, message, route: route ?? path });
    this.incidentId = book.record({
      fingerprint,
      requestId: this.requestId,
      now: clock.now(),
      build: (incidentId) =>
        buildIncidentRecord(config, this.snapshot, {
          incidentId,
          fingerprint,
          status,
          error,
          headersSent,
          route,
          requestId: this.requestId,
          path,
          message,
          query: this.query,
          user: this.requestUser,
        }),
    });
    queue.noteIncident();
  }

  private outcomeFor(status: number, respond: boolean): ErrorOutcome {
    const { config } = this.parts;
    if (!respond || status < 500 || !config.exposeJsonErrorBody || !this.incidentId) {
      return { action: 'defer', status };
    }
    const response = buildErrorResponse(errorSettings(config), {
      status: config.return400InsteadOf500 ? 400 : status,
      incidentId: this.incidentId,
      requestId: this.requestId,
      path: this.path,
      method: this.snapshot.method,
      html: prefersHtml(headerValue(this.snapshot.headers, 'accept')),
    });
    Object.assign(response.headers, this.responseHeaders(response.status));
    return { action: 'respond', response };
  }
}

function safeCall(read: (() => string | undefined) | undefined): string | undefined {
  try {
    const value = read?.();
    return typeof value === 'string' && value.length > 0 ? value.slice(0, 512) : undefined;
  } catch {
    return undefined;
  }
}
