import { createReadStream } from 'node:fs';
import type { ReplayEvent } from '../store/store.js';
import { parseFallbackLine, type ParsedLine } from './parse-event-line.js';
import { splitLines, type RawLine } from './split-lines.js';

/** Far above any record we write (bodies are capped); a longer line is not ours. */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

/** One line of a fallback file: an event to apply, or why the line cannot be used. */
export type FallbackLine =
  { event: ReplayEvent; lineNumber: number } | { error: string; lineNumber: number };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Streams the events of a fallback file, line by line, in constant memory. Torn, garbage or
 * unknown lines are yielded as errors with their 1-based line number (an event recovered after a
 * torn line shares its number); blank lines are skipped.
 * Only opening or reading the file itself can reject.
 *
 * @example
 * for await (const line of readFallbackEvents('blackbox-fallback.jsonl')) {
 *   if ('event' in line) events.push(line.event);
 *   else console.warn(`line ${line.lineNumber}: ${line.error}`);
 * }
 */
export async function* readFallbackEvents(path: string): AsyncGenerator<FallbackLine> {
  let lineNumber = 0;
  for await (const line of splitLines(createReadStream(path), MAX_LINE_BYTES)) {
    lineNumber += 1;
    for (const parsed of parseRawLine(line)) yield { ...parsed, lineNumber };
  }
}

function parseRawLine(line: RawLine): ParsedLine[] {
  if (line.tooLong) return [{ error: `line longer than ${MAX_LINE_BYTES} bytes` }];
  let text: string;
  try {
    text = strictUtf8.decode(line.bytes);
  } catch {
    return [{ error: 'not valid UTF-8 (a corrupted line)' }];
  }
  if (text.trim() === '') return [];
  const parsed = parseFallbackLine(text);
  const [first] = parsed;
  // Only the end of the file can be torn without anything appended after it.
  if (!line.terminated && parsed.length === 1 && first && 'error' in first) {
    return [{ error: 'incomplete last line (a torn write)' }];
  }
  return parsed;
}
