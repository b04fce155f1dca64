import { Command, Option } from 'commander';
import { pruneByAge, type PruneByAgeResult } from '../../core/retention/prune-by-age.js';
import { messageOf } from '../../core/fallback/error-message.js';
import type { CliContext } from '../cli-context.js';
import { EXIT_FAILURE, EXIT_OK } from '../exit-codes.js';
import { parseDays } from '../number-options.js';
import { closeCliStore, openCliStore } from '../open-cli-store.js';
import { addStoreOption, resolveStoreUrl } from '../store-option.js';
import { toOneLine } from '../terminal-text.js';

/** The library's `retentionDays` default: what `prune` keeps when no age is given. */
export const DEFAULT_RETENTION_DAYS = 90;

export interface PruneInput {
  store?: string;
  /** Days; incidents last seen earlier go. */
  olderThan: number;
  /** Days; default: `olderThan`. */
  activitiesOlderThan?: number;
  dryRun: boolean;
}

/**
 * `blackbox prune`: the commander wiring only; the work is in `runPrune`.
 *
 * @example
 * program.addCommand(createPruneCommand(context));
 */
export function createPruneCommand(context: CliContext): Command {
  return addStoreOption(new Command('prune'))
    .summary('delete old incidents and activities')
    .description(
      'Delete incidents last seen, and activities created, more than the given number of days ' +
        'ago, in small batches so that the app keeps writing meanwhile. Aliases go with their ' +
        'incident.',
    )
    .addOption(
      new Option('--older-than <days>', 'age of the incidents to delete (retentionDays)')
        .default(DEFAULT_RETENTION_DAYS)
        .argParser(parseDays),
    )
    .addOption(
      new Option(
        '--activities-older-than <days>',
        'age of the activities to delete (default: --older-than)',
      ).argParser(parseDays),
    )
    .option('--dry-run', 'count what would be deleted, delete nothing', false)
    .action(async (options: PruneInput) => {
      context.exitCode = await runPrune(options, context);
    });
}

/**
 * Prunes the store and prints rows per status deleted (or that would be); resolves to the exit
 * code: 0 done, 1 the store failed, 2 the store URL is malformed.
 *
 * @example
 * const code = await runPrune({ olderThan: 30, dryRun: true }, context);
 */
export async function runPrune(input: PruneInput, context: CliContext): Promise<number> {
  const fail = (code: number, message: string) => {
    context.stderr(`blackbox prune: ${toOneLine(message)}\n`);
    return code;
  };
  const opened = await openCliStore(resolveStoreUrl(input.store, context.env));
  if ('message' in opened) return fail(opened.exitCode, opened.message);
  try {
    const result = await pruneByAge(opened.store, {
      olderThanDays: input.olderThan,
      activitiesOlderThanDays: input.activitiesOlderThan,
      dryRun: input.dryRun,
    });
    context.stdout(describePrune(result));
    return EXIT_OK;
  } catch (error) {
    return fail(EXIT_FAILURE, messageOf(error));
  } finally {
    await closeCliStore(opened.store);
  }
}

/**
 * Two lines: incidents by status, then activities, with the cutoffs.
 *
 * @example
 * describePrune(result); // 'deleted 3 incidents (OPEN 1, RESOLVED 2) last seen before …\n…'
 */
export function describePrune(result: PruneByAgeResult): string {
  const verb = result.dryRun ? 'would delete' : 'deleted';
  const byStatus = Object.entries(result.incidentsByStatus).sort(([a], [b]) => a.localeCompare(b));
  const total = byStatus.reduce((sum, [, count]) => sum + count, 0);
  const detail =
    byStatus.length > 0 ? ` (${byStatus.map(([s, n]) => `${s} ${n}`).join(', ')})` : '';
  return (
    `${verb} ${total} incidents${detail} last seen before ${result.incidentsBefore.toISOString()}\n` +
    `${verb} ${result.activities} activities created before ${result.activitiesBefore.toISOString()}\n`
  );
}
