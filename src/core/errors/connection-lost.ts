// How Node reports a connection the client dropped: the request stream's own error (ECONNRESET
// "aborted"), a write to the closed socket, a premature close, or its HTTP parser's `HPE_…`
// errors (Koa's on-finished sees a half-sent upload as "Parse Error").
const CONNECTION_LOST = new Set([
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

/**
 * True when a thrown value is how Node reports a lost connection. On its own this does not
 * mean the client left (an upstream call can be reset too): callers also check that the
 * client's connection is gone.
 *
 * @example
 * isConnectionLost(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })); // true
 */
export function isConnectionLost(thrown: unknown): boolean {
  if (typeof thrown !== 'object' || thrown === null) return false;
  let code: unknown;
  try {
    code = (thrown as { code?: unknown }).code;
  } catch {
    return false; // a throwing getter is an app error, not a connection's
  }
  return typeof code === 'string' && (code.startsWith('HPE_') || CONNECTION_LOST.has(code));
}
