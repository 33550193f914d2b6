// Where `capture` writes its records, and in which format: one JSON object per line (NDJSON), or
// the events re-serialized as a text/event-stream. Each batch the Session delivers becomes one
// chunk and one write, because a write per record is the slowest part of a fast capture; NDJSON
// chunks are encoded straight to bytes (core/export/record-json.ts), so the stream has no text to
// convert.

import { createWriteStream, openSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { ChunkBuffer } from '../core/export/chunk-buffer.ts';
import { EventStreamWriter } from '../core/export/event-stream-format.ts';
import { RecordJson } from '../core/export/record-json.ts';
import { OWNER_ONLY_FILE } from '../core/file-modes.ts';
import type { SseRecord } from '../common/records.ts';

export type OutputFormat = 'ndjson' | 'sse';

export const OUTPUT_FORMATS: readonly OutputFormat[] = ['ndjson', 'sse'];

/**
 * Past this many bytes waiting to be written, reading from the network waits (see paced-fetch.ts).
 * Large enough that a disk or a pipe keeps up with the parser without stalling it on every batch.
 */
const MAX_PENDING_BYTES = 4 * 1024 * 1024;

/** Turns `records[0..end)` into one chunk of output. */
type BatchFormatter = (records: readonly SseRecord[], end: number) => string | Buffer;

function formatterFor(format: OutputFormat): BatchFormatter {
  if (format === 'sse') {
    const writer = new EventStreamWriter();
    return (records, end) => {
      let text = '';
      for (let i = 0; i < end; i++) text += writer.format(records[i]!);
      return text;
    };
  }
  const json = new RecordJson();
  const out = new ChunkBuffer();
  return (records, end) => {
    for (let i = 0; i < end; i++) json.writeLine(out, records[i]!);
    return out.take();
  };
}

export class RecordOutput {
  readonly #stream: Writable;
  readonly #ownsStream: boolean;
  readonly #format: BatchFormatter;
  #failure: Error | null = null;
  #bytes = 0;
  #onFailure: ((error: Error) => void) | null = null;

  /** `ownsStream`: end (and so close) the stream when done; false for stdout. */
  constructor(stream: Writable, format: OutputFormat, ownsStream: boolean) {
    this.#stream = stream;
    this.#ownsStream = ownsStream;
    this.#format = formatterFor(format);
    stream.on('error', (error) => {
      this.#failure ??= error;
      this.#onFailure?.(error);
    });
  }

  /** Opens (creates or truncates) `path` at once, so a bad path is reported before connecting. */
  static toFile(path: string, format: OutputFormat): RecordOutput {
    const fd = openSync(path, 'w', OWNER_ONLY_FILE);
    return new RecordOutput(createWriteStream('', { fd }), format, true);
  }

  static toStdout(format: OutputFormat): RecordOutput {
    return new RecordOutput(process.stdout, format, false);
  }

  /** The first write error (a full disk, a closed pipe), once there has been one. */
  get failure(): Error | null {
    return this.#failure;
  }

  /** Called once when writing fails, so the capture can stop instead of parsing into the void. */
  set onFailure(callback: (error: Error) => void) {
    this.#onFailure = callback;
  }

  /** Null while the output keeps up; otherwise a promise that resolves once it has caught up. */
  ready(): Promise<void> | null {
    const stream = this.#stream;
    if (this.#failure || stream.writableLength < MAX_PENDING_BYTES) return null;
    return new Promise((resolve) => {
      const events = ['drain', 'close', 'error'] as const;
      const done = () => {
        for (const event of events) stream.off(event, done);
        resolve();
      };
      for (const event of events) stream.on(event, done);
    });
  }

  /** Writes `records[0..end)` as one chunk. The stream buffers what the disk or pipe has not taken. */
  write(records: readonly SseRecord[], end = records.length): void {
    if (this.#failure) return;
    const chunk = this.#format(records, end);
    if (chunk.length === 0) return;
    this.#bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    this.#stream.write(chunk);
  }

  /** Bytes of records written so far (some may still be on their way to the file or pipe). */
  get bytes(): number {
    return this.#bytes;
  }

  /** Resolves once everything written so far has reached the file or the pipe. */
  async close(): Promise<void> {
    const stream = this.#stream;
    if (this.#failure) {
      if (this.#ownsStream) stream.destroy();
      return;
    }
    await new Promise<void>((resolve) => {
      const done = () => resolve();
      stream.once('error', done);
      if (this.#ownsStream) {
        // 'close' comes after the last write and the fd's close.
        stream.once('close', done);
        stream.end();
      } else {
        // stdout cannot be ended; the callback of a last (empty) write runs once every earlier
        // write has been flushed, since a stream writes in order.
        stream.write('', done);
      }
    });
  }
}
