/**
 * Escape sequences a terminal acts on, removed whole so their parameters do not leak as text:
 * CSI (`ESC [` or 8-bit 0x9B, e.g. colours, cursor moves, screen clears), string commands
 * (OSC, DCS, SOS, PM, APC, e.g. window titles and hyperlinks) up to their terminator, and the
 * remaining two-byte and nF escapes (`ESC c` resets the terminal). An unterminated string
 * loses only its introducer: without it the rest is plain text, and may be worth reading.
 */
const ESCAPE_SEQUENCES =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]|(?:\u001b[\]PX^_]|[\u0090\u0098\u009d-\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)|\u001b[\u0020-\u002f]*[\u0030-\u007e]/g;

/** C0 controls except tab and newline, DEL, and the C1 controls. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Makes text safe to print on a terminal: stored incident data, file names and error messages
 * can carry escape sequences that recolour, retitle or clear the screen, or a `\r` that
 * overwrites what was printed. Tabs and newlines are kept.
 *
 * @example
 * toTerminalText('\u001b[31mboom\u001b[0m\r'); // 'boom'
 */
export function toTerminalText(text: string): string {
  return text.replace(ESCAPE_SEQUENCES, '').replace(CONTROL_CHARACTERS, '');
}

/**
 * Folds a message onto one line (driver errors often span several) and makes it printable.
 *
 * @example
 * toOneLine('connect failed\n    at Socket'); // 'connect failed at Socket'
 */
export function toOneLine(text: string): string {
  return toTerminalText(text)
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}
