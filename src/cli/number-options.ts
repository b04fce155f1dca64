import { InvalidArgumentError } from 'commander';

/** Digits with an optional fraction: no signs, exponents, hex or surrounding spaces. */
const DECIMAL = /^\d+(?:\.\d+)?$/;

/**
 * Commander argument parser for a duration in seconds (0 or more, fractions allowed).
 *
 * @example
 * new Option('--dedup-window <seconds>').argParser(parseSeconds);
 */
export function parseSeconds(value: string): number {
  if (!DECIMAL.test(value))
    throw new InvalidArgumentError('expected a number of seconds (0 or more).');
  return Number(value);
}

/**
 * Commander argument parser for a count of 1 or more.
 *
 * @example
 * new Option('--batch <n>').argParser(parsePositiveInteger);
 */
export function parsePositiveInteger(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(number) || number < 1) {
    throw new InvalidArgumentError('expected a whole number of 1 or more.');
  }
  return number;
}

/**
 * Commander argument parser for an age in days: above 0, fractions allowed (`0.5` is 12 hours).
 *
 * @example
 * new Option('--older-than <days>').argParser(parseDays);
 */
export function parseDays(value: string): number {
  if (!DECIMAL.test(value) || !(Number(value) > 0)) {
    throw new InvalidArgumentError('expected a number of days above 0.');
  }
  return Number(value);
}
