// Reading a capture file line by line from a byte offset, and turning a line back into a record.
// Lines are split on the LF byte (JSON.stringify escapes every LF inside a value, and no byte of
// a multi-byte UTF-8 character is 0x0A), so any byte offset from the index is a line start.

import type { FileHandle } from 'node:fs/promises';
import { RECORD_KINDS, type SseRecord } from '../../common/records.ts';
import { messageOf } from '../../common/error-message.ts';

const CHUNK_BYTES = 1 << 20;
/**
 * Longest line read: a record of the largest event the parser allows (16 MB of data) stays far
 * below it even with every character escaped; a longer line is skipped, not held in memory.
 */
export const MAX_LINE_BYTES = 128 << 20;
const LF = 0x0a;
const KINDS = new Set<string>(RECORD_KINDS);

/** `text` is null for a line longer than MAX_LINE_BYTES. Return false to stop reading. */
export type LineVisitor = (text: string | null, offset: number) => boolean | void;

export interface ScanEnd {
  /** Offset just past the last complete line read. */
  endOffset: number;
  /** Bytes after the last LF at the end of the file (a line cut short), when there are any. */
  tail: { offset: number; text: string } | null;
  /** True when the visitor stopped the scan. */
  stopped: boolean;
}

/** Calls `visit` for each complete line from `start` on, in order, until the end or a stop. */
export async function scanLines(file: FileHandle, start: number, visit: LineVisitor, signal?: AbortSignal): Promise<ScanEnd> {
  const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  // The start of a line that continues in the next chunk, in pieces (joined once, when it ends).
  let carry: Buffer[] = [];
  let carryBytes = 0;
  let oversized = false;
  let lineOffset = start;
  let position = start;
  for (;;) {
    if (signal?.aborted) return { endOffset: lineOffset, tail: null, stopped: true };
    const { bytesRead } = await file.read(chunk, 0, CHUNK_BYTES, position);
    if (bytesRead === 0) break;
    const base = position;
    position += bytesRead;
    let lineStart = 0;
    for (let lf = chunk.indexOf(LF, 0); lf !== -1 && lf < bytesRead; lf = chunk.indexOf(LF, lineStart)) {
      let text: string | null;
      if (oversized || carryBytes + lf - lineStart > MAX_LINE_BYTES) {
        text = null;
      } else if (carryBytes > 0) {
        carry.push(chunk.subarray(0, lf));
        text = Buffer.concat(carry).toString('utf8');
      } else {
        text = chunk.toString('utf8', lineStart, lf);
      }
      const offset = lineOffset;
      carry = [];
      carryBytes = 0;
      oversized = false;
      lineStart = lf + 1;
      lineOffset = base + lineStart;
      if (visit(text, offset) === false) return { endOffset: lineOffset, tail: null, stopped: true };
    }
    if (lineStart < bytesRead && !oversized) {
      carryBytes += bytesRead - lineStart;
      if (carryBytes > MAX_LINE_BYTES) {
        oversized = true;
        carry = [];
      } else {
        carry.push(Buffer.from(chunk.subarray(lineStart, bytesRead)));
      }
    }
  }
  if (oversized) return { endOffset: lineOffset, tail: { offset: lineOffset, text: '' }, stopped: false };
  const tail = carryBytes > 0 ? { offset: lineOffset, text: Buffer.concat(carry).toString('utf8') } : null;
  return { endOffset: lineOffset, tail, stopped: false };
}

/** The record a line holds, or why it holds none. */
export function parseRecordLine(text: string): SseRecord | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `not JSON (${messageOf(error)})`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const record = value as { seq?: unknown; time?: unknown; kind?: unknown };
  if (typeof record.seq !== 'number' || !Number.isSafeInteger(record.seq) || record.seq < 1) return 'no valid "seq"';
  if (typeof record.time !== 'number') return 'no valid "time"';
  if (typeof record.kind !== 'string' || !KINDS.has(record.kind)) return `unknown record kind ${JSON.stringify(record.kind)}`;
  return value as SseRecord;
}
