/**
 * An error to throw on purpose when the request cannot be served (the seed's `ServerIncident`):
 * it is captured like any other server error, and its `detail` is stored, never sent to the client.
 *
 * @example
 * if (!payment.ok) throw new ServerIncident('payment provider rejected the callback');
 */
export class ServerIncident extends Error {
  override readonly name = 'ServerIncident';
  readonly status: number;

  constructor(
    detail = 'A server error occurred.',
    options: { status?: number; cause?: unknown } = {},
  ) {
    super(detail || 'A server error occurred.', { cause: options.cause });
    this.status = options.status ?? 500;
  }
}
