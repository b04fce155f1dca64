#!/usr/bin/env node
import { createProcessContext } from './cli-context.js';
import { createMigrateCommand } from './commands/migrate.js';
import { createPruneCommand } from './commands/prune.js';
import { createReplayCommand } from './commands/replay.js';
import { createSqlCommand } from './commands/sql.js';
import { createProgram, runProgram } from './program.js';

const context = createProcessContext();
const program = createProgram(context);
// One import and one line per command.
program.addCommand(createMigrateCommand(context));
program.addCommand(createPruneCommand(context));
program.addCommand(createReplayCommand(context));
program.addCommand(createSqlCommand(context));

// No top-level await: the same file is also built as CommonJS.
void runProgram(program, process.argv, context).then((code) => {
  process.exitCode = code;
});
