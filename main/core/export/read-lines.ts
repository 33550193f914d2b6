// Splits a byte stream into numbered text lines (LF or CRLF), with a bound on line length: a line
// longer than the bound is skipped without being held in memory, and reported as such. Lines come
// in batches, one per chunk read, so that a reader pays for one await per chunk, not per line.

export interface TextLine {
  /** 1-based line number in the file. */
  number: number;
  /** The line without its terminator; null when it was longer than the bound and skipped. */
  text: string | null;
  /** Bytes of the line, terminator excluded. */
  bytes: number;
  /** False for a last line that the file ends in the middle of (no line break after it). */
  terminated: boolean;
}

const LF = 0x0a;
const CR = 0x0d;

export async function* readLineBatches(chunks: AsyncIterable<Uint8Array>, maxLineBytes: number): AsyncGenerator<TextLine[]> {
  let held: Buffer[] = [];
  let heldBytes = 0;
  let skipping = false; // inside a line already known to be too long
  let number = 0;

  const take = (tail: Buffer, terminated: boolean): TextLine => {
    const bytes = heldBytes + tail.length;
    let text: string | null = null;
    if (!skipping) {
      let line = held.length === 0 ? tail : Buffer.concat([...held, tail], bytes);
      if (terminated && line.length > 0 && line[line.length - 1] === CR) line = line.subarray(0, -1);
      text = line.toString('utf8');
    }
    held = [];
    heldBytes = 0;
    skipping = false;
    return { number: ++number, text, bytes, terminated };
  };

  for await (const chunk of chunks) {
    const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const batch: TextLine[] = [];
    let start = 0;
    for (;;) {
      const lf = buf.indexOf(LF, start);
      if (lf === -1) break;
      if (heldBytes + (lf - start) > maxLineBytes) skipping = true;
      batch.push(take(buf.subarray(start, lf), true));
      start = lf + 1;
    }
    if (start < buf.length) {
      const rest = buf.subarray(start);
      heldBytes += rest.length;
      if (heldBytes > maxLineBytes) {
        skipping = true;
        held = [];
      } else {
        held.push(Buffer.from(rest)); // copy: the stream may reuse the chunk's memory
      }
    }
    if (batch.length > 0) yield batch;
  }
  if (heldBytes > 0) yield [take(Buffer.alloc(0), false)];
}
