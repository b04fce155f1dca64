import type { IncomingMessage } from 'node:http';
import type { BlackboxConfig } from '../config/resolve-config.js';
import { REQUEST_BODY_LIMIT, worthCopying } from '../web/body-policy.js';

/**
 * The raw body of a plain node:http request, for previews, copied as Node's HTTP parser hands
 * it to the request stream (`push`), so the app reads the stream exactly as before: no
 * listener, no mode change, nothing consumed. Only storable bodies within the limit are copied.
 * The app's own parsed `req.body`, when it sets one, is preferred. Never throws.
 *
 * @example
 * const body = new NodeRequestBody(req, blackbox.config);
 * blackbox.begin(fromNodeRequest(req, { body: body.value }));
 */
export class NodeRequestBody {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private complete = false;

  constructor(
    private readonly request: IncomingMessage,
    config: Pick<BlackboxConfig, 'storeBodyContentTypes'>,
  ) {
    const { headers } = request;
    if (
      !worthCopying(
        request.method,
        headers['content-type'],
        headers['content-length'],
        config.storeBodyContentTypes,
      )
    ) {
      return;
    }
    const push = request.push.bind(request);
    request.push = (chunk: unknown, encoding?: BufferEncoding) => {
      this.note(chunk, encoding);
      return push(chunk, encoding);
    };
  }

  /** The app's `req.body` if it set one, else the whole raw text once it has arrived. */
  readonly value = (): unknown => {
    const parsed = (this.request as { body?: unknown }).body;
    if (parsed !== undefined) return parsed;
    if (!this.complete || this.size > REQUEST_BODY_LIMIT) return undefined;
    return Buffer.concat(this.chunks).toString('utf8');
  };

  private note(chunk: unknown, encoding: BufferEncoding | undefined): void {
    try {
      if (chunk === null) {
        this.complete = true;
        return;
      }
      if (this.size > REQUEST_BODY_LIMIT) return;
      const bytes =
        typeof chunk === 'string'
          ? Buffer.from(chunk, encoding)
          : chunk instanceof Uint8Array
            ? chunk
            : undefined;
      if (!bytes) return;
      this.size += bytes.byteLength;
      if (this.size <= REQUEST_BODY_LIMIT) this.chunks.push(Buffer.from(bytes));
    } catch {
      // Copying is best effort; the request goes on regardless.
    }
  }
}
