// The export formats and their encoders: each writes one record at a time into the chunk being
// built, with an optional head and tail, so the writer streams any of them in bounded memory.

import type { OpenRecord, SseRecord } from '../../common/records.ts';
import type { ChunkBuffer } from './chunk-buffer.ts';
import { CSV_HEAD, writeCsvLine } from './csv-format.ts';
import { EventStreamWriter } from './event-stream-format.ts';
import { RecordJson } from './record-json.ts';
import { hasSecretHeader, redactHeaders, redactUrl } from './redact-secrets.ts';

import type { ExportFormat } from './export-format-names.ts';

export { EXPORT_EXTENSIONS, EXPORT_FORMATS, type ExportFormat } from './export-format-names.ts';

export interface RecordEncoder {
  /** Text before the first record. */
  head(): string;
  /** Writes the next record (some formats write nothing for some kinds). */
  encode(record: SseRecord, out: ChunkBuffer): void;
  /** Text after the last record. */
  tail(): string;
}

export interface EncoderOptions {
  /** Keep the secrets of `open` records (Set-Cookie, tokens in the URL) instead of redacting them. */
  includeSecrets?: boolean;
}

export function createEncoder(format: ExportFormat, options: EncoderOptions = {}): RecordEncoder {
  const prepare = options.includeSecrets ? (r: SseRecord) => r : redactRecord;
  switch (format) {
    case 'ndjson': {
      // One JSON object per line: exactly the record shape (lossless, apart from redaction), the
      // same bytes as a capture file's lines.
      const json = new RecordJson();
      return { head: () => '', encode: (record, out) => json.writeLine(out, prepare(record)), tail: () => '' };
    }
    case 'json':
      return jsonArrayEncoder(prepare);
    case 'csv':
      return { head: () => CSV_HEAD, encode: (record, out) => writeCsvLine(prepare(record), out), tail: () => '' };
    case 'sse':
      return eventStreamEncoder();
  }
}

/** A plain JSON array with one record per line: "[\n" + records joined by ",\n" + "\n]\n". */
function jsonArrayEncoder(prepare: (r: SseRecord) => SseRecord): RecordEncoder {
  const json = new RecordJson();
  let count = 0;
  return {
    head: () => '[\n',
    encode(record, out) {
      if (count++ > 0) out.write(',\n');
      json.write(out, prepare(record));
    },
    tail: () => (count === 0 ? ']\n' : '\n]\n'),
  };
}

/** text/event-stream: events, comments and retry values; lifecycle records have no place in it. */
function eventStreamEncoder(): RecordEncoder {
  const writer = new EventStreamWriter();
  return {
    head: () => '',
    encode(record, out) {
      const text = writer.format(record);
      if (text !== '') out.write(text);
    },
    tail: () => '',
  };
}

// An `open` record is request metadata: its URL can carry a token (?api_key=) and its response
// headers a session (Set-Cookie). Other records hold what the stream said: the user's data.
function redactRecord(record: SseRecord): SseRecord {
  if (record.kind !== 'open') return record;
  const url = redactUrl(record.url);
  if (url === record.url && !hasSecretHeader(record.headers)) return record;
  const redacted: OpenRecord = { ...record, url, headers: redactHeaders(record.headers) };
  return redacted;
}
