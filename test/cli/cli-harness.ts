import type { CliContext } from '../../src/cli/cli-context.js';
import { createMigrateCommand } from '../../src/cli/commands/migrate.js';
import { createPruneCommand } from '../../src/cli/commands/prune.js';
import { createReplayCommand } from '../../src/cli/commands/replay.js';
import { createSqlCommand } from '../../src/cli/commands/sql.js';
import { createProgram, runProgram } from '../../src/cli/program.js';
import { toTerminalText } from '../../src/cli/terminal-text.js';

/**
 * Runs `blackbox …` in this process with captured output, wired as main.ts wires it.
 *
 * @example
 * const { code, stdout } = await runInProcess(['replay', 'f.jsonl', '--store', 'memory:']);
 */
export async function runInProcess(args: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const context: CliContext = {
    stdout: (text) => void (stdout += toTerminalText(text)),
    stderr: (text) => void (stderr += toTerminalText(text)),
    env,
    exitCode: 0,
  };
  const program = createProgram(context);
  program.addCommand(createMigrateCommand(context));
  program.addCommand(createPruneCommand(context));
  program.addCommand(createReplayCommand(context));
  program.addCommand(createSqlCommand(context));
  const code = await runProgram(program, ['node', 'blackbox', ...args], context);
  return { code, stdout, stderr };
}
