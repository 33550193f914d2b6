// Opens an exported or captured file as records for an offline session: detects its format
// (NDJSON, the JSON array export, or text/event-stream) from its first bytes, then streams the
// records from disk. Problems in the file become notices, not failures.

import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { SseRecord } from '../../common/records.ts';
import { eventStreamRecords } from './event-stream-import.ts';
import type { ExportFormat } from './export-formats.ts';
import { NoticeList, type ImportNotice } from './import-notices.ts';
import { jsonLineRecordBatches } from './json-lines-import.ts';
import { readLineBatches } from './read-lines.ts';

export type { ImportNotice } from './import-notices.ts';

export type ImportFormat = Exclude<ExportFormat, 'csv'>;

export interface ImportedCapture {
  format: ImportFormat;
  /** The records in file order; read from disk as they are iterated (once). */
  records: AsyncIterable<SseRecord>;
  /** Filled while the records are read; complete once the iteration has ended. */
  notices: readonly ImportNotice[];
}

/** Longest NDJSON line read (a 16 MiB event, escaped, fits several times over). */
export const MAX_IMPORT_LINE_BYTES = 128 * 1024 * 1024;

const READ_CHUNK_BYTES = 256 * 1024;

export async function importCapture(path: string): Promise<ImportedCapture> {
  const info = await stat(path);
  if (!info.isFile()) throw new Error(`Cannot import ${path}: not a file`);
  const format = await detectFormat(path);
  const notices = new NoticeList();
  const time = Math.round(info.mtimeMs);

  async function* records(): AsyncGenerator<SseRecord> {
    const stream = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
    let count = 0;
    try {
      if (format === 'sse') {
        for await (const record of eventStreamRecords(stream, time, notices)) {
          count++;
          yield record;
        }
      } else {
        for await (const batch of jsonLineRecordBatches(readLineBatches(stream, MAX_IMPORT_LINE_BYTES), format, notices)) {
          count += batch.length;
          for (const record of batch) yield record;
        }
      }
      if (count === 0 && notices.notices.length === 0) notices.add('The file holds no records');
    } finally {
      stream.destroy();
      notices.finish();
    }
  }

  return { format, records: records(), notices: notices.notices };
}

/**
 * The format, from the first character that is not white space (after a byte order mark): "{"
 * starts NDJSON, "[" the JSON array export, anything else is read as text/event-stream (where a
 * line starting with "{" or "[" would be a field the spec ignores, so nothing real is misread).
 */
export async function detectFormat(path: string): Promise<ImportFormat> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    let position = 0;
    // A file that opens with megabytes of blank lines is a stream of blank lines.
    while (position < 1024 * 1024) {
      const { bytesRead } = await handle.read(buf, 0, buf.length, position);
      if (bytesRead === 0) break;
      let i = position === 0 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
      for (; i < bytesRead; i++) {
        const byte = buf[i]!;
        if (byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d) continue;
        return byte === 0x7b ? 'ndjson' : byte === 0x5b ? 'json' : 'sse';
      }
      position += bytesRead;
    }
    return 'sse';
  } finally {
    await handle.close();
  }
}
