import { Command, Option } from 'commander';
import {
  replayFallbackFile,
  type FallbackReplayResult,
} from '../../core/fallback/replay-fallback.js';
import type { CliContext } from '../cli-context.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from '../exit-codes.js';
import { parsePositiveInteger, parseSeconds } from '../number-options.js';
import { closeCliStore, openCliStore } from '../open-cli-store.js';
import { whyUnreadable } from '../readable-file.js';
import { addStoreOption, resolveStoreUrl } from '../store-option.js';
import { toOneLine } from '../terminal-text.js';

/** Problems listed one per line before the rest are only counted. */
const LISTED_PROBLEMS = 20;

export interface ReplayInput {
  file: string;
  /** `--store`; the environment and the default apply when absent. */
  store?: string;
  /** Seconds. */
  dedupWindow: number;
  batch: number;
}

/**
 * `blackbox replay FILE`: the commander wiring only; the work is in `runReplay`.
 *
 * @example
 * program.addCommand(createReplayCommand(context));
 */
export function createReplayCommand(context: CliContext): Command {
  return addStoreOption(new Command('replay'))
    .summary('apply a fallback file to the store')
    .description(
      'Apply the events of a JSON Lines fallback file to the store. Events applied before ' +
        '(same op_id) are skipped, so replaying a file twice changes nothing. Replay rotated ' +
        'files one at a time, oldest first: FILE.3, FILE.2, FILE.1, then FILE.',
    )
    .argument('<file>', 'the fallback file to apply')
    .addOption(
      new Option('--dedup-window <seconds>', 'merge repeats into an incident seen this recently')
        .default(300)
        .argParser(parseSeconds),
    )
    .addOption(
      new Option('--batch <n>', 'events per call to the store')
        .default(500)
        .argParser(parsePositiveInteger),
    )
    .action(async (file: string, options: Omit<ReplayInput, 'file'>) => {
      context.exitCode = await runReplay({ ...options, file }, context);
    });
}

/**
 * Replays FILE into the store and prints what happened; resolves to the exit code: 0 when
 * every readable event was applied or skipped, 1 when the store or the file failed part-way
 * or rejected events, 2 when FILE or the store URL is unusable.
 *
 * @example
 * const code = await runReplay({ file: 'blackbox-fallback.jsonl', dedupWindow: 300, batch: 500 }, context);
 */
export async function runReplay(input: ReplayInput, context: CliContext): Promise<number> {
  const fail = (code: number, message: string) => {
    context.stderr(`blackbox replay: ${toOneLine(message)}\n`);
    return code;
  };
  const unreadable = await whyUnreadable(input.file);
  if (unreadable) return fail(EXIT_USAGE, `cannot read FILE ${input.file}: ${unreadable}`);
  const opened = await openCliStore(resolveStoreUrl(input.store, context.env));
  if ('message' in opened) return fail(opened.exitCode, opened.message);
  let result: FallbackReplayResult;
  try {
    result = await replayFallbackFile({
      path: input.file,
      store: opened.store,
      dedupWindowMs: Math.round(input.dedupWindow * 1000),
      batchSize: input.batch,
      ...problemPrinters(context),
    });
  } finally {
    await closeCliStore(opened.store);
  }
  return report(result, input.file, context);
}

/** Prints the summary line (stdout) and any failure (stderr); returns the exit code. */
function report(result: FallbackReplayResult, file: string, context: CliContext): number {
  const { applied, skipped, unreadable } = result;
  context.stdout(
    `applied ${applied}, skipped ${skipped} (already applied), unreadable ${unreadable} lines\n`,
  );
  if (result.retriedBatches > 0) {
    context.stderr(
      'note: a batch the store rejected was retried event by event; events it had applied ' +
        'before failing are counted as skipped\n',
    );
  }
  const problem = failureOf(result, file);
  if (!problem) return EXIT_OK;
  context.stderr(`blackbox replay: ${toOneLine(problem)}\n`);
  return EXIT_FAILURE;
}

/** Lists the first unreadable lines and rejected events on stderr, then only counts them. */
function problemPrinters(context: CliContext) {
  let listed = 0;
  const list = (text: string) => {
    listed += 1;
    if (listed <= LISTED_PROBLEMS) context.stderr(`${toOneLine(text)}\n`);
    if (listed === LISTED_PROBLEMS + 1)
      context.stderr('(further problems are counted, not listed)\n');
  };
  return {
    onUnreadableLine: ({ lineNumber, error }: { lineNumber: number; error: string }) =>
      list(`line ${lineNumber}: ${error}`),
    onFailedEvent: (failure: { lineNumber: number; opId: string; message: string }) =>
      list(
        `line ${failure.lineNumber} (op_id ${failure.opId}): rejected by the store: ${failure.message}`,
      ),
  };
}

function failureOf(result: FallbackReplayResult, file: string): string | undefined {
  if (result.storeError) {
    return `the store failed; the rest of ${file} was not applied (run replay again once it works): ${result.storeError}`;
  }
  if (result.readError) return `reading ${file} failed part-way: ${result.readError}`;
  if (result.failed > 0) {
    return `${result.failed} events were rejected by the store (listed above); fix or remove those lines and replay again`;
  }
  return undefined;
}
