// Records as NDJSON bytes: each record becomes exactly the UTF-8 of `JSON.stringify(record) + "\n"`,
// written straight into large Buffers. Events shaped as the Session builds them (nearly every
// record of a busy stream) take a hand-written path: their keys are spelled out in that order, the
// part of the line every event of a chunk shares (receive time, type) is encoded once per chunk,
// and ASCII strings are escaped byte by byte into the Buffer. Any other record, or an event with
// other keys (an imported one, say), goes through JSON.stringify. Against the former way (a JS
// string per line, joined per batch, converted to UTF-8 by the stream) this takes about 30% less
// time per event (1M events in-process; a CLI capture to a file takes about a fifth less time).
// test/unit/cli-ndjson-line.test.ts holds every path to JSON.stringify, and fails when the Session's
// event records gain a field, so that this path is updated instead of quietly no longer taken.

import type { EventRecord, SseRecord } from '../common/records.ts';

/** Output is written into blocks this large; a batch's bytes are one slice of a block. */
const BLOCK_BYTES = 1 << 20;
/** Most bytes one UTF-16 code unit of a string can become in JSON: `\u001f` or a lone surrogate. */
const MAX_BYTES_PER_CHAR = 6;
/** Room for everything in an event line but its strings: keys, quotes, numbers. */
const EVENT_FRAME_BYTES = 256;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const HEX_DIGITS = '0123456789abcdef';
/** JSON.stringify's two-character escapes for control characters; 0 where it writes \u00XX. */
const SHORT_ESCAPES = new Uint8Array(0x20);
SHORT_ESCAPES[0x08] = 0x62; // \b
SHORT_ESCAPES[0x09] = 0x74; // \t
SHORT_ESCAPES[0x0a] = 0x6e; // \n
SHORT_ESCAPES[0x0c] = 0x66; // \f
SHORT_ESCAPES[0x0d] = 0x72; // \r

const ascii = (text: string) => Buffer.from(text, 'latin1');
const SEQ_KEY = ascii('{"seq":');
const LAST_EVENT_ID_KEY = ascii(',"lastEventId":');
const ID_KEY = ascii(',"id":');
const SIZE_KEY = ascii(',"size":');
const LINE_END = ascii('}\n');

export class NdjsonEncoder {
  #block = Buffer.allocUnsafe(0);
  /** Where the next byte goes in #block, and where the batch being encoded starts. */
  #pos = 0;
  #batchStart = 0;
  // `,"time":…,"kind":"event","type":…,"data":` for the last time and type seen.
  #time = Number.NaN;
  #type = '';
  #middle = Buffer.allocUnsafe(0);

  /**
   * `records[0..end)` as NDJSON. The bytes are never written over afterwards, so the Buffer can go
   * to a stream as it is.
   */
  encode(records: readonly SseRecord[], end = records.length): Buffer {
    this.#batchStart = this.#pos;
    for (let i = 0; i < end; i++) {
      const record = records[i]!;
      if (record.kind === 'event' && isSessionEvent(record)) this.#event(record);
      else this.#other(record);
    }
    return this.#block.subarray(this.#batchStart, this.#pos);
  }

  /** Makes room for `bytes` more; a batch that outgrows its block moves to a new one, whole. */
  #room(bytes: number): void {
    if (this.#pos + bytes <= this.#block.length) return;
    const kept = this.#pos - this.#batchStart;
    const block = Buffer.allocUnsafe(Math.max(BLOCK_BYTES, 2 * (kept + bytes)));
    this.#block.copy(block, 0, this.#batchStart, this.#pos);
    this.#block = block;
    this.#batchStart = 0;
    this.#pos = kept;
  }

  #other(record: SseRecord): void {
    const line = JSON.stringify(record) + '\n';
    // JSON.stringify leaves no lone surrogate, so each UTF-16 unit is at most 3 bytes of UTF-8.
    this.#room(3 * line.length);
    this.#pos += this.#block.write(line, this.#pos, 'utf8');
  }

  #event(r: EventRecord): void {
    const id = r.id;
    const chars = r.type.length + r.data.length + r.lastEventId.length + (id === undefined ? 0 : id.length);
    this.#room(MAX_BYTES_PER_CHAR * chars + EVENT_FRAME_BYTES);
    if (r.time !== this.#time || r.type !== this.#type) this.#setMiddle(r.time, r.type);
    const buf = this.#block;
    let p = copyBytes(buf, this.#pos, SEQ_KEY);
    p = writeNumber(buf, p, r.seq);
    p = copyBytes(buf, p, this.#middle);
    p = writeString(buf, p, r.data);
    p = copyBytes(buf, p, LAST_EVENT_ID_KEY);
    const lastEventIdAt = p;
    p = writeString(buf, p, r.lastEventId);
    if (id !== undefined) {
      const lastEventIdEnd = p;
      p = copyBytes(buf, p, ID_KEY);
      if (id === r.lastEventId) {
        // Usually the same string: its JSON is already written just before.
        for (let i = lastEventIdAt; i < lastEventIdEnd; i++) buf[p++] = buf[i]!;
      } else {
        p = writeString(buf, p, id);
      }
    }
    p = copyBytes(buf, p, SIZE_KEY);
    p = writeNumber(buf, p, r.size);
    this.#pos = copyBytes(buf, p, LINE_END);
  }

  #setMiddle(time: number, type: string): void {
    this.#time = time;
    this.#type = type;
    this.#middle = Buffer.from(`,"time":${JSON.stringify(time)},"kind":"event","type":${JSON.stringify(type)},"data":`);
  }
}

/** An event's keys in the Session's order (records.ts); `id` only when the block had one. */
const EVENT_KEYS = ['seq', 'time', 'kind', 'type', 'data', 'lastEventId', 'id', 'size'];
const ID_INDEX = EVENT_KEYS.indexOf('id');

/**
 * Whether the hand-written path writes what JSON.stringify writes for `r`: exactly the Session's
 * keys in its order, with values of the types it gives them. (About 25 ns an event.)
 */
function isSessionEvent(r: EventRecord): boolean {
  const keys = Object.keys(r);
  const hasId = keys.length === EVENT_KEYS.length;
  if (!hasId && keys.length !== EVENT_KEYS.length - 1) return false;
  for (let i = 0; i < keys.length; i++) {
    const expected = !hasId && i >= ID_INDEX ? EVENT_KEYS[i + 1] : EVENT_KEYS[i];
    if (keys[i] !== expected) return false;
  }
  return (
    typeof r.seq === 'number' &&
    typeof r.time === 'number' &&
    typeof r.type === 'string' &&
    typeof r.data === 'string' &&
    typeof r.lastEventId === 'string' &&
    (!hasId || typeof r.id === 'string') &&
    typeof r.size === 'number'
  );
}

/** Copies `bytes` to `buf` at `p`; returns the position after them. */
function copyBytes(buf: Buffer, p: number, bytes: Uint8Array): number {
  const n = bytes.length;
  // A native copy pays off past a dozen bytes (the shared middle of an event line); a loop below.
  if (n > 12) {
    buf.set(bytes, p);
    return p + n;
  }
  for (let i = 0; i < n; i++) buf[p + i] = bytes[i]!;
  return p + n;
}

/** A number as JSON.stringify writes it; returns the position after it. */
function writeNumber(buf: Buffer, p: number, n: number): number {
  // Non-negative 31-bit integers (every seq and size in practice) are written digit by digit.
  if ((n | 0) !== n || n < 0) return p + buf.write(JSON.stringify(n), p, 'latin1');
  let end = p + 1;
  for (let rest = n; rest >= 10; rest = (rest / 10) | 0) end++;
  let q = end;
  do {
    const next = (n / 10) | 0;
    buf[--q] = 0x30 + n - 10 * next;
    n = next;
  } while (n !== 0);
  return end;
}

/**
 * A string as JSON.stringify writes it, in UTF-8; returns the position after it. ASCII is escaped
 * here as it is copied; a string with any other character is handed to JSON.stringify whole
 * (surrogates, lone or paired, are its business).
 */
function writeString(buf: Buffer, p: number, s: string): number {
  const start = p;
  buf[p++] = QUOTE;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0x80) {
      if (c === QUOTE || c === BACKSLASH) buf[p++] = BACKSLASH;
      buf[p++] = c;
    } else if (c < 0x20) {
      buf[p++] = BACKSLASH;
      const short = SHORT_ESCAPES[c]!;
      if (short !== 0) {
        buf[p++] = short;
      } else {
        buf[p++] = 0x75; // u00XX
        buf[p++] = 0x30;
        buf[p++] = 0x30;
        buf[p++] = 0x30 + (c >> 4);
        buf[p++] = HEX_DIGITS.charCodeAt(c & 0xf);
      }
    } else {
      return start + buf.write(JSON.stringify(s), start, 'utf8');
    }
  }
  buf[p++] = QUOTE;
  return p;
}
