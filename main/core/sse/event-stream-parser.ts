// The WHATWG "parsing an event stream" and "interpreting an event stream" algorithms, on bytes.
// https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
//
// Four small steps, as in the spec: split the byte stream into lines, parse a line into a field
// name and value, process the field, dispatch the event on a blank line. Working on bytes (not
// decoded text) gives every record its size on the wire, keeps a multi-byte character or a
// CRLF torn across chunks intact for free, and lets the line and event limits count real bytes.
// Decoding a line on its own is the same as decoding the stream: CR and LF are ASCII, so a UTF-8
// decoder never swallows them into an invalid sequence.
//
// Sizes: a record's size is the bytes of its lines, terminators included, except that the line
// that completes a record (the blank line that dispatches an event, or a comment line) counts its
// terminator as one byte. At a CR the parser cannot know whether a LF follows in the next chunk,
// and waiting for it would hold back the event ([spec] "line buffering with different expected
// line endings can cause delays in event dispatch"); counting one byte keeps sizes the same
// however the stream is chunked. LF and CR streams get exact sizes; CRLF records are one byte
// short of the wire.

import { isAscii } from 'node:buffer';

export interface ParserSink {
  event(type: string, data: string, lastEventId: string, id: string | undefined, size: number): void;
  comment(text: string, size: number): void;
  retry(ms: number): void;
}

export interface ParserLimits {
  /** Longest line accepted, in bytes (terminator excluded). */
  maxLineBytes: number;
  /** Largest event block accepted, in bytes (its `size`: lines and terminators, comments apart). */
  maxEventBytes: number;
}

export { DEFAULT_LIMIT_BYTES } from '../../common/engine-defaults.ts';

/** Thrown by `feed` when the server breaks a limit; the connection attempt must end. */
export class StreamLimitError extends Error {
  override name = 'StreamLimitError';
}

const LF = 0x0a;
const CR = 0x0d;
const COLON = 0x3a;
const SPACE = 0x20;
const BOM = [0xef, 0xbb, 0xbf] as const;
/**
 * Values shorter than this are cut from the chunk's one-byte text (cheap) instead of decoded from
 * the bytes (one native call each, the parser's main cost). V8 copies substrings this short; a
 * longer substring would point into the whole chunk's text and keep it alive for as long as the
 * record lives, so long values are still decoded on their own.
 */
const SHORT_VALUE_CHARS = 13;
/** A partial-line buffer larger than this is dropped once its line is done, not kept for reuse. */
const PARTIAL_KEEP_BYTES = 64 * 1024;
const EMPTY = Buffer.alloc(0);

/**
 * Node's Buffer decoders, which `buf.toString(encoding, start, end)` calls once it has checked its
 * arguments and looked the encoding up. Called directly (as undici does), a line's value is
 * decoded in about half the time; the parser's offsets are always in range. Not in @types/node.
 */
interface NodeBuffer extends Buffer {
  utf8Slice(start: number, end: number): string;
}

export class EventStreamParser {
  readonly #sink: ParserSink;
  readonly #limits: ParserLimits;

  // Line splitting state. The unterminated tail of the last chunk is copied into one growable
  // buffer, never larger than maxLineBytes, however small the chunks it arrives in.
  #partial: Buffer = EMPTY;
  #partialBytes = 0;
  /** The last chunk ended with a CR: a LF starting the next chunk completes that CRLF. */
  #afterCr = false;
  /** ...and that CR ended a field line, whose size (still open) gains the LF. */
  #crEndedField = false;
  #bomPending: number[] | null = [];

  // Interpretation state (the spec's buffers).
  #data = '';
  #hasData = false;
  #eventType = '';
  #lastType = '';
  #idBuffer = '';
  #blockId: string | undefined = undefined;
  #blockBytes = 0;
  #lastEventId: string;

  constructor(sink: ParserSink, limits: ParserLimits, lastEventId = '') {
    this.#sink = sink;
    this.#limits = limits;
    this.#lastEventId = lastEventId;
    this.#idBuffer = lastEventId;
  }

  get limits(): ParserLimits {
    return this.#limits;
  }

  /** The last event ID string: what a reconnect sends as Last-Event-ID. */
  get lastEventId(): string {
    return this.#lastEventId;
  }

  /**
   * Start a new stream (a new connection). The partial line and the half-built event of the
   * previous stream are discarded; the last event ID string carries over.
   */
  reset(): void {
    this.#dropPartial();
    this.#afterCr = false;
    this.#bomPending = [];
    this.#resetBlock();
    this.#idBuffer = this.#lastEventId;
  }

  /** Feed the next chunk of the response body. Throws StreamLimitError past a limit. */
  feed(chunk: Uint8Array): void {
    let buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.#bomPending) {
      const stripped = this.#stripBom(buf);
      if (!stripped) return;
      buf = stripped;
    }
    this.#useText(buf);
    try {
      this.#splitLines(buf);
    } finally {
      this.#text = '';
    }
  }

  // The chunk as one-byte text (latin1: one char per byte, so string offsets are byte offsets),
  // for finding line ends and cutting short values without a native call per line.
  #text = '';
  #ascii = true;

  #useText(buf: Buffer): void {
    this.#text = buf.toString('latin1');
    this.#ascii = isAscii(buf);
  }

  /** The UTF-8 text of bytes start..end of `buf` (the buffer #text was made from). */
  #decode(buf: Buffer, start: number, end: number): string {
    if (start >= end) return '';
    if (this.#ascii && end - start < SHORT_VALUE_CHARS) return this.#text.slice(start, end);
    return (buf as NodeBuffer).utf8Slice(start, end);
  }

  /** The stream ended: [spec] "incomplete events ... are discarded" with the unterminated tail. */
  end(): void {
    this.reset();
  }

  // [spec] the UTF-8 decode algorithm strips one leading byte order mark. The BOM may itself
  // arrive torn across chunks, so hold up to three bytes until it is decided.
  #stripBom(buf: Buffer): Buffer | null {
    const held = this.#bomPending!;
    let i = 0;
    while (held.length < 3 && i < buf.length) {
      if (buf[i] !== BOM[held.length]) break;
      held.push(buf[i]!);
      i++;
    }
    if (held.length === 3) {
      this.#bomPending = null;
      return buf.subarray(i);
    }
    if (i === buf.length) return null; // still a BOM prefix; wait for more bytes
    // Not a BOM: the held bytes are ordinary content.
    this.#bomPending = null;
    return held.length === 0 ? buf : Buffer.concat([Buffer.from(held), buf.subarray(i)]);
  }

  // Step 1: split into lines. [spec] end-of-line = CRLF | LF | CR.
  #splitLines(buf: Buffer): void {
    const len = buf.length;
    if (len === 0) return; // an empty chunk must not forget a pending CR
    let pos = 0;
    if (this.#afterCr) {
      this.#afterCr = false;
      if (buf[0] === LF) {
        pos = 1; // the LF of a CRLF torn across chunks
        if (this.#crEndedField) this.#addBlockBytes(1);
      }
    }
    let nextLf = -2;
    let nextCr = -2;
    while (pos < len) {
      if (nextLf !== -1 && nextLf < pos) nextLf = this.#text.indexOf('\n', pos);
      if (nextCr !== -1 && nextCr < pos) nextCr = this.#text.indexOf('\r', pos);
      if (nextLf === -1 && nextCr === -1) {
        this.#holdPartial(buf, pos, len);
        return;
      }
      const end = nextLf === -1 ? nextCr : nextCr === -1 ? nextLf : Math.min(nextLf, nextCr);
      let next = end + 1;
      if (buf[end] === CR) {
        if (next < len) {
          if (buf[next] === LF) next++;
        } else {
          this.#afterCr = true;
        }
      }
      let isField: boolean;
      if (this.#partialBytes > 0) {
        this.#holdPartial(buf, pos, end);
        const lineEnd = this.#partialBytes;
        this.#partialBytes = 0;
        // A line joined across chunks is parsed from its own buffer and text.
        const chunkText = this.#text;
        const chunkAscii = this.#ascii;
        this.#useText(this.#partial.subarray(0, lineEnd));
        isField = this.#parseLine(this.#partial, 0, lineEnd, next - end);
        this.#text = chunkText;
        this.#ascii = chunkAscii;
        this.#dropPartial();
      } else {
        if (end - pos > this.#limits.maxLineBytes) this.#lineTooLong(end - pos);
        isField = this.#parseLine(buf, pos, end, next - end);
      }
      if (this.#afterCr) this.#crEndedField = isField;
      pos = next;
    }
  }

  // Copy bytes start..end of the chunk to the partial line (the caller may reuse the chunk's memory).
  #holdPartial(buf: Buffer, start: number, end: number): void {
    const total = this.#partialBytes + (end - start);
    if (total === this.#partialBytes) return;
    if (total > this.#limits.maxLineBytes) this.#lineTooLong(total);
    if (total > this.#partial.length) {
      const grown = Buffer.allocUnsafe(Math.min(Math.max(total, 2 * this.#partial.length, 256), this.#limits.maxLineBytes));
      this.#partial.copy(grown, 0, 0, this.#partialBytes);
      this.#partial = grown;
    }
    buf.copy(this.#partial, this.#partialBytes, start, end);
    this.#partialBytes = total;
  }

  #dropPartial(): void {
    this.#partialBytes = 0;
    if (this.#partial.length > PARTIAL_KEEP_BYTES) this.#partial = EMPTY;
  }

  #lineTooLong(bytes: number): never {
    throw new StreamLimitError(
      `Line longer than the limit of ${this.#limits.maxLineBytes} bytes (${bytes} bytes so far without a line break)`,
    );
  }

  // Step 2: parse one line (bytes start..end; the terminator after it is 1 or 2 bytes). Returns
  // whether the line was a field line of the current block.
  #parseLine(buf: Buffer, start: number, end: number, terminatorBytes: number): boolean {
    // [spec] If the line is empty (a blank line): dispatch the event.
    if (start === end) {
      this.#addBlockBytes(1);
      this.#dispatch();
      return false;
    }
    // [spec] If the line starts with a U+003A COLON character: ignore the line (a comment).
    if (buf[start] === COLON) {
      let textStart = start + 1;
      if (textStart < end && buf[textStart] === SPACE) textStart++;
      this.#sink.comment(this.#decode(buf, textStart, end), end - start + 1);
      return false;
    }
    this.#addBlockBytes(end - start + terminatorBytes);
    // [spec] If the line contains a colon: the field name is before the first colon, the value
    // after it, without one leading space. Otherwise the whole line is the name, the value "".
    // (A loop, not indexOf: indexOf would search past the line's end, through the whole chunk.)
    let colon = start;
    while (colon < end && buf[colon] !== COLON) colon++;
    let valueStart = colon + 1;
    if (valueStart < end && buf[valueStart] === SPACE) valueStart++;
    const value = this.#decode(buf, valueStart, end);
    this.#processField(buf, start, colon, value);
    return true;
  }

  #addBlockBytes(bytes: number): void {
    this.#blockBytes += bytes;
    if (this.#blockBytes > this.#limits.maxEventBytes) {
      throw new StreamLimitError(`Event larger than the limit of ${this.#limits.maxEventBytes} bytes (${this.#blockBytes} bytes so far)`);
    }
  }

  // Step 3: process a field. The name is compared as bytes: only four names mean anything.
  #processField(buf: Buffer, start: number, nameEnd: number, value: string): void {
    switch (nameEnd - start) {
      case 4:
        // "data": append the value and a LF to the data buffer. (Joining with LF here is the
        // same as the spec's "remove the trailing LF" at dispatch, without a copy.)
        if (buf[start] === 0x64 && buf[start + 1] === 0x61 && buf[start + 2] === 0x74 && buf[start + 3] === 0x61) {
          this.#data = this.#hasData ? this.#data + '\n' + value : value;
          this.#hasData = true;
        }
        return;
      case 5:
        // "event": set the event type buffer. "retry": digits only set the reconnection time.
        if (bytesEqual(buf, start, 'event')) {
          // Most streams repeat a few types: keep one string per type instead of one per event.
          if (value === this.#lastType) this.#eventType = this.#lastType;
          else this.#eventType = this.#lastType = value;
        } else if (bytesEqual(buf, start, 'retry')) {
          if (isAsciiDigits(value)) this.#sink.retry(Number(value));
        }
        return;
      case 2:
        // "id": set the last event ID buffer, unless the value contains U+0000 NULL.
        if (buf[start] === 0x69 && buf[start + 1] === 0x64 && !value.includes('\0')) {
          this.#idBuffer = value;
          this.#blockId = value;
        }
        return;
      default:
      // [spec] Otherwise: the field is ignored.
    }
  }

  // Step 4: dispatch the event.
  #dispatch(): void {
    // [spec] Set the last event ID string of the event source to the last event ID buffer.
    // The buffer is not reset, so the ID carries over to later events.
    this.#lastEventId = this.#idBuffer;
    // [spec] If the data buffer is an empty string, reset the buffers and return.
    if (!this.#hasData) {
      this.#resetBlock();
      return;
    }
    // [spec] The event type is the event type buffer, or "message" when it is empty.
    const type = this.#eventType === '' ? 'message' : this.#eventType;
    const data = this.#data;
    const id = this.#blockId;
    const size = this.#blockBytes;
    this.#resetBlock();
    this.#sink.event(type, data, this.#lastEventId, id, size);
  }

  #resetBlock(): void {
    this.#data = '';
    this.#hasData = false;
    this.#eventType = '';
    this.#blockId = undefined;
    this.#blockBytes = 0;
  }
}

function bytesEqual(buf: Buffer, start: number, ascii: string): boolean {
  for (let i = 0; i < ascii.length; i++) {
    if (buf[start + i] !== ascii.charCodeAt(i)) return false;
  }
  return true;
}

function isAsciiDigits(value: string): boolean {
  if (value.length === 0) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}
