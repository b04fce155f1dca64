#!/usr/bin/env node
import { createProcessContext } from './cli-context.js';
import { createReplayCommand } from './commands/replay.js';
import { createProgram, runProgram } from './program.js';

const context = createProcessContext();
const program = createProgram(context);
// One import and one line per command.
program.addCommand(createReplayCommand(context));

// No top-level await: the same file is also built as CommonJS.
void runProgram(program, process.argv, context).then((code) => {
  process.exitCode = code;
});
