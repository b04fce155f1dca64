/** Every failure the library reports to its user carries one of these codes. */
export type BlackboxErrorCode =
  | 'invalid_option'
  | 'driver_missing'
  | 'store_unreachable'
  | 'store_schema_missing'
  | 'store_failed'
  | 'no_request_context'
  | 'invalid_input';

/**
 * The library's one error class. `code` is stable for programs; `message` is for people and
 * names the option, package or file concerned.
 *
 * @example
 * try { createBlackbox({ sampleRate: 2 }) } catch (e) {
 *   if (e instanceof BlackboxError && e.code === 'invalid_option') console.error(e.message);
 * }
 */
export class BlackboxError extends Error {
  override readonly name = 'BlackboxError';
  readonly code: BlackboxErrorCode;

  constructor(code: BlackboxErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
