import { constants } from 'node:fs';
import type { Steps } from './dual-io.js';
import { fsSteps, hasCode } from './fs-steps.js';

// O_NOFOLLOW does not exist on Windows; there the lstat identity check below still applies.
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const LOCK_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW;
const READ_FLAGS = constants.O_RDONLY | NOFOLLOW | (constants.O_NONBLOCK ?? 0);
/** A rotation takes milliseconds; a lock this old was left by a process that died mid-rotation. */
const STALE_LOCK_MS = 30_000;
const NEWLINE = 0x0a;

/** `path` itself is generation 0; older ones are `path.1`, `path.2`, … */
export function generationPath(path: string, generation: number): string {
  return generation === 0 ? path : `${path}.${generation}`;
}

export interface Rotation {
  /** `busy`: another process holds the rotation lock; `already_rotated`: it just rotated. */
  outcome: 'rotated' | 'already_rotated' | 'busy';
  /** Lines in the oldest generation, deleted to stay within the budget. */
  evictedLines: number;
}

/**
 * Shifts `path` → `path.1` → … up to the first missing generation, or deletes the oldest
 * (`path.<maxFiles>`) when all exist. It runs under a lock file so
 * that several processes appending to one path rotate it once, not once each. `openedFile` is
 * the file the caller found full: if `path` is no longer that file, someone else rotated it.
 *
 * @example
 * const { outcome } = runSync(rotateGenerations('/var/log/f.jsonl', 3, fstatSync(fd)));
 */
export function* rotateGenerations(
  path: string,
  maxFiles: number,
  openedFile: { dev: number; ino: number },
): Steps<Rotation> {
  const lockPath = `${path}.lock`;
  if (!(yield* tryLock(lockPath))) return { outcome: 'busy', evictedLines: 0 };
  try {
    const current = yield* fsSteps.lstat(path);
    if (current?.ino !== openedFile.ino || current.dev !== openedFile.dev) {
      return { outcome: 'already_rotated', evictedLines: 0 };
    }
    const free = yield* firstFreeGeneration(path, maxFiles);
    const evictedLines = free === undefined ? yield* evict(generationPath(path, maxFiles)) : 0;
    for (let generation = (free ?? maxFiles) - 1; generation >= 0; generation -= 1) {
      yield* fsSteps.renameIfExists(
        generationPath(path, generation),
        generationPath(path, generation + 1),
      );
    }
    return { outcome: 'rotated', evictedLines };
  } finally {
    yield* fsSteps.unlinkIfExists(lockPath);
  }
}

/** Generations above a gap stay where they are; only those below it need to move. */
function* firstFreeGeneration(path: string, maxFiles: number): Steps<number | undefined> {
  for (let generation = 1; generation <= maxFiles; generation += 1) {
    if (!(yield* fsSteps.lstat(generationPath(path, generation)))) return generation;
  }
  return undefined;
}

function* evict(oldest: string): Steps<number> {
  const lines = yield* countLines(oldest);
  yield* fsSteps.unlinkIfExists(oldest);
  return lines;
}

function* tryLock(lockPath: string): Steps<boolean> {
  try {
    const fd = yield* fsSteps.open(lockPath, LOCK_FLAGS, 0o600);
    yield* fsSteps.closeQuietly(fd);
    return true;
  } catch (error) {
    if (!hasCode(error, 'EEXIST')) throw error;
    yield* clearStaleLock(lockPath);
    return false;
  }
}

function* clearStaleLock(lockPath: string): Steps<void> {
  const lock = yield* fsSteps.lstat(lockPath);
  if (lock && Date.now() - lock.mtimeMs > STALE_LOCK_MS) yield* fsSteps.unlinkIfExists(lockPath);
}

/**
 * Counts the lines of a generation about to be deleted, so the loss is reported, not silent.
 * A generation we cannot open (missing, or a symlink someone planted) holds none of our lines.
 */
function* countLines(path: string): Steps<number> {
  let fd: number;
  try {
    fd = yield* fsSteps.open(path, READ_FLAGS, 0o600);
  } catch {
    return 0;
  }
  try {
    return yield* countNewlines(fd);
  } catch {
    return 0;
  } finally {
    yield* fsSteps.closeQuietly(fd);
  }
}

function* countNewlines(fd: number): Steps<number> {
  const chunk = Buffer.alloc(64 * 1024);
  let position = 0;
  let lines = 0;
  for (;;) {
    const read = yield* fsSteps.readAt(fd, chunk, position);
    if (read === 0) return lines;
    for (let i = 0; i < read; i += 1) if (chunk[i] === NEWLINE) lines += 1;
    position += read;
  }
}
