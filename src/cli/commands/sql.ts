import { Command, Option } from 'commander';
import { blackboxSchemaSql } from '../../stores/kysely/kysely-migrate.js';
import type { SqlDialectName } from '../../stores/kysely/kysely-dialect.js';
import type { CliContext } from '../cli-context.js';
import { EXIT_OK } from '../exit-codes.js';

const DIALECTS: readonly SqlDialectName[] = ['postgres', 'mysql', 'sqlite'];

/**
 * `blackbox sql --dialect …`: prints the DDL of the blackbox tables without connecting, for a
 * DBA to review or apply by hand.
 *
 * @example
 * program.addCommand(createSqlCommand(context));
 */
export function createSqlCommand(context: CliContext): Command {
  return new Command('sql')
    .summary('print the DDL of the blackbox tables')
    .description(
      'Print the CREATE statements of the blackbox tables for a database, without connecting. ' +
        'Tables created this way are not recorded in blackbox_migrations: prefer `blackbox ' +
        'migrate`, or open such a store with migrate: false.',
    )
    .addOption(
      new Option('--dialect <name>', 'the database').choices(DIALECTS).makeOptionMandatory(),
    )
    .action((options: { dialect: SqlDialectName }) => {
      context.exitCode = runSql(options.dialect, context);
    });
}

/**
 * Prints the schema's statements, each ended by `;`; always exit code 0.
 *
 * @example
 * runSql('postgres', context);
 */
export function runSql(dialect: SqlDialectName, context: CliContext): number {
  const statements = blackboxSchemaSql(dialect);
  context.stdout(`-- http-blackbox tables for ${dialect} (migration 0001_initial)\n`);
  context.stdout(statements.map((statement) => `${statement};\n`).join('\n'));
  return EXIT_OK;
}
