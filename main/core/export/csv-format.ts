// The CSV export: one row per record, rows ending in CRLF, as csv-stringify writes them: fields
// holding a comma, a quote or a line break (CRLF, or a lone CR or LF, which would end the row in
// any spreadsheet) are quoted, quotes doubled. The file starts with a UTF-8 byte
// order mark so that spreadsheet programs read non-ASCII text correctly. csv-stringify writes the
// head; the rows are quoted here by the same rule, because calling it once per row made the CSV
// export 9x slower than the NDJSON one (`npm run bench -- --only export`). A unit test holds the
// two to the same bytes.

import { stringify } from 'csv-stringify/sync';
import type { SseRecord } from '../../common/records.ts';
import type { ChunkBuffer } from './chunk-buffer.ts';

export const CSV_COLUMNS = ['time', 'seq', 'kind', 'type', 'id', 'data', 'size'] as const;

// With a record delimiter of its own, csv-stringify quotes only fields holding that delimiter
// (CRLF) unless told otherwise: a bare LF or CR would then end the row in any spreadsheet.
export const CSV_ROW_OPTIONS = { record_delimiter: 'windows', quote_record_delimiter: true } as const;

/** The byte order mark and the header row. */
export const CSV_HEAD = stringify([], { bom: true, header: true, columns: [...CSV_COLUMNS], ...CSV_ROW_OPTIONS });

/** Writes one record's row, with its line break: the bytes csv-stringify gives for `csvRow(record)`. */
export function writeCsvLine(record: SseRecord, out: ChunkBuffer): void {
  const row = csvRow(record);
  for (let i = 0; i < row.length; i++) {
    writeCsvField(row[i]!, out);
    const buf = out.reserve(2);
    if (i < row.length - 1) {
      buf[out.end++] = COMMA;
    } else {
      buf[out.end] = CR;
      buf[out.end + 1] = LF;
      out.end += 2;
    }
  }
}

/**
 * Writes a field, quoted (its quotes doubled) when it holds a comma, a quote, a CR or an LF. It
 * works on the UTF-8 bytes in place, since those are single bytes that never occur inside a
 * multi-byte character: one native encode and one pass in JS, where String.replaceAll and
 * concatenation cost about 5x as much for JSON data (every one of its quotes is doubled).
 */
function writeCsvField(text: string, out: ChunkBuffer): void {
  // Each UTF-16 unit is at most 3 bytes, so a short text fits 3 bytes a unit even with its quotes
  // doubled; a long one is measured, twice over for the doubled quotes.
  const room = (text.length < 21_845 ? text.length * 3 : 2 * Buffer.byteLength(text, 'utf8')) + 2;
  const buf = out.reserve(room);
  const start = out.end;
  const end = start + buf.write(text, start, 'utf8');
  let quotes = 0;
  let special = false;
  for (let i = start; i < end; i++) {
    const byte = buf[i];
    if (byte === QUOTE) quotes++;
    else if (byte === COMMA || byte === CR || byte === LF) special = true;
  }
  if (quotes === 0 && !special) {
    out.end = end;
    return;
  }
  // Move the bytes right from the end, doubling each quote, and put quotes around them.
  let to = end + quotes + 2;
  buf[--to] = QUOTE;
  for (let i = end - 1; i >= start; i--) {
    const byte = buf[i]!;
    buf[--to] = byte;
    if (byte === QUOTE) buf[--to] = QUOTE;
  }
  buf[start] = QUOTE;
  out.end = end + quotes + 2;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

/**
 * The fields of one row, in CSV_COLUMNS order. `type`, `id` and `size` belong to events (and
 * `size` to comments); for every other kind they are empty and `data` holds the one meaningful
 * value: the comment text, the retry time in ms, "status url" of an open connection, the error
 * message, the reconnect delay in ms, or the reason a session closed (and why, when it says). `id` is the block's own
 * `id` field, empty when the block had none (the last event ID it inherited is in the NDJSON).
 */
export function csvRow(record: SseRecord): string[] {
  const time = isoTime(record.time);
  const seq = String(record.seq);
  switch (record.kind) {
    case 'event':
      return [time, seq, 'event', record.type, record.id ?? '', record.data, String(record.size)];
    case 'comment':
      return [time, seq, 'comment', '', '', record.text, String(record.size)];
    case 'retry':
      return [time, seq, 'retry', '', '', String(record.ms), ''];
    case 'open':
      return [time, seq, 'open', '', '', `${record.status} ${record.url}`, ''];
    case 'error':
      return [time, seq, 'error', '', '', record.message, ''];
    case 'reconnect':
      return [time, seq, 'reconnect', '', '', String(record.delayMs), ''];
    case 'closed':
      return [time, seq, 'closed', '', '', record.message ? `${record.reason}: ${record.message}` : record.reason, ''];
  }
}

// The ISO 8601 time of `ms`, as Date.toISOString gives it. Records come in time order, many in the
// same second, so the date and time up to the second is kept from the last call: formatting a
// Date was a fifth of the CSV export's time.
let lastSecond = NaN;
let lastSecondText = '';
function isoTime(ms: number): string {
  // Years 0 to 9999 have the fixed-width form; anything else (or a fraction) goes through Date.
  if (!Number.isInteger(ms) || ms < 0 || ms >= YEAR_10000) return new Date(ms).toISOString();
  const second = ms - (ms % 1000);
  if (second !== lastSecond) {
    lastSecondText = new Date(second).toISOString().slice(0, 20); // "2025-01-02T03:04:05."
    lastSecond = second;
  }
  const milli = ms - second;
  return lastSecondText + (milli < 10 ? '00' : milli < 100 ? '0' : '') + milli + 'Z';
}

const YEAR_10000 = Date.UTC(10_000, 0, 1);
