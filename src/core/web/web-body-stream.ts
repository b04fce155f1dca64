/** What {@link observeBody} reports about a response body as the server reads it. */
export interface BodyObserver {
  chunk?(chunk: unknown): void;
  /** The body was read to its end. */
  end(): void;
  /** The server stopped reading (the client went away). */
  cancel(): void;
  /** The app's stream failed after the status had gone out. */
  error(error: unknown): void;
}

/**
 * The same bytes as `source`, read only when the server reads (no buffering ahead), with each
 * chunk, the end, a cancel and a failure reported to `observer`. An observer that throws is
 * ignored: watching must never change what the client receives.
 *
 * @example
 * new Response(observeBody(response.body, { end: () => done(false), cancel: () => done(true), error: report }), response);
 */
export function observeBody(source: ReadableStream, observer: BodyObserver): ReadableStream {
  const reader = source.getReader();
  return new ReadableStream(
    {
      async pull(controller) {
        let result: ReadableStreamReadResult<unknown>;
        try {
          result = await reader.read();
        } catch (error) {
          safely(() => observer.error(error));
          controller.error(error);
          return;
        }
        if (result.done) {
          controller.close();
          safely(() => observer.end());
          return;
        }
        safely(() => observer.chunk?.(result.value));
        controller.enqueue(result.value);
      },
      cancel(reason) {
        safely(() => observer.cancel());
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

function safely(report: () => void): void {
  try {
    report();
  } catch {
    // Recording is best effort; the body goes on regardless.
  }
}
