import { toTerminalText } from './terminal-text.js';

/**
 * What a command may touch of its process. Everything printed goes through `toTerminalText`
 * here, once, so no command can forget it; tests pass their own context instead of spawning.
 */
export interface CliContext {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  /** Set by the command's action; `runProgram` returns it. */
  exitCode: number;
}

/**
 * The context of the running process.
 *
 * @example
 * const context = createProcessContext();
 * context.stdout('applied 3\n');
 */
export function createProcessContext(): CliContext {
  return {
    stdout: (text) => void process.stdout.write(toTerminalText(text)),
    stderr: (text) => void process.stderr.write(toTerminalText(text)),
    env: process.env,
    exitCode: 0,
  };
}
