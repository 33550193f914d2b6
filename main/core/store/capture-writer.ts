// Appends records to a capture file as NDJSON, one record a line in exactly the shape the Session
// produces (the CLI's `--save` writes the same format through this class). Records are
// serialized to bytes as they arrive (core/export/record-json.ts) and written by one drain loop,
// group-commit style: as soon as a megabyte is waiting, else at the latest `flushIntervalMs` after
// a record was queued, and on flush() and close(). `durableSeq` says which records are in the file.

import { open, type FileHandle } from 'node:fs/promises';
import type { SseRecord } from '../../common/records.ts';
import { ChunkBuffer } from '../export/chunk-buffer.ts';
import { RecordJson } from '../export/record-json.ts';
import { OWNER_ONLY_FILE } from '../file-modes.ts';
import { OffsetIndex } from './offset-index.ts';

export const DEFAULT_FLUSH_INTERVAL_MS = 250;
/**
 * Serialized bytes gathered into one chunk before they join the bytes waiting for the drain. Each
 * open capture keeps one block of about this size for its serializer.
 */
const SEAL_BYTES = 256 * 1024;
/** Room in the serializer's blocks past SEAL_BYTES, so the record that crosses it rarely moves the chunk. */
const BLOCK_SLACK = 64 * 1024;
/** Bytes waiting that start a write without waiting for the timer (keeps memory flat under a firehose). */
const EAGER_WRITE_BYTES = 1 << 20;

export interface CaptureWriterOptions {
  flushIntervalMs?: number;
  /** Replace an existing file (the CLI's --save); otherwise creating over one fails. */
  overwrite?: boolean;
  /** One index entry every this many records (see OffsetIndex). */
  indexEvery?: number;
}

interface FlushWaiter {
  seq: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

export class CaptureWriter {
  readonly path: string;
  /** Byte offsets of every Nth line, for reading ranges back. */
  readonly index: OffsetIndex;
  readonly #file: FileHandle;
  readonly #flushIntervalMs: number;

  /** Serialized lines not yet sealed into a chunk, and the seq of the last of them. */
  readonly #json = new RecordJson();
  readonly #lines = new ChunkBuffer(SEAL_BYTES + BLOCK_SLACK);
  #linesSeq = 0;
  /** Bytes waiting for the drain, each with the seq of its last record; and that of the last of them. */
  #pending: { bytes: Buffer; seq: number }[] = [];
  #pendingBytes = 0;
  #pendingSeq = 0;
  /** File size once everything sealed is written. */
  #endOffset = 0;
  /** File size written so far. */
  #writtenOffset = 0;
  #records = 0;
  #durableSeq = 0;
  /** The drain writes at least up to this seq before it rests. */
  #requestedSeq = 0;
  #draining = false;
  #waiters: FlushWaiter[] = [];
  #timer: ReturnType<typeof setTimeout> | null = null;
  #error: Error | null = null;
  #closed: Promise<void> | null = null;
  readonly #flushedListeners = new Set<(durableSeq: number) => void>();
  readonly #errorListeners = new Set<(error: Error) => void>();

  private constructor(path: string, file: FileHandle, options: CaptureWriterOptions) {
    this.path = path;
    this.#file = file;
    this.#flushIntervalMs = options.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS;
    this.index = new OffsetIndex(options.indexEvery);
  }

  /** Creates the capture file (fails if it exists, unless `overwrite`). */
  static async create(path: string, options: CaptureWriterOptions = {}): Promise<CaptureWriter> {
    const file = await open(path, options.overwrite ? 'w' : 'wx', OWNER_ONLY_FILE);
    return new CaptureWriter(path, file, options);
  }

  /** Seq of the last record written to the file (0 before the first write completes). */
  get durableSeq(): number {
    return this.#durableSeq;
  }

  /** Bytes of the file once everything queued so far is written. */
  get size(): number {
    return this.#endOffset + this.#lines.length;
  }

  get recordCount(): number {
    return this.#records;
  }

  /** Bytes queued (as text or bytes) that are not in the file yet: how far the file is behind. */
  get unwrittenBytes(): number {
    return this.#endOffset - this.#writtenOffset + this.#lines.length;
  }

  /** The write error that stopped the capture, if one did. */
  get error(): Error | null {
    return this.#error;
  }

  get closed(): boolean {
    return this.#closed !== null;
  }

  /** Queues records (in seq order) for the file. */
  write(records: readonly SseRecord[]): void {
    if (this.#closed) throw new Error(`Capture ${this.path} is closed`);
    // After a failed write the capture has stopped; the error was reported once.
    if (records.length === 0 || this.#error) return;
    const { index } = this;
    const json = this.#json;
    const lines = this.#lines;
    for (const record of records) {
      if (index.wants(this.#records)) index.add(record.seq, this.#endOffset + lines.length);
      json.writeLine(lines, record);
      this.#records++;
    }
    this.#linesSeq = records[records.length - 1]!.seq;
    if (lines.length >= SEAL_BYTES) this.#seal();
    if (this.#pendingBytes >= EAGER_WRITE_BYTES) this.#startDrain();
    this.#timer ??= setTimeout(() => void this.flush().catch(() => {}), this.#flushIntervalMs);
  }

  /** Writes everything queued so far; resolves once it is in the file. */
  flush(): Promise<void> {
    if (this.#timer !== null) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    if (this.#error) return Promise.reject(this.#error);
    const seq = Math.max(this.#linesSeq, this.#pendingSeq);
    if (seq <= this.#durableSeq) return Promise.resolve();
    this.#requestedSeq = Math.max(this.#requestedSeq, seq);
    const done = new Promise<void>((resolve, reject) => this.#waiters.push({ seq, resolve, reject }));
    this.#startDrain();
    return done;
  }

  /** Writes what is pending and closes the file. Safe to call more than once. */
  close(): Promise<void> {
    this.#closed ??= (async () => {
      try {
        await this.flush();
      } finally {
        await this.#file.close();
      }
    })();
    return this.#closed;
  }

  /** Called after each write that reached the file, with the new durableSeq. */
  onFlushed(listener: (durableSeq: number) => void): () => void {
    this.#flushedListeners.add(listener);
    return () => this.#flushedListeners.delete(listener);
  }

  /** Called once when a write fails; later records are not written. */
  onError(listener: (error: Error) => void): () => void {
    this.#errorListeners.add(listener);
    return () => this.#errorListeners.delete(listener);
  }

  #seal(): void {
    if (this.#lines.length === 0) return;
    const bytes = this.#lines.take();
    this.#pending.push({ bytes, seq: this.#linesSeq });
    this.#pendingBytes += bytes.length;
    this.#pendingSeq = this.#linesSeq;
    this.#endOffset += bytes.length;
  }

  #startDrain(): void {
    if (this.#draining) return;
    this.#draining = true;
    void this.#drain();
  }

  /** The one writer of the file: takes whatever is waiting, writes it, repeats while there is a reason to. */
  async #drain(): Promise<void> {
    try {
      for (;;) {
        if (this.#requestedSeq > this.#pendingSeq) this.#seal();
        const urgent = this.#requestedSeq > this.#durableSeq || this.#pendingBytes >= EAGER_WRITE_BYTES;
        if (this.#pending.length === 0 || !urgent) break;
        const waiting = this.#pending;
        this.#pending = [];
        this.#pendingBytes = 0;
        // Each buffer's records count as written as soon as it is: a long write of several
        // megabytes does not hold back the first ones.
        for (const { bytes, seq } of waiting) {
          await this.#writeFully(bytes);
          this.#writtenOffset += bytes.length;
          this.#durableSeq = seq;
          for (const listener of this.#flushedListeners) listener(seq);
          this.#settleWaiters();
        }
      }
    } catch (error) {
      this.#fail(error instanceof Error ? error : new Error(String(error)));
    } finally {
      this.#draining = false;
    }
  }

  async #writeFully(buffer: Buffer): Promise<void> {
    let done = 0;
    while (done < buffer.length) {
      const { bytesWritten } = await this.#file.write(buffer, done, buffer.length - done);
      done += bytesWritten;
    }
  }

  #settleWaiters(): void {
    const still: FlushWaiter[] = [];
    for (const waiter of this.#waiters) {
      if (waiter.seq <= this.#durableSeq) waiter.resolve();
      else still.push(waiter);
    }
    this.#waiters = still;
  }

  #fail(error: Error): void {
    this.#error = error;
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#lines.take();
    for (const listener of this.#errorListeners) listener(error);
    for (const waiter of this.#waiters) waiter.reject(error);
    this.#waiters = [];
  }
}
