// The records of a store as async iterables, read chunk by chunk so that any number of them
// streams in bounded memory: a whole session (or a seq range of it), a search result, and a
// selection of seqs. These are what an export (or the CLI's search output) reads from.

import type { SseRecord } from '../../common/records.ts';
import type { RecordStore } from './record-store.ts';
import type { SearchResult } from './search.ts';

/**
 * Records read per step, at most: about the records one 1 MiB read of a capture file holds,
 * since each read from the file costs about that much however few records it returns.
 */
export const CHUNK_RECORDS = 5000;
/** Text a chunk may hold, about: a session of huge events is read a few records at a time. */
const CHUNK_CHARS = 8 << 20;
/** The first read, before the records' size is known. */
const FIRST_CHUNK_RECORDS = 100;
/** Records per page of a search result. */
export const PAGE_RECORDS = 1000;

export interface SeqRange {
  /** First seq wanted (default: the oldest stored). */
  fromSeq?: number;
  /** Last seq wanted, inclusive (default: the newest when the iteration starts). */
  toSeq?: number;
}

/** Every stored record with fromSeq <= seq <= toSeq, in order. */
export async function* storeRecords(store: RecordStore, range: SeqRange = {}): AsyncGenerator<SseRecord> {
  for await (const chunk of storeRecordChunks(store, range)) {
    for (const record of chunk) yield record;
  }
}

/**
 * The same records a chunk (one read) at a time, for a reader that handles many records per
 * step: a replay at full speed pays for one await per chunk, not per record.
 */
export async function* storeRecordChunks(store: RecordStore, range: SeqRange = {}): AsyncGenerator<SseRecord[]> {
  const last = range.toSeq ?? store.lastSeq;
  let next = Math.max(range.fromSeq ?? 1, store.firstSeq);
  let size = FIRST_CHUNK_RECORDS;
  while (next !== 0 && next <= last) {
    const chunk = await store.range(next, Math.min(size, last - next + 1));
    if (chunk.length === 0) return;
    const end = chunk.findIndex((record) => record.seq > last);
    if (end !== -1) {
      if (end > 0) yield chunk.slice(0, end);
      return;
    }
    yield chunk;
    next = chunk[chunk.length - 1]!.seq + 1;
    size = nextChunkSize(chunk);
  }
}

/**
 * The records of a search result, in order, a page at a time. Pages read their records past the
 * memory window one file read per record for now (RecordStore.recordsAt), about 100 times slower
 * than selectionRecords(store, result.seqs), which gives the same records: prefer that one where
 * the store is at hand.
 */
export async function* searchResultRecords(result: SearchResult, pageSize = PAGE_RECORDS): AsyncGenerator<SseRecord> {
  for (let offset = 0; offset < result.total; offset += pageSize) {
    const page = await result.page(offset, pageSize);
    for (const hit of page.hits) yield hit.record;
  }
}

/**
 * The stored records with these seqs, in seq order (a selection made by clicking comes in any
 * order). Nearby seqs are read together as one range, so a dense selection costs about one pass
 * over its span, however many of its records have left the memory window. Seqs that are not
 * stored are passed over.
 */
export async function* selectionRecords(store: RecordStore, selected: readonly number[]): AsyncGenerator<SseRecord> {
  const seqs = isIncreasing(selected) ? selected : [...new Set(selected)].sort((a, b) => a - b);
  let size = FIRST_CHUNK_RECORDS;
  let i = 0;
  while (i < seqs.length) {
    const from = seqs[i]!;
    // Seqs only increase, so the records from `from` to seqs[j] are at most seqs[j] - from + 1:
    // take every wanted seq that one chunk-sized range read is sure to reach.
    let j = i;
    while (j + 1 < seqs.length && seqs[j + 1]! - from < size) j++;
    const chunk = await store.range(from, seqs[j]! - from + 1);
    let k = 0;
    for (; i <= j; i++) {
      const seq = seqs[i]!;
      while (k < chunk.length && chunk[k]!.seq < seq) k++;
      if (k < chunk.length && chunk[k]!.seq === seq) yield chunk[k]!;
    }
    if (chunk.length > 0) size = nextChunkSize(chunk);
  }
}

/** How many records to read next, from the size of the records just read. */
function nextChunkSize(chunk: readonly SseRecord[]): number {
  let chars = 0;
  for (const record of chunk) chars += recordChars(record);
  const perRecord = Math.max(1, chars / chunk.length);
  return Math.max(1, Math.min(CHUNK_RECORDS, Math.floor(CHUNK_CHARS / perRecord)));
}

/** Roughly the text a record holds: its variable-length fields plus the fixed ones. */
function recordChars(record: SseRecord): number {
  switch (record.kind) {
    case 'event':
      return 100 + record.data.length + record.type.length;
    case 'comment':
      return 60 + record.text.length;
    case 'error':
      return 100 + record.message.length + (record.body?.length ?? 0);
    case 'open':
      return 200 + record.url.length;
    default:
      return 100;
  }
}

function isIncreasing(seqs: readonly number[]): boolean {
  for (let i = 1; i < seqs.length; i++) if (!(seqs[i]! > seqs[i - 1]!)) return false;
  return true;
}
