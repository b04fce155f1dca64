import { setActivityChange, type ActivityChange, type ChangedObject } from './activity-change.js';

export interface TrackChangeOptions<Result> {
  action?: string;
  customAction?: string;
  /** Loads the state before the change (omit on create). */
  before?: () => unknown;
  /** Takes the state after the change from the function's result (default: the result itself; omit-able on delete). */
  after?: (result: Result) => unknown;
  payload?: unknown;
  /** Which entity changed; a function receives the result and the before state. */
  object?: ChangedObject | ((result: Result, before: unknown) => ChangedObject | undefined);
}

/**
 * Wraps the function that performs a change: `before` comes from the loader, the function runs,
 * `after` comes from its result, and the diff is stored on the current request's activity.
 * If the function throws, nothing is recorded and the error propagates unchanged.
 *
 * @example
 * const item = await trackChange(
 *   { action: 'UPDATE', before: () => items.find(id) },
 *   () => items.update(id, input),
 * );
 */
export async function trackChange<Result>(
  options: TrackChangeOptions<Result>,
  perform: () => Result | Promise<Result>,
): Promise<Result> {
  const before = options.before ? await options.before() : undefined;
  const result = await perform();
  const after = options.after ? options.after(result) : result;
  const object =
    typeof options.object === 'function' ? options.object(result, before) : options.object;
  const change: ActivityChange = {
    before,
    after: after ?? undefined,
    action: options.action,
    customAction: options.customAction,
    customPayload: options.payload,
    object,
  };
  try {
    setActivityChange(change);
  } catch {
    // Outside a request there is no activity to attach to: the change itself still happened.
  }
  return result;
}
