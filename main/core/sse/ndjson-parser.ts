// NDJSON (JSON lines) response bodies, as Ollama's native API and other JSON-lines streams send
// them: each line is one `message` event whose data is the line, so such a stream gets the same
// timeline, search and LLM answer as an event stream. Lines end at LF (a CR before it is dropped);
// blank lines carry nothing; a last line without a line break still counts when the body ends
// cleanly (NDJSON allows it). The line limit is the event stream parser's, with the same error.
// https://github.com/ndjson/ndjson-spec

import { StreamLimitError, type ParserLimits, type ParserSink } from './event-stream-parser.ts';

/** The MIME types (essence, lower-case) read as NDJSON. */
export const NDJSON_TYPES: ReadonlySet<string> = new Set(['application/x-ndjson', 'application/jsonl', 'application/json-lines']);

const LF = 0x0a;
const CR = 0x0d;
const BOM = '\ufeff';

export class NdjsonParser {
  readonly #sink: ParserSink;
  readonly #limits: ParserLimits;
  #held: Buffer[] = [];
  #heldBytes = 0;
  #firstLine = true;

  constructor(sink: ParserSink, limits: ParserLimits) {
    this.#sink = sink;
    this.#limits = limits;
  }

  /** Feed the next chunk of the body. Throws StreamLimitError past the line limit. */
  feed(chunk: Uint8Array): void {
    const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let pos = 0;
    for (let lf = buf.indexOf(LF, pos); lf !== -1; lf = buf.indexOf(LF, pos)) {
      if (this.#heldBytes === 0) {
        this.#line(buf.subarray(pos, lf), lf - pos + 1);
      } else {
        this.#hold(buf.subarray(pos, lf));
        const line = Buffer.concat(this.#held, this.#heldBytes);
        this.#dropHeld();
        this.#line(line, line.length + 1);
      }
      pos = lf + 1;
    }
    if (pos < buf.length) this.#hold(buf.subarray(pos));
  }

  /** A new body: the unfinished line of the last one is dropped. */
  reset(): void {
    this.#dropHeld();
    this.#firstLine = true;
  }

  /** The body ended cleanly: an unterminated last line is still a line. */
  end(): void {
    if (this.#heldBytes > 0) {
      const line = Buffer.concat(this.#held, this.#heldBytes);
      this.#line(line, line.length);
    }
    this.reset();
  }

  /** `bytes` is the line without its LF; `size` its bytes on the wire. */
  #line(bytes: Buffer, size: number): void {
    let end = bytes.length;
    if (end > 0 && bytes[end - 1] === CR) end--;
    this.#check(end);
    let text = bytes.toString('utf8', 0, end);
    if (this.#firstLine) {
      this.#firstLine = false;
      if (text.startsWith(BOM)) text = text.slice(1);
    }
    if (text.trim() === '') return;
    this.#sink.event('message', text, '', undefined, size);
  }

  // Copies: the caller may reuse the chunk's memory once feed returns.
  #hold(bytes: Buffer): void {
    this.#check(this.#heldBytes + bytes.length);
    this.#held.push(Buffer.from(bytes));
    this.#heldBytes += bytes.length;
  }

  #dropHeld(): void {
    this.#held = [];
    this.#heldBytes = 0;
  }

  #check(bytes: number): void {
    const limit = Math.min(this.#limits.maxLineBytes, this.#limits.maxEventBytes);
    if (bytes > limit) {
      throw new StreamLimitError(`Line longer than the limit of ${limit} bytes (${bytes} bytes so far without a line break)`);
    }
  }
}
