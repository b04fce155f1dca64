import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  ENOTDIR: 'no such file (a parent is not a directory)',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'too many symbolic links',
};

/**
 * Why `path` cannot be read as an input file, or undefined when it can. It checks without
 * opening, so a FIFO such as `<(zcat fallback.jsonl.gz)` is still read only once, later.
 *
 * @example
 * await whyUnreadable('missing.jsonl'); // 'no such file'
 */
export async function whyUnreadable(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) return 'it is a directory';
    await access(path, constants.R_OK);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    return REASONS[code] ?? `cannot be read (${code || 'unknown error'})`;
  }
}
