// Writes records to a file in one of the export formats, streaming: records are encoded into
// chunks of about 1 MiB written with backpressure, so a million-record session never sits in
// memory as one string. The file appears only when complete (write-then-rename), with an optional
// metadata sidecar; progress is reported as chunks reach the file stream.

import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { SseRecord } from '../../common/records.ts';
import { OWNER_ONLY_FILE } from '../file-modes.ts';
import { ChunkBuffer } from './chunk-buffer.ts';
import { writeMetadataSidecar, type ExportMetadata } from './export-metadata.ts';
import { createEncoder, type ExportFormat } from './export-formats.ts';
import { commitTempFile, discardTempFile, tempPathFor } from './temp-file.ts';

export type ExportProgress = (written: number, total: number | undefined, bytes: number) => void;

export interface ExportOptions {
  /** The records, in order: a whole session, a search result or a selection. */
  source: AsyncIterable<SseRecord> | Iterable<SseRecord>;
  format: ExportFormat;
  path: string;
  /** How many records the source will yield, when known (only passed on to onProgress). */
  total?: number;
  /** Called after each chunk (about 1 MiB) is handed to the file, and once at the end. */
  onProgress?: ExportProgress;
  /** Aborting stops the export and removes what was written. */
  signal?: AbortSignal;
  /** The connection the session came from; written to `<path>.meta.json` when given. */
  metadata?: ExportMetadata;
  /** Export credentials as they are (auth headers, cookies, tokens in URLs). Off by default. */
  includeSecrets?: boolean;
}

export interface ExportResult {
  path: string;
  /** Records read from the source (in the SSE format, lifecycle records are read but not written). */
  records: number;
  /** Bytes in the export file. */
  bytes: number;
  /** The sidecar, when metadata was given. */
  metadataPath?: string;
}

/** Bytes per chunk handed to the file stream (one record larger than this is a chunk of its own). */
const CHUNK_BYTES = 1 << 20;
/** Room past CHUNK_BYTES, so the record that crosses it does not grow (copy) the buffer. */
const CHUNK_SLACK = 256 * 1024;

export async function exportRecords(options: ExportOptions): Promise<ExportResult> {
  const { source, format, path, total, onProgress, signal } = options;
  const includeSecrets = options.includeSecrets ?? false;
  signal?.throwIfAborted();
  const encoder = createEncoder(format, { includeSecrets });
  let records = 0;
  let bytes = 0;

  async function* chunks(): AsyncGenerator<Buffer> {
    const out = new ChunkBuffer(CHUNK_BYTES + CHUNK_SLACK);
    out.write(encoder.head());
    let pending = 0; // records in `out`, not yet handed over
    for await (const record of source) {
      encoder.encode(record, out);
      pending++;
      if (out.length >= CHUNK_BYTES) {
        const chunk = out.take();
        bytes += chunk.length;
        yield chunk;
        // The stream asked for more, so the chunk has been handed over.
        records += pending;
        pending = 0;
        onProgress?.(records, total, bytes);
      }
    }
    out.write(encoder.tail());
    records += pending;
    const chunk = out.take();
    bytes += chunk.length;
    if (chunk.length > 0) yield chunk;
  }

  const temp = tempPathFor(path);
  try {
    // highWaterMark 1: at most one encoded chunk waits ahead of the file stream.
    const readable = Readable.from(chunks(), { highWaterMark: 1 });
    await pipeline(readable, createWriteStream(temp, { flags: 'wx', mode: OWNER_ONLY_FILE }), signal ? { signal } : {});
    signal?.throwIfAborted();
    await commitTempFile(temp, path);
  } catch (error) {
    await discardTempFile(temp);
    throw error;
  }

  const result: ExportResult = { path, records, bytes };
  if (options.metadata) {
    try {
      result.metadataPath = await writeMetadataSidecar(path, { format, records, bytes }, options.metadata, includeSecrets);
    } catch (error) {
      await rm(path, { force: true }); // all or nothing: the export was asked for with its metadata
      throw error;
    }
  }
  onProgress?.(records, total, bytes);
  return result;
}
