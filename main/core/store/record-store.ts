// One session's records: the newest in a bounded memory window for the live view, all of them in
// a capture file (when the store has one), with running counts, range reads by seq that fall
// back to the file past the window, and search. A reopened capture is a read-only store.

import { JsonFieldIndex } from '../../common/json-field-index.ts';
import type { SseRecord } from '../../common/records.ts';
import { loadCapture, scanCaptureRecords, type CaptureNotice } from './capture-reader.ts';
import type { CaptureWriter } from './capture-writer.ts';
import { OffsetIndex } from './offset-index.ts';
import { RecordCounts, type StoreCounts } from '../../common/record-counts.ts';
import { RecordWindow } from './record-window.ts';
import { searchRecords, type SearchOutcome, type SearchSource } from './search.ts';

export const DEFAULT_WINDOW_SIZE = 100_000;
/**
 * Bytes of records that may wait for the capture file before the connection is read more slowly:
 * memory stays flat at any incoming rate, and a crash loses at most this much (a fraction of a
 * second of a disk's writes).
 */
export const CAPTURE_BACKLOG_BYTES = 4 * 1024 * 1024;
/** recordsAt reads seqs this close together from the capture file in one range read. */
const RECORDS_AT_SPAN = 2000;

/** How large a store's memory window may grow. */
export interface WindowOptions {
  /** Records kept in memory (the newest). */
  windowSize?: number;
  /** What the records kept in memory may weigh (see record-bytes.ts); the newest stay. */
  windowBytes?: number;
}

export interface RecordStoreOptions extends WindowOptions {
  /** Where every record is also written; without one, records past the window are gone. */
  capture?: CaptureWriter;
}

/** The file behind a store: written by this store, or a capture reopened from disk. */
interface CaptureFile {
  readonly path: string;
  readonly index: OffsetIndex;
  /** Resolves once every appended record can be read from the file. */
  flush(): Promise<void>;
}

export class RecordStore implements SearchSource {
  readonly window: RecordWindow;
  /** What JSON-field searches learned of each record's data, for the next search (window-sized). */
  readonly fieldIndex: JsonFieldIndex;
  readonly #counts = new RecordCounts();
  readonly #writer: CaptureWriter | null;
  #file: CaptureFile | null;
  #firstSeq = 0;
  #lastSeq = 0;
  #closed = false;

  constructor(options: RecordStoreOptions = {}) {
    this.window = new RecordWindow(options.windowSize ?? DEFAULT_WINDOW_SIZE, options.windowBytes);
    this.fieldIndex = new JsonFieldIndex(this.window.capacity);
    this.#writer = options.capture ?? null;
    this.#file = this.#writer;
  }

  /** Reopens a capture file as a read-only store: same records, counts and seqs as when written. */
  static async open(path: string, options: WindowOptions = {}): Promise<{ store: RecordStore; notices: CaptureNotice[] }> {
    const store = new RecordStore({ windowSize: options.windowSize, windowBytes: options.windowBytes });
    const index = new OffsetIndex();
    store.#file = { path, index, flush: () => Promise.resolve() };
    store.#closed = true;
    const loaded = await loadCapture(path, (record) => store.#add(record), index);
    return { store, notices: loaded.notices };
  }

  /** Adds a batch from the Session (seqs increasing); it goes to the window, counts and file. */
  append(batch: readonly SseRecord[]): void {
    if (this.#closed) throw new Error(this.#writer ? 'The record store is closed' : 'A reopened capture is read-only');
    // Checked before anything is stored, so a bad batch leaves window, counts and file alike.
    let last = this.#lastSeq;
    for (let i = 0; i < batch.length; i++) {
      const seq = batch[i]!.seq;
      if (!(seq > last)) throw new Error(`Record seq ${seq} is not after ${last}`);
      last = seq;
    }
    for (let i = 0; i < batch.length; i++) this.#add(batch[i]!);
    this.#writer?.write(batch);
  }

  get total(): number {
    return this.#counts.total;
  }

  /** Seq of the oldest stored record (in memory or on file); 0 when empty. */
  get firstSeq(): number {
    return this.#firstSeq;
  }

  get lastSeq(): number {
    return this.#lastSeq;
  }

  /** The last seq written to the capture file: records up to it survive a crash. */
  get durableSeq(): number {
    return this.#writer ? this.#writer.durableSeq : this.#file ? this.#lastSeq : 0;
  }

  /**
   * Null while the capture file keeps up (at most `maxUnwrittenBytes` wait to be written, or the
   * file has failed and waits for nothing); otherwise a promise that resolves once what is queued
   * now is in the file. The network is read no faster than this allows (see paced-fetch.ts).
   */
  captureCaughtUp(maxUnwrittenBytes: number): Promise<void> | null {
    const writer = this.#writer;
    if (!writer || writer.error || writer.closed || writer.unwrittenBytes <= maxUnwrittenBytes) return null;
    return writer.flush().catch(() => {}); // a failure is reported through onCaptureError
  }

  /** The write error that stopped the capture file, if one did. */
  get captureError(): Error | null {
    return this.#writer?.error ?? null;
  }

  /** Bytes of the capture file once what is queued is written (0 without one being written). */
  get captureBytes(): number {
    return this.#writer?.size ?? 0;
  }

  /** The capture file's path, when the store has one. */
  get capturePath(): string | null {
    return this.#file?.path ?? null;
  }

  counts(): StoreCounts {
    return this.#counts.snapshot();
  }

  /** The record with this seq when it is in the memory window. */
  get(seq: number): SseRecord | undefined {
    const index = this.window.lowerBound(seq);
    if (index >= this.window.length) return undefined;
    const record = this.window.at(index);
    return record.seq === seq ? record : undefined;
  }

  /** Up to `count` records with seq >= fromSeq, in order; older ones come from the capture file. */
  async range(fromSeq: number, count: number): Promise<SseRecord[]> {
    const writing = this.#writtenUpTo(fromSeq + count - 1);
    if (writing) await writing;
    const out: SseRecord[] = [];
    while (out.length < count) {
      const file = this.#file;
      if (file && fromSeq <= this.#lastSeq && (this.window.length === 0 || fromSeq < this.window.firstSeq)) {
        // Read up to where the window starts now (once the file holds everything before it); if
        // the window moves on meanwhile, the loop reads on.
        const before = this.window.length === 0 ? this.#lastSeq + 1 : this.window.firstSeq;
        await this.#fileHolds(before - 1);
        const from = fromSeq;
        await this.#readFile(file.index.forSeq(from).offset, (record) => {
          if (record.seq >= before) return false;
          if (record.seq >= from) out.push(record);
          return out.length < count;
        });
        fromSeq = before;
        continue;
      }
      const window = this.window;
      out.push(...window.slice(window.lowerBound(fromSeq), count - out.length));
      break;
    }
    return out;
  }

  /** The newest `count` records as of the call, in order (those older than the window come from the file). */
  async latest(count: number): Promise<SseRecord[]> {
    const window = this.window;
    if (count <= window.length || !this.#file) {
      const take = Math.min(count, window.length);
      return take === 0 ? [] : this.range(window.at(window.length - take).seq, take);
    }
    // Find the seq of the first record wanted by its position, then read on as a range.
    const position = Math.max(0, this.total - count);
    const entry = this.#file.index.forPosition(position);
    let skip = position - entry.position;
    let firstSeq = this.#firstSeq;
    await this.#fileHolds(window.firstSeq - 1); // the first wanted is older than the window
    await this.#readFile(entry.offset, (record) => {
      firstSeq = record.seq;
      return skip-- > 0;
    });
    return this.range(firstSeq, count);
  }

  /**
   * Searches every stored record; an aborted `signal` ends it as cancelled. Searches on one store
   * do not cancel each other: whoever starts one knows when it is no longer wanted (a session's
   * search box: session-search.ts). See query-parser.ts for the language.
   */
  search(query: string, options: { signal?: AbortSignal } = {}): Promise<SearchOutcome> {
    return searchRecords(this, query, options.signal ?? new AbortController().signal);
  }

  /** Writes what is pending to the capture file. */
  async flush(): Promise<void> {
    await this.#file?.flush();
  }

  /** Called with the new durableSeq after each write to the capture file. */
  onFlushed(listener: (durableSeq: number) => void): () => void {
    return this.#writer ? this.#writer.onFlushed(listener) : () => {};
  }

  /** Called once if writing the capture file fails; the store keeps its window, the file stops growing. */
  onCaptureError(listener: (error: Error) => void): () => void {
    return this.#writer ? this.#writer.onError(listener) : () => {};
  }

  /** Ends appending: flushes and closes the capture file. Reads and searches keep working. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#writer?.close();
  }

  // SearchSource: the file part of a search, and a page's records.

  async scanCapture(from: number, to: number, visit: (record: SseRecord) => void, signal: AbortSignal): Promise<void> {
    if (!this.#file) return;
    await this.#fileHolds(to - 1);
    await this.#readFile(
      this.#file.index.forSeq(from).offset,
      (record) => {
        if (record.seq >= to) return false;
        if (record.seq >= from) visit(record);
        return true;
      },
      signal,
    );
  }

  async recordsAt(seqs: readonly number[]): Promise<SseRecord[]> {
    const found = new Map<number, SseRecord>();
    const fromFile: number[] = [];
    for (const seq of seqs) {
      const record = this.get(seq);
      if (record) found.set(seq, record);
      else fromFile.push(seq);
    }
    // Older records: one range read per group of nearby seqs, not one file scan per record.
    fromFile.sort((a, b) => a - b);
    const wanted = new Set(fromFile);
    for (let i = 0; i < fromFile.length;) {
      const first = fromFile[i]!;
      let j = i;
      while (j + 1 < fromFile.length && fromFile[j + 1]! - first < RECORDS_AT_SPAN) j++;
      // Seqs only increase, so that many records from `first` reach at least the last seq wanted.
      for (const record of await this.range(first, fromFile[j]! - first + 1)) {
        if (wanted.has(record.seq)) found.set(record.seq, record);
      }
      i = j + 1;
    }
    const out: SseRecord[] = [];
    for (const seq of seqs) {
      const record = found.get(seq);
      if (record) out.push(record);
    }
    return out;
  }

  /** Records arrive in increasing seq order (append checks it; loadCapture skips what breaks it). */
  #add(record: SseRecord): void {
    if (this.#firstSeq === 0) this.#firstSeq = record.seq;
    this.#lastSeq = record.seq;
    this.#counts.add(record);
    // Without a file, what leaves the window is gone: the oldest stored record moves on.
    if (this.window.push(record) && !this.#file) this.#firstSeq = this.window.firstSeq;
  }

  /**
   * Records are handed out once they are in the capture file, so that what a view has shown
   * survives a crash: the file is written up to `seq` first (when it is being written and works).
   */
  #writtenUpTo(seq: number): Promise<void> | null {
    const writer = this.#writer;
    if (!writer || writer.error || writer.closed || writer.durableSeq >= Math.min(seq, this.#lastSeq)) return null;
    return writer.flush().catch(() => {}); // a failure is reported through onCaptureError; the window still answers
  }

  /** Resolves once the capture file holds every record up to `seq`: at once when it already does. */
  async #fileHolds(seq: number): Promise<void> {
    const writer = this.#writer;
    if (writer && writer.durableSeq < Math.min(seq, this.#lastSeq)) await writer.flush();
  }

  async #readFile(offset: number, visit: (record: SseRecord) => boolean, signal?: AbortSignal): Promise<void> {
    if (this.#file) await scanCaptureRecords(this.#file.path, offset, visit, signal);
  }
}
