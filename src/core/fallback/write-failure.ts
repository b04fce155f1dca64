import { messageOf } from './error-message.js';

/** Why records offered to the fallback file did not reach it. */
export type FallbackDropReason = 'disk_full' | 'write_failed' | 'budget_exceeded';

export interface WriteFailure {
  reason: Exclude<FallbackDropReason, 'budget_exceeded'>;
  /** The system error code (ENOSPC, ELOOP…), so each distinct cause is reported once. */
  code: string;
  message: string;
}

/** Thrown by the writer itself when `path` exists but is not a regular file (a FIFO, a device). */
export class NotARegularFileError extends Error {
  readonly code = 'ENOTREG';
}

const DISK_FULL = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);

const EXPLANATIONS: Record<string, string> = {
  ENOENT: 'its directory does not exist',
  ELOOP: 'it is a symbolic link, which the fallback file never follows',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a parent in its path is not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the filesystem is read-only',
  ENOTREG: 'it is not a regular file',
  ENXIO: 'it is not a regular file',
  EMFILE: 'too many open files',
};

/**
 * Turns whatever a write threw into a drop reason and a one-line message naming the path.
 *
 * @example
 * describeWriteFailure(enospcError, '/var/f.jsonl').reason; // 'disk_full'
 */
export function describeWriteFailure(
  error: unknown,
  path: string,
  action: 'write' | 'rotate' = 'write',
): WriteFailure {
  const code = errorCode(error);
  const reason = DISK_FULL.has(code) ? 'disk_full' : 'write_failed';
  const why = EXPLANATIONS[code] ?? (DISK_FULL.has(code) ? 'the disk is full' : messageOf(error));
  return { reason, code, message: `cannot ${action} the fallback file ${path}: ${why} (${code})` };
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'EUNKNOWN';
}
