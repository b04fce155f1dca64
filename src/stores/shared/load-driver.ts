import { BlackboxError } from '../../core/errors/blackbox-error.js';
import { describeError } from './errors.js';

/**
 * Imports an optional database driver on first use, so an app on another database never loads
 * it; an absent package is a `driver_missing` error naming what to install. `fix` is the advice
 * for a package that is there but fails to load (a native module built for another Node).
 *
 * @example
 * const pg = await loadDriver<{ Pool: PoolConstructor }>('pg', 'PostgreSQL');
 */
export async function loadDriver<T>(specifier: string, database: string, fix?: string): Promise<T> {
  try {
    // A computed specifier keeps bundlers from pulling every driver into every app.
    const name = specifier;
    const module = (await import(name)) as T & { default?: T };
    return module.default ?? module;
  } catch (error) {
    const message = isModuleMissing(error)
      ? `${database} needs the ${specifier} package: npm install ${specifier}`
      : `${specifier} is installed but failed to load${fix ? ` (${fix})` : ''}: ${describeError(error)}`;
    throw new BlackboxError('driver_missing', message, { cause: error });
  }
}

/** True when the import failed because a package is absent (looking through wrapped causes). */
export function isModuleMissing(error: unknown): boolean {
  for (let e = error, depth = 0; e !== undefined && e !== null && depth < 4; depth += 1) {
    const { code, cause } = e as { code?: unknown; cause?: unknown };
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') return true;
    e = cause;
  }
  return false;
}
