const NEWLINE = 0x0a;

/** One line of a stream, without its newline; a `tooLong` line carries no bytes. */
export interface RawLine {
  bytes: Buffer;
  tooLong: boolean;
  /** False for a last line the file ended without a newline after (a torn write). */
  terminated: boolean;
}

/**
 * Splits a byte stream on `\n` only (not on `\r` or U+2028 as readline and editors may), with
 * bounded memory: the bytes of a line longer than `maxLineBytes` are discarded as they arrive.
 *
 * @example
 * for await (const line of splitLines(createReadStream(path), 1 << 20)) console.log(line.bytes.length);
 */
export async function* splitLines(
  chunks: AsyncIterable<Buffer>,
  maxLineBytes: number,
): AsyncGenerator<RawLine> {
  const line = new LineBuffer(maxLineBytes);
  for await (const chunk of chunks) {
    let start = 0;
    let end = chunk.indexOf(NEWLINE);
    while (end !== -1) {
      line.add(chunk.subarray(start, end));
      yield line.take(true);
      start = end + 1;
      end = chunk.indexOf(NEWLINE, start);
    }
    line.add(chunk.subarray(start));
  }
  if (!line.isEmpty()) yield line.take(false);
}

class LineBuffer {
  private parts: Buffer[] = [];
  private size = 0;
  private tooLong = false;

  constructor(private readonly maxBytes: number) {}

  add(piece: Buffer): void {
    this.size += piece.length;
    if (this.size > this.maxBytes) this.tooLong = true;
    if (this.tooLong) this.parts = [];
    else if (piece.length > 0) this.parts.push(piece);
  }

  isEmpty(): boolean {
    return this.size === 0;
  }

  take(terminated: boolean): RawLine {
    const bytes = this.tooLong ? Buffer.alloc(0) : Buffer.concat(this.parts);
    const line = { bytes, tooLong: this.tooLong, terminated };
    [this.parts, this.size, this.tooLong] = [[], 0, false];
    return line;
  }
}
