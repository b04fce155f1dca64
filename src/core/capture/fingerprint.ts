import { createHash } from 'node:crypto';

// Each pattern refuses to start or end inside a longer run of the same kind of characters, so
// part of a longer token is never replaced. All run in linear time (no nested quantifiers).
const HEX = '[0-9A-Fa-f]';
const UUID = new RegExp(
  `(?<!${HEX})${HEX}{8}-${HEX}{4}-${HEX}{4}-${HEX}{4}-${HEX}{12}(?!${HEX})`,
  'g',
);
const HEX_RUN = new RegExp(`(?<!${HEX})${HEX}{16,}(?!${HEX})`, 'g');
// Letters and digits around it, or a decimal point followed by a digit, make a number part of
// a longer token; so does an '@' (it belongs to an e-mail address, replaced whole later).
// `_`, `-` and `/` do not: user_12345 and /items/12345 both lose the ID.
const LONG_NUMBER = /(?<![\p{L}\p{N}@])(?<!\p{N}\.)\p{Nd}{5,}(?![\p{L}\p{N}@])(?!\.\p{N})/gu;
const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`(?<![\\d.])${OCTET}(?:\\.${OCTET}){3}(?!\\d|\\.\\d)`, 'g');
// Starts only where a local part can start, so a long run without '@' is scanned once.
const EMAIL = /(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;

/**
 * Replaces the parts of an error message that vary between occurrences of one bug, in this
 * order: UUIDs (any case) → `<UUID>`, runs of 16+ hex characters → `<HEX>`, whole numbers of
 * 5+ digits → `<ID>` (4-digit numbers such as years or ports are kept), IPv4 addresses →
 * `<IP>`, e-mail addresses → `<EMAIL>`.
 *
 * @example
 * normaliseMessage('User 123456 (ann@example.com) from 10.0.0.1 in 2024');
 * // 'User <ID> (<EMAIL>) from <IP> in 2024'
 */
export function normaliseMessage(message: string): string {
  return message
    .replace(UUID, '<UUID>')
    .replace(HEX_RUN, '<HEX>')
    .replace(LONG_NUMBER, '<ID>')
    .replace(IPV4, '<IP>')
    .replace(EMAIL, '<EMAIL>');
}

/**
 * The dedup key of an incident: the SHA-256 (hex) of the class, the normalised message and
 * the route template, joined by newlines.
 *
 * @example
 * computeFingerprint({ className: 'Error', message: 'boom for item 12345', route: '/boom/:id' });
 * // same as for 'boom for item 67890': 64 hex characters
 */
export function computeFingerprint(input: {
  className: string;
  message: string;
  route: string;
}): string {
  const text = `${input.className}\n${normaliseMessage(input.message)}\n${input.route}`;
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
