import { BlackboxError } from '../../core/errors/blackbox-error.js';

/** `2024-05-01 12:00:00.123+00` or `…+05:30`: PostgreSQL's text output of a timestamptz. */
const PG_TIMESTAMPTZ =
  /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)([+-]\d{2})(:?\d{2})?$/;

/**
 * Reads a `timestamptz` as pg hands it over: a `Date` by default, or text when the app set its
 * own type parser (`types.setTypeParser(1184, (v) => v)`), which `new Date()` cannot read in
 * every case (`+00` without minutes).
 *
 * @example
 * fromPostgresTime('2024-05-01 12:00:00.123+00').toISOString(); // '2024-05-01T12:00:00.123Z'
 */
export function fromPostgresTime(value: string | Date): Date {
  if (value instanceof Date) return value;
  const match = PG_TIMESTAMPTZ.exec(value);
  const iso = match
    ? `${match[1]}T${match[2]}${match[3]}:${(match[4] ?? '00').replace(':', '')}`
    : value;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    throw new BlackboxError('store_failed', `cannot read the time "${value}" from PostgreSQL`);
  }
  return date;
}
