/** The lines that fit the room left in the file, in order, and how many did not. */
export interface BudgetSelection {
  chosen: Buffer[];
  overBudget: number;
}

/**
 * Picks, in order, every line that still fits in `room` bytes. Greedy rather than a prefix:
 * one oversized record must not cost the small ones queued behind it.
 *
 * @example
 * selectFitting([Buffer.from('ab\n'), Buffer.from('c\n')], 2); // chosen: ['c\n'], overBudget: 1
 */
export function selectFitting(lines: readonly Buffer[], room: number): BudgetSelection {
  const chosen: Buffer[] = [];
  let left = room;
  for (const line of lines) {
    if (line.length > left) continue;
    chosen.push(line);
    left -= line.length;
  }
  return { chosen, overBudget: lines.length - chosen.length };
}

/** Total size of a batch of lines in bytes. */
export function totalBytes(lines: readonly Buffer[]): number {
  return lines.reduce((sum, line) => sum + line.length, 0);
}

/**
 * How many lines of `lines` lie completely within the first `bytesWritten` bytes; a short write
 * (disk full half-way) leaves the rest unwritten or torn.
 *
 * @example
 * completeLines([Buffer.from('ab\n'), Buffer.from('cd\n')], 4); // 1
 */
export function completeLines(lines: readonly Buffer[], bytesWritten: number): number {
  let end = 0;
  let count = 0;
  for (const line of lines) {
    end += line.length;
    if (end > bytesWritten) break;
    count += 1;
  }
  return count;
}
