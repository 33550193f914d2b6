// The one serializer of records: each record becomes exactly the UTF-8 of `JSON.stringify(record)`
// (and an NDJSON line that plus "\n"), written straight into a ChunkBuffer. The store's capture
// files, the CLI's output and the NDJSON and JSON exports all write records through it.
//
// Events shaped as the Session builds them (nearly every record of a busy stream) take a
// hand-written path: their keys are spelled out in that order, the part of the line every event of
// a batch shares (receive time, type) is encoded once per run of them, and ASCII strings are
// escaped byte by byte into the buffer. Any other record, an event with other keys (an imported
// one, say) or a very long one goes through JSON.stringify. Against a JS string per line, joined
// per batch and converted to UTF-8 by the stream, this takes about 30% less time per event.
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
const LAST_EVENT_ID_KEY = ascii(',"lastEventId":');
const ID_KEY = ascii(',"id":');
const SIZE_KEY = ascii(',"size":');
const OBJECT_END = ascii('}');
const LINE_END = ascii('}\n');

export class RecordJson {
  // `,"time":…,"kind":"event","type":…,"data":` for the last time and type seen.
  #time = Number.NaN;
  #type = '';
  #middle = Buffer.allocUnsafe(0);

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
    if (r.time !== this.#time || r.type !== this.#type) this.#setMiddle(r.time, r.type);
    let p = copyBytes(buf, out.end, SEQ_KEY);
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
    out.end = copyBytes(buf, p, end);
    return true;
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
