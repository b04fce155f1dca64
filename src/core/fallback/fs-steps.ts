import fs from 'node:fs';
import { step, type Steps } from './dual-io.js';

type Callback<T> = (error: NodeJS.ErrnoException | null, value: T) => void;

/** Adapts a Node callback API to a promise (fs/promises has no descriptor-number functions). */
function promised<T>(call: (done: Callback<T>) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    call((error, value) => (error ? reject(error) : resolve(value)));
  });
}

/** True when `error` is a Node system error with this `code` (ENOENT, ENOSPC…). */
export function hasCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

/**
 * The few descriptor-level filesystem calls the fallback writer makes, each as a dual step.
 *
 * @example
 * const fd = yield* fsSteps.open('/tmp/f.jsonl', fs.constants.O_RDONLY, 0o600);
 */
export const fsSteps = {
  open: (path: string, flags: number, mode: number): Steps<number> =>
    step({
      sync: () => fs.openSync(path, flags, mode),
      async: () => promised<number>((done) => fs.open(path, flags, mode, done)),
    }),
  fstat: (fd: number): Steps<fs.Stats> =>
    step({
      sync: () => fs.fstatSync(fd),
      async: () => promised<fs.Stats>((done) => fs.fstat(fd, done)),
    }),
  /** One `write()` at the end of an O_APPEND file; returns the bytes written. */
  write: (fd: number, data: Buffer): Steps<number> =>
    step({
      sync: () => fs.writeSync(fd, data, 0, data.length),
      async: () => promised<number>((done) => fs.write(fd, data, 0, data.length, null, done)),
    }),
  readAt: (fd: number, into: Buffer, position: number): Steps<number> =>
    step({
      sync: () => fs.readSync(fd, into, 0, into.length, position),
      async: () => promised<number>((done) => fs.read(fd, into, 0, into.length, position, done)),
    }),
  /** Closing can only fail on a bad descriptor; nothing useful can be done about it then. */
  closeQuietly: (fd: number): Steps<void> =>
    step({
      sync: () => ignoreErrors(() => fs.closeSync(fd)),
      async: () => new Promise<void>((resolve) => fs.close(fd, () => resolve())),
    }),
  lstat: (path: string): Steps<fs.Stats | undefined> =>
    step({
      sync: () => fs.lstatSync(path, { throwIfNoEntry: false }),
      async: () => fs.promises.lstat(path).catch(undefinedWhen('ENOENT')),
    }),
  /** Renames; a missing source is not an error (that generation does not exist yet). */
  renameIfExists: (from: string, to: string): Steps<void> =>
    step({
      sync: () => ignoreErrors(() => fs.renameSync(from, to), 'ENOENT'),
      async: () => fs.promises.rename(from, to).catch(undefinedWhen('ENOENT')),
    }),
  unlinkIfExists: (path: string): Steps<void> =>
    step({
      sync: () => ignoreErrors(() => fs.unlinkSync(path), 'ENOENT'),
      async: () => fs.promises.unlink(path).catch(undefinedWhen('ENOENT')),
    }),
};

function ignoreErrors(call: () => void, onlyCode?: string): void {
  try {
    call();
  } catch (error) {
    if (onlyCode !== undefined && !hasCode(error, onlyCode)) throw error;
  }
}

function undefinedWhen(code: string): (error: unknown) => undefined {
  return (error) => {
    if (hasCode(error, code)) return undefined;
    throw error;
  };
}
