import type { Command } from 'commander';

/** The store the library itself uses when none is configured. */
export const DEFAULT_STORE_URL = 'sqlite:./blackbox.sqlite';
export const STORE_ENV = 'BLACKBOX_STORE';

/**
 * Adds `--store <url>` to a command; resolve it with `resolveStoreUrl`. The default is not
 * set here, so that `--store` can win over the environment and the environment over the default.
 *
 * @example
 * addStoreOption(new Command('replay'));
 */
export function addStoreOption(command: Command): Command {
  return command.option(
    '--store <url>',
    `store URL: sqlite:./path, postgres://user@host/db or mysql://user@host/db (default: $${STORE_ENV}, else ${DEFAULT_STORE_URL})`,
  );
}

/**
 * `--store`, else `BLACKBOX_STORE` (when not empty), else the library's default.
 *
 * @example
 * resolveStoreUrl(undefined, { BLACKBOX_STORE: 'sqlite:/var/lib/app/bb.sqlite' }); // the env value
 */
export function resolveStoreUrl(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string {
  if (flag !== undefined) return flag;
  const fromEnv = env[STORE_ENV];
  return fromEnv !== undefined && fromEnv.trim() !== '' ? fromEnv : DEFAULT_STORE_URL;
}
