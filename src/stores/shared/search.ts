/**
 * The LIKE escape character. `!` rather than `\` because MySQL also treats `\` as an escape in
 * string literals, so `ESCAPE '\'` is not portable; `!` means the same on all three databases.
 */
export const LIKE_ESCAPE = '!';

/**
 * Builds a case-insensitive substring pattern for `lower(column) LIKE ? ESCAPE '!'`: the term is
 * lower-cased here and `%`, `_` and `!` in it match literally.
 *
 * @example
 * toLikePattern('100%_done'); // '%100!%!_done%'
 */
export function toLikePattern(term: string): string {
  return `%${term.toLowerCase().replace(/[!%_]/g, (c) => LIKE_ESCAPE + c)}%`;
}

/**
 * The in-memory twin of `toLikePattern`: true when any value contains the term, ignoring case.
 *
 * @example
 * containsIgnoringCase(['/api/Users', null], 'users'); // true
 */
export function containsIgnoringCase(values: readonly (string | null)[], term: string): boolean {
  const needle = term.toLowerCase();
  return values.some((value) => value !== null && value.toLowerCase().includes(needle));
}
