// A growable byte buffer that export encoders write text into, UTF-8 encoded in place. Writing
// each record's string straight into bytes is much cheaper than concatenating a batch into one
// string (a rope that must be flattened, then encoded): about 1.6x faster NDJSON in the bench.

const LF = 0x0a;
const EMPTY = Buffer.alloc(0);

export class ChunkBuffer {
  readonly #capacity: number;
  #buf = EMPTY;
  #length = 0;

  /** `capacity`: the usual chunk size; one larger text grows the buffer for that chunk only. */
  constructor(capacity = 1 << 20) {
    this.#capacity = capacity;
  }

  get length(): number {
    return this.#length;
  }

  write(text: string): void {
    this.#reserve(maxBytes(text));
    this.#length += this.#buf.write(text, this.#length, 'utf8');
  }

  /** `text` and a line feed. */
  writeLine(text: string): void {
    this.#reserve(maxBytes(text) + 1);
    this.#length += this.#buf.write(text, this.#length, 'utf8');
    this.#buf[this.#length++] = LF;
  }

  /**
   * Room for `bytes` more bytes, for an encoder that writes bytes itself: it writes them into the
   * returned buffer from `length` on, then calls `commit` with how many it wrote.
   */
  room(bytes: number): Buffer {
    this.#reserve(bytes);
    return this.#buf;
  }

  commit(bytes: number): void {
    this.#length += bytes;
  }

  /** The bytes written so far, handed over (the next write starts in new memory). */
  take(): Buffer {
    const bytes = this.#buf.subarray(0, this.#length);
    this.#buf = EMPTY;
    this.#length = 0;
    return bytes;
  }

  #reserve(bytes: number): void {
    if (this.#length + bytes <= this.#buf.length) return;
    const size = this.#buf.length === 0 ? this.#capacity : this.#buf.length * 2;
    const grown = Buffer.allocUnsafe(Math.max(size, this.#length + bytes));
    this.#buf.copy(grown, 0, 0, this.#length);
    this.#buf = grown;
  }
}

// A UTF-16 code unit takes at most 3 bytes in UTF-8; a long text is measured exactly instead, so
// that a large ASCII event does not triple the buffer.
function maxBytes(text: string): number {
  return text.length < 65_536 ? text.length * 3 : Buffer.byteLength(text, 'utf8');
}
