import { Command } from 'commander';
import type { MigrationResultSet } from 'kysely';
import { BlackboxError } from '../../core/errors/blackbox-error.js';
import { messageOf } from '../../core/fallback/error-message.js';
import { migrateBlackbox } from '../../stores/kysely/kysely-migrate.js';
import { sqlDatabaseForUrl, type SqlDatabase } from '../../stores/open-store.js';
import type { CliContext } from '../cli-context.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from '../exit-codes.js';
import { addStoreOption, resolveStoreUrl } from '../store-option.js';
import { toOneLine } from '../terminal-text.js';

/**
 * `blackbox migrate`: the commander wiring only; the work is in `runMigrate`.
 *
 * @example
 * program.addCommand(createMigrateCommand(context));
 */
export function createMigrateCommand(context: CliContext): Command {
  return addStoreOption(new Command('migrate'))
    .summary('create or upgrade the blackbox tables')
    .description(
      'Create or upgrade the blackbox tables to the latest version. Idempotent, and safe to run ' +
        'from several instances at once: they take turns under a database lock.',
    )
    .action(async (options: { store?: string }) => {
      context.exitCode = await runMigrate(options, context);
    });
}

/**
 * Migrates the store's database and prints each migration applied; resolves to the exit code:
 * 0 done (or nothing to do), 1 the database failed, 2 the store URL is unusable.
 *
 * @example
 * const code = await runMigrate({ store: 'postgres://app@db/app' }, context);
 */
export async function runMigrate(input: { store?: string }, context: CliContext) {
  const fail = (code: number, message: string) => {
    context.stderr(`blackbox migrate: ${toOneLine(message)}\n`);
    return code;
  };
  const url = resolveStoreUrl(input.store, context.env);
  if (url.trim() === 'memory:') return fail(EXIT_USAGE, 'memory: keeps no tables to migrate');
  let database: SqlDatabase;
  try {
    database = sqlDatabaseForUrl(url);
  } catch (error) {
    const usage = error instanceof BlackboxError && error.code === 'invalid_option';
    return fail(usage ? EXIT_USAGE : EXIT_FAILURE, messageOf(error));
  }
  let result: MigrationResultSet;
  try {
    result = await migrateBlackbox({ db: database.db, dialect: database.dialect });
  } finally {
    await database.db.destroy().catch(() => undefined);
  }
  return report(result, database.description, context, fail);
}

function report(
  result: MigrationResultSet,
  description: string,
  context: CliContext,
  fail: (code: number, message: string) => number,
): number {
  for (const { migrationName, status } of result.results ?? []) {
    const done = { Success: 'applied', Error: 'failed', NotExecuted: 'not applied' }[status];
    context.stdout(`${done} ${migrationName}\n`);
  }
  if (result.error !== undefined) {
    return fail(EXIT_FAILURE, `cannot migrate ${description}: ${messageOf(result.error)}`);
  }
  if ((result.results ?? []).length === 0) {
    context.stdout(`the blackbox tables of ${description} are up to date\n`);
  }
  return EXIT_OK;
}
