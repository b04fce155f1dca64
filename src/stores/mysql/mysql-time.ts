import { CompiledQuery } from 'kysely';
import { BlackboxError } from '../../core/errors/blackbox-error.js';
import type { BlackboxDb, DbTime } from '../kysely/kysely-tables.js';
import { isoInstant } from '../shared/iso-time.js';

/**
 * How the pool's driver turns a DATETIME into a JS value: text (`dateStrings`), a `Date` read
 * as UTC (`timezone: 'Z'`), as the process's local time (mysql2's default), or at a fixed
 * offset (`timezone: '+02:00'`, given as the milliseconds to add back).
 */
export type MysqlTimeReading = 'text' | 'utc' | 'local' | { offsetMs: number };

/**
 * Writes an instant as DATETIME text in UTC (`2024-05-01 12:00:00.123`). Text, not a `Date`,
 * because mysql2 would format a `Date` in the pool's `timezone`, local time by default.
 *
 * @example
 * toMysqlTime(0); // '1970-01-01 00:00:00.000'
 */
export function toMysqlTime(epochMs: number): string {
  return isoInstant(epochMs).slice(0, 23).replace('T', ' ');
}

/**
 * Reads a DATETIME back as the instant it was written, given how the driver decoded it.
 *
 * @example
 * fromMysqlTime('2024-05-01 12:00:00.123', 'text').toISOString(); // '2024-05-01T12:00:00.123Z'
 */
export function fromMysqlTime(value: DbTime, reading: MysqlTimeReading): Date {
  if (typeof value === 'string') {
    const date = new Date(`${value.replace(' ', 'T')}Z`);
    if (!Number.isNaN(date.getTime())) return date;
    throw new BlackboxError('store_failed', `cannot read the time "${value}" from MySQL`);
  }
  if (reading === 'local') {
    // The driver built the Date from local fields; those fields are the UTC ones we wrote.
    const v = value;
    return new Date(
      Date.UTC(
        v.getFullYear(),
        v.getMonth(),
        v.getDate(),
        v.getHours(),
        v.getMinutes(),
        v.getSeconds(),
        v.getMilliseconds(),
      ),
    );
  }
  if (typeof reading === 'object') return new Date(value.getTime() + reading.offsetMs);
  return value;
}

/** A DATETIME away from any DST change and with milliseconds, to see how the driver reads it. */
const PROBE = { text: '2001-02-03 04:05:06.789', utc: Date.UTC(2001, 1, 3, 4, 5, 6, 789) };

/**
 * Asks the pool how it decodes DATETIME (one query at open), since an app's own mysql2 pool
 * may use any of `timezone` and `dateStrings`: we must read back the instant we wrote.
 *
 * @example
 * const reading = await probeMysqlTimeReading(db); // 'text' on the pools we create
 */
export async function probeMysqlTimeReading(db: BlackboxDb): Promise<MysqlTimeReading> {
  const query = CompiledQuery.raw(`select cast('${PROBE.text}' as datetime(3)) as t`);
  const { rows } = await db.executeQuery<{ t: DbTime }>(query);
  const value = rows[0]?.t;
  if (!(value instanceof Date)) return 'text';
  if (value.getTime() === PROBE.utc) return 'utc';
  const local = new Date(2001, 1, 3, 4, 5, 6, 789).getTime();
  if (value.getTime() === local) return 'local';
  return { offsetMs: PROBE.utc - value.getTime() };
}
