// The one serializer of records: each record becomes exactly the UTF-8 of `JSON.stringify(record)`
// (and an NDJSON line that plus "\n"), written straight into a ChunkBuffer. The store's capture
// files, the CLI's output and the NDJSON and JSON exports all write records through it.
//
// Events shaped as the Session builds them (nearly every record of a busy stream) take a
// hand-written path that allocates nothing: their keys are spelled out in that order, numbers are
// written digit by digit and ASCII strings escaped byte by byte into the buffer, and the part of
// the line that events received together share (receive time, type) is copied from the line
// before. Any other record, an event with other keys (an imported one, say) or a very long one
// goes through JSON.stringify. On a million session events this takes about a quarter less CPU
// time than JSON.stringify per record into the same buffer, and half of one JSON.stringify per
// batch split into lines (`npm run bench -- --only cli,export,store` shows the end-to-end figures).
// test/unit/export/record-json.test.ts holds every path to JSON.stringify, and fails when the
// Session's event records gain a field, so that this path is updated instead of quietly no longer
// taken.

import type { EventRecord, SseRecord } from '../../common/records.ts';
import type { ChunkBuffer } from './chunk-buffer.ts';

/** Most bytes one UTF-16 code unit of a string can become in JSON: `\u001f` or a lone surrogate. */
const MAX_BYTES_PER_CHAR = 6;
/** Room for everything in an event line but its strings: keys, quotes, numbers. */
const EVENT_FRAME_BYTES = 256;
/** Events with more characters than this go through JSON.stringify, which sizes them exactly. */
const FAST_PATH_MAX_CHARS = 65_536;

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
const TIME_KEY = ascii(',"time":');
const KIND_TYPE_KEY = ascii(',"kind":"event","type":');
const DATA_KEY = ascii(',"data":');
const LAST_EVENT_ID_KEY = ascii(',"lastEventId":');
const ID_KEY = ascii(',"id":');
const SIZE_KEY = ascii(',"size":');
const OBJECT_END = ascii('}');
const LINE_END = ascii('}\n');

export class RecordJson {
  // Where the last event's `,"time":…,"kind":"event","type":…,"data":` is, and for which time and
  // type: bytes already written are never written over (chunk-buffer.ts), so a later event of the
  // same time and type copies them while they are in the same block.
  #time = Number.NaN;
  #type = '';
  #sharedBlock: Buffer | null = null;
  #sharedStart = 0;
  #sharedEnd = 0;

  /** `JSON.stringify(record) + "\n"`: one NDJSON line. */
  writeLine(out: ChunkBuffer, record: SseRecord): void {
    if (!this.#sessionEvent(out, record, LINE_END)) out.writeLine(JSON.stringify(record));
  }

  /** `JSON.stringify(record)`, nothing after it. */
  write(out: ChunkBuffer, record: SseRecord): void {
    if (!this.#sessionEvent(out, record, OBJECT_END)) out.write(JSON.stringify(record));
  }

  /** Writes an event shaped as the Session builds it, ending with `end`; false for any other record. */
  #sessionEvent(out: ChunkBuffer, r: SseRecord, end: Uint8Array): boolean {
    if (r.kind !== 'event' || !isSessionEvent(r)) return false;
    const id = r.id;
    const chars = r.type.length + r.data.length + r.lastEventId.length + (id === undefined ? 0 : id.length);
    if (chars > FAST_PATH_MAX_CHARS) return false;
    const buf = out.reserve(MAX_BYTES_PER_CHAR * chars + EVENT_FRAME_BYTES);
    let p = copyBytes(buf, out.end, SEQ_KEY);
    p = writeNumber(buf, p, r.seq);
    if (buf === this.#sharedBlock && r.time === this.#time && r.type === this.#type) {
      buf.copyWithin(p, this.#sharedStart, this.#sharedEnd);
      p += this.#sharedEnd - this.#sharedStart;
    } else {
      const start = p;
      p = copyBytes(buf, p, TIME_KEY);
      p = writeNumber(buf, p, r.time);
      p = copyBytes(buf, p, KIND_TYPE_KEY);
      p = writeString(buf, p, r.type);
      p = copyBytes(buf, p, DATA_KEY);
      this.#time = r.time;
      this.#type = r.type;
      this.#sharedBlock = buf;
      this.#sharedStart = start;
      this.#sharedEnd = p;
    }
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
    out.end = copyBytes(buf, p, end);
    return true;
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

const E8 = 100_000_000;

/** A number as JSON.stringify writes it; returns the position after it. */
function writeNumber(buf: Buffer, p: number, n: number): number {
  // Non-negative integers below 2^31 (every seq and size in practice) are written digit by digit;
  // those below 2^53 (a receive time in ms) as two such halves: the high digits, then eight more.
  if ((n | 0) === n && n >= 0) return writeDigits(buf, p, n);
  if (n > 0 && Number.isSafeInteger(n)) {
    const high = Math.floor(n / E8); // below 2^53 / 10^8, so below 2^31
    const end = writeDigits(buf, p, high);
    let low = n - high * E8;
    for (let q = end + 7; q >= end; q--) {
      const next = (low / 10) | 0;
      buf[q] = 0x30 + low - 10 * next;
      low = next;
    }
    return end + 8;
  }
  return p + buf.write(JSON.stringify(n), p, 'latin1');
}

/** A non-negative integer below 2^31, digit by digit; returns the position after it. */
function writeDigits(buf: Buffer, p: number, n: number): number {
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
