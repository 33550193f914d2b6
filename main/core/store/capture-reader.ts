// Reading capture files back: a whole file when a capture is reopened (every intact record, with
// notices for lines that are not records and for a last line cut short by a crash), and ranges
// of records from an indexed offset when the view scrolls past the memory window.

import { open } from 'node:fs/promises';
import type { SseRecord } from '../../common/records.ts';
import { MAX_LINE_BYTES, parseRecordLine, scanLines } from './capture-lines.ts';
import { OffsetIndex } from './offset-index.ts';

/** Something in a capture file that did not load as a record. */
export interface CaptureNotice {
  /** 1-based line number in the file. */
  line: number;
  /** Byte offset of that line. */
  offset: number;
  message: string;
}

/** Notices kept per load; past that only a count is added. */
const MAX_NOTICES = 20;

export interface LoadedCapture {
  index: OffsetIndex;
  /** Records loaded. */
  records: number;
  /** Size of the part of the file that was read (complete lines). */
  bytes: number;
  notices: CaptureNotice[];
}

/**
 * Reads every record of a capture file in order, handing each to `onRecord` and building the
 * offset index. Records must have increasing seqs; a line that breaks this is skipped and noted.
 */
export async function loadCapture(
  path: string,
  onRecord: (record: SseRecord) => void,
  index: OffsetIndex = new OffsetIndex(),
): Promise<LoadedCapture> {
  const notices: CaptureNotice[] = [];
  let skipped = 0;
  const note = (line: number, offset: number, message: string) => {
    if (notices.length < MAX_NOTICES) notices.push({ line, offset, message });
    else skipped++;
  };
  let line = 0;
  let records = 0;
  let lastSeq = 0;
  const take = (record: SseRecord, offset: number) => {
    if (index.wants(records)) index.add(record.seq, offset);
    records++;
    lastSeq = record.seq;
    onRecord(record);
  };

  const file = await open(path, 'r');
  let end;
  try {
    end = await scanLines(file, 0, (text, offset) => {
      line++;
      if (text === '' || text === '\r') return; // a blank line is harmless
      if (text === null) return note(line, offset, `Line ${line} is longer than ${MAX_LINE_BYTES >> 20} MB; skipped.`);
      const record = parseRecordLine(text);
      if (typeof record === 'string') note(line, offset, `Line ${line} is not a record: ${record}; skipped.`);
      else if (record.seq <= lastSeq) note(line, offset, `Line ${line} has seq ${record.seq}, not after ${lastSeq}; skipped.`);
      else take(record, offset);
    });
  } finally {
    await file.close();
  }

  let bytes = end.endOffset;
  if (end.tail) {
    line++;
    // A last line without its LF may still be whole (the file was cut right after it).
    const record = parseRecordLine(end.tail.text);
    if (typeof record !== 'string' && record.seq > lastSeq) {
      take(record, end.tail.offset);
      bytes += Buffer.byteLength(end.tail.text);
    } else {
      const size = Buffer.byteLength(end.tail.text);
      note(
        line,
        end.tail.offset,
        `The capture ends with an incomplete record (${size} bytes on line ${line}, cut short); the ${records} records before it were loaded.`,
      );
    }
  }
  if (skipped > 0) notices.push({ line, offset: bytes, message: `${skipped} more lines were not loaded.` });
  return { index, records, bytes, notices };
}

/**
 * Visits the records of a capture file from byte `offset` on (a line start from the index), in
 * order, until `visit` returns false or the file ends. Lines that are not records, or whose seq
 * does not follow the one before, are passed over (as loadCapture passes over them).
 */
export async function scanCaptureRecords(
  path: string,
  offset: number,
  visit: (record: SseRecord) => boolean | void,
  signal?: AbortSignal,
): Promise<void> {
  // Opened per scan: a store stays readable after it is closed, without holding a handle.
  const file = await open(path, 'r');
  let lastSeq = 0;
  try {
    await scanLines(
      file,
      offset,
      (text) => {
        const record = text === null ? 'too long' : parseRecordLine(text);
        if (typeof record === 'string' || record.seq <= lastSeq) return true;
        lastSeq = record.seq;
        return visit(record);
      },
      signal,
    );
  } finally {
    await file.close();
  }
}
