/**
 * The message of anything thrown, without ever throwing itself (a getter or `toString` may).
 *
 * @example
 * messageOf(new Error('disk full')); // 'disk full'
 * messageOf('plain string'); // 'plain string'
 */
export function messageOf(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return 'unknown error';
  }
}
