import { constants, type Stats } from 'node:fs';
import type { Steps } from './dual-io.js';
import { fsSteps } from './fs-steps.js';
import { rotateGenerations } from './rotation.js';
import { completeLines, selectFitting, totalBytes } from './write-budget.js';
import { describeWriteFailure, NotARegularFileError, type WriteFailure } from './write-failure.js';

/**
 * O_APPEND: every write lands at the current end, even with several writers or after a
 * copytruncate. O_NOFOLLOW: a symlink planted at the path is refused (ELOOP), never followed.
 * O_NONBLOCK: a FIFO planted at the path fails at once instead of blocking the process.
 */
const APPEND_FLAGS =
  constants.O_WRONLY |
  constants.O_APPEND |
  constants.O_CREAT |
  (constants.O_NOFOLLOW ?? 0) |
  (constants.O_NONBLOCK ?? 0);

export interface AppendConfig {
  path: string;
  maxBytes: number;
  maxFiles: number;
}

/** What happened to a batch of encoded lines; `fallback-file.ts` turns it into a result. */
export interface AppendOutcome {
  written: number;
  overBudget: number;
  evictedLines: number;
  failure?: WriteFailure;
  /** The file already existed with group/other permissions (we only set 0600 on creation). */
  exposed: boolean;
}

/**
 * Appends lines with one `write()`, rotating first when they would not fit. The file is opened
 * per batch, so a file renamed away by logrotate is never written after it moved.
 *
 * @example
 * const outcome = runSync(appendLines({ path, maxBytes, maxFiles: 3 }, lines));
 */
export function* appendLines(config: AppendConfig, lines: Buffer[]): Steps<AppendOutcome> {
  const outcome: AppendOutcome = { written: 0, overBudget: 0, evictedLines: 0, exposed: false };
  let file: OpenFile | undefined;
  try {
    file = yield* openForAppend(config.path);
    let room = config.maxBytes - file.stat.size;
    const full = totalBytes(lines) > room && config.maxFiles > 0 && file.stat.size > 0;
    if (full && (yield* tryRotate(config, file.stat, outcome))) {
      yield* fsSteps.closeQuietly(file.fd);
      file = undefined;
      file = yield* openForAppend(config.path);
      // Judged against a fresh generation even if other processes already added to it (or
      // are rotating right now): at worst the file overshoots maxBytes by their batches.
      room = config.maxBytes;
    }
    outcome.exposed = (file.stat.mode & 0o077) !== 0;
    const { chosen, overBudget } = selectFitting(lines, room);
    outcome.overBudget = overBudget;
    outcome.written = yield* writeLines(file.fd, chosen);
    if (outcome.written < chosen.length) outcome.failure = shortWrite(config.path);
  } catch (error) {
    outcome.failure = describeWriteFailure(error, config.path);
  } finally {
    if (file) yield* fsSteps.closeQuietly(file.fd);
  }
  return outcome;
}

/** Rotates; when it cannot (say, a read-only directory), reports why and keeps the file. */
function* tryRotate(config: AppendConfig, stat: Stats, outcome: AppendOutcome): Steps<boolean> {
  try {
    const rotation = yield* rotateGenerations(config.path, config.maxFiles, stat);
    outcome.evictedLines = rotation.evictedLines;
    return true;
  } catch (error) {
    outcome.failure = describeWriteFailure(error, config.path, 'rotate');
    return false;
  }
}

interface OpenFile {
  fd: number;
  stat: Stats;
}

function* openForAppend(path: string): Steps<OpenFile> {
  const fd = yield* fsSteps.open(path, APPEND_FLAGS, 0o600);
  try {
    const stat = yield* fsSteps.fstat(fd);
    if (!stat.isFile()) throw new NotARegularFileError(path);
    return { fd, stat };
  } catch (error) {
    yield* fsSteps.closeQuietly(fd);
    throw error;
  }
}

/**
 * Writes the lines in one call and returns how many landed complete. A short write (the disk
 * filled half-way) leaves a torn line that the next append continues; the reader recovers the
 * record glued to it (see parse-event-line.ts), so only the torn record is lost, and counted.
 */
function* writeLines(fd: number, lines: Buffer[]): Steps<number> {
  if (lines.length === 0) return 0;
  const bytes = yield* fsSteps.write(fd, Buffer.concat(lines));
  return completeLines(lines, bytes);
}

function shortWrite(path: string): WriteFailure {
  const failure = describeWriteFailure({ code: 'ENOSPC' }, path);
  return { ...failure, message: `${failure.message}; the last batch was only partly written` };
}
