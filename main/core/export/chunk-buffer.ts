// A byte buffer that text and records are written into as UTF-8, handed over in chunks: take()
// returns the bytes written since the last take as a slice of a large block, and later writes go
// after it, never over it, so a chunk can go to a stream or a file as it is. Writing each string
// straight into bytes is much cheaper than joining a batch into one string (a rope that must be
// flattened, then encoded): about 1.6x faster NDJSON export in the bench.

const LF = 0x0a;
const EMPTY = Buffer.alloc(0);

export class ChunkBuffer {
  readonly #blockBytes: number;
  #block = EMPTY;
  /** The first byte not yet taken, and where the next byte goes. */
  #start = 0;
  #end = 0;

  /** `blockBytes`: the usual size of a block; one larger write gets a block of its own size. */
  constructor(blockBytes = 1 << 20) {
    this.#blockBytes = blockBytes;
  }

  /** Bytes written since the last take(). */
  get length(): number {
    return this.#end - this.#start;
  }

  write(text: string): void {
    this.reserve(maxBytes(text));
    this.#end += this.#block.write(text, this.#end, 'utf8');
  }

  /** `text` and a line feed. */
  writeLine(text: string): void {
    this.reserve(maxBytes(text) + 1);
    this.#end += this.#block.write(text, this.#end, 'utf8');
    this.#block[this.#end++] = LF;
  }

  /**
   * Room for `bytes` more: returns the block to write them into, from `end`; set `end` after them.
   * (For writers that encode bytes themselves, as record-json.ts does.) A chunk that outgrows its
   * block moves to a new one, whole.
   */
  reserve(bytes: number): Buffer {
    if (this.#end + bytes <= this.#block.length) return this.#block;
    const kept = this.#end - this.#start;
    const block = Buffer.allocUnsafe(Math.max(this.#blockBytes, kept + bytes, 2 * kept));
    this.#block.copy(block, 0, this.#start, this.#end);
    this.#block = block;
    this.#start = 0;
    this.#end = kept;
    return block;
  }

  /** Where the next byte goes in the block reserve() returned. */
  get end(): number {
    return this.#end;
  }

  set end(position: number) {
    this.#end = position;
  }

  /** The bytes written since the last take(), handed over: nothing writes over them afterwards. */
  take(): Buffer {
    const bytes = this.#block.subarray(this.#start, this.#end);
    this.#start = this.#end;
    return bytes;
  }
}

/**
 * At most how many bytes `text` becomes: a UTF-16 code unit takes at most 3 bytes in UTF-8; a long
 * text is measured exactly instead, so that a large ASCII event does not triple the buffer.
 */
export function maxBytes(text: string): number {
  return text.length < 65_536 ? text.length * 3 : Buffer.byteLength(text, 'utf8');
}
