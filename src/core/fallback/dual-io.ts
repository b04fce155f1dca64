/**
 * One filesystem step that can run either way. The fallback writer needs the same algorithm
 * twice: asynchronously while the app serves, synchronously on a shutdown deadline. Writing it
 * once as a generator of steps and running it with either driver keeps the two from drifting.
 */
export interface Step<T> {
  sync(): T;
  async(): Promise<T>;
}

/** A generator of steps that finally returns `T`; run it with `runSync` or `runAsync`. */
export type Steps<T> = Generator<Step<unknown>, T, unknown>;

/**
 * Yields one step and hands back its typed result.
 *
 * @example
 * function* size(path: string): Steps<number> {
 *   const stat = yield* step({ sync: () => statSync(path), async: () => stat(path) });
 *   return stat.size;
 * }
 */
export function* step<T>(io: Step<T>): Steps<T> {
  return (yield io) as T;
}

/**
 * Runs every step with its synchronous implementation; errors are thrown into the generator.
 *
 * @example
 * const bytes = runSync(size('/tmp/x'));
 */
export function runSync<T>(steps: Steps<T>): T {
  let next = steps.next();
  while (!next.done) {
    let value: unknown;
    try {
      value = next.value.sync();
    } catch (error) {
      next = steps.throw(error);
      continue;
    }
    next = steps.next(value);
  }
  return next.value;
}

/**
 * Runs every step with its asynchronous implementation; rejections are thrown into the generator.
 *
 * @example
 * const bytes = await runAsync(size('/tmp/x'));
 */
export async function runAsync<T>(steps: Steps<T>): Promise<T> {
  let next = steps.next();
  while (!next.done) {
    let value: unknown;
    try {
      value = await next.value.async();
    } catch (error) {
      next = steps.throw(error);
      continue;
    }
    next = steps.next(value);
  }
  return next.value;
}
