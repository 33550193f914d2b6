// The CSV export: one row per record, quoted by csv-stringify (RFC 4180: fields holding commas,
// quotes or line breaks are quoted, quotes doubled; rows end in CRLF). The file starts with a
// UTF-8 byte order mark so that spreadsheet programs read non-ASCII text correctly.

import { stringify } from 'csv-stringify/sync';
import type { SseRecord } from '../../common/records.ts';

export const CSV_COLUMNS = ['time', 'seq', 'kind', 'type', 'id', 'data', 'size'] as const;

const ROW_OPTIONS = { record_delimiter: 'windows' } as const;

/** The byte order mark and the header row. */
export const CSV_HEAD = stringify([], { bom: true, header: true, columns: [...CSV_COLUMNS], ...ROW_OPTIONS });

/** One record's row, with its line break. */
export function csvLine(record: SseRecord): string {
  return stringify([csvRow(record)], ROW_OPTIONS);
}

/**
 * The fields of one row, in CSV_COLUMNS order. `type`, `id` and `size` belong to events (and
 * `size` to comments); for every other kind they are empty and `data` holds the one meaningful
 * value: the comment text, the retry time in ms, "status url" of an open connection, the error
 * message, the reconnect delay in ms, or the reason a session closed (and why, when it says). `id` is the block's own
 * `id` field, empty when the block had none (the last event ID it inherited is in the NDJSON).
 */
export function csvRow(record: SseRecord): string[] {
  const time = new Date(record.time).toISOString();
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
