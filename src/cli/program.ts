import { Command, CommanderError } from 'commander';
import { messageOf } from '../core/fallback/error-message.js';
import type { CliContext } from './cli-context.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './exit-codes.js';
import { toOneLine } from './terminal-text.js';

/**
 * The `blackbox` program without its commands; add each with `program.addCommand(…)`.
 *
 * @example
 * const program = createProgram(context);
 * program.addCommand(createReplayCommand(context));
 * process.exitCode = await runProgram(program, process.argv, context);
 */
export function createProgram(context: CliContext): Command {
  return new Command('blackbox')
    .description('Maintain and inspect an http-blackbox store.')
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({
      writeOut: (text) => context.stdout(text),
      writeErr: (text) => context.stderr(text),
    });
}

/**
 * Parses `argv` and runs the chosen command; resolves to the exit code, never rejects.
 * Commander's own errors (unknown option, missing argument…) are usage errors; `--help` is 0.
 *
 * @example
 * const code = await runProgram(program, ['node', 'blackbox', 'replay', '--help'], context); // 0
 */
export async function runProgram(
  program: Command,
  argv: readonly string[],
  context: CliContext,
): Promise<number> {
  // addCommand() does not pass on exitOverride and the output settings; without them a
  // subcommand's usage error would call process.exit itself and print unsanitised.
  for (const command of program.commands) command.copyInheritedSettings(program);
  try {
    await program.parseAsync([...argv]);
    return context.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    context.stderr(`blackbox: ${toOneLine(messageOf(error))}\n`);
    return EXIT_FAILURE;
  }
}
