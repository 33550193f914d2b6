// Opening an exported or foreign file (NDJSON, the JSON array export, text/event-stream) as an
// offline session: its records are streamed into a new capture of the library, which is then
// reopened read-only, so the file gets everything a recorded session has (ranges past the memory
// window, search, export) and stays in the library like one.

import { basename } from 'node:path';
import { importCapture, type ImportFormat, type ImportNotice } from '../export/import-capture.ts';
import type { SseRecord } from '../../common/records.ts';
import type { CaptureInfo, CaptureLibrary } from './capture-library.ts';
import { CAPTURE_BACKLOG_BYTES, type RecordStore, type WindowOptions } from './record-store.ts';

/** The window options are the reopened store's. */
export interface ImportAsCaptureOptions extends WindowOptions {
  /** The capture's name; the file's name by default. */
  name?: string;
  /** Called as records are imported, with the count so far. */
  onProgress?: (records: number) => void;
  /** Aborting stops the import and removes the partial capture. */
  signal?: AbortSignal;
}

export interface ImportedSession {
  id: string;
  info: CaptureInfo;
  /** The capture, reopened read-only. */
  store: RecordStore;
  format: ImportFormat;
  /** What the import could not use (bad lines, a cut-off end), for the user to see. */
  notices: ImportNotice[];
}

/** Records appended to the store at a time. */
const BATCH_RECORDS = 1000;
/** The import writes through the store; the reopened store has the window that is wanted. */
const IMPORT_WINDOW = BATCH_RECORDS;
const MAX_NAME = 200;

export async function importAsCapture(
  library: CaptureLibrary,
  path: string,
  options: ImportAsCaptureOptions = {},
): Promise<ImportedSession> {
  const { signal, onProgress } = options;
  signal?.throwIfAborted();
  const imported = await importCapture(path);
  const name = (options.name ?? basename(path)).slice(0, MAX_NAME);
  // Imported because the user asked for it: kept, so the size cap never deletes it.
  const live = await library.create({ name, connection: null, url: null, kept: true }, { windowSize: IMPORT_WINDOW });
  const store = live.store;
  try {
    let batch: SseRecord[] = [];
    let count = 0;
    for await (const record of imported.records) {
      batch.push(record);
      if (batch.length < BATCH_RECORDS) continue;
      store.append(batch);
      count += batch.length;
      batch = [];
      onProgress?.(count);
      signal?.throwIfAborted();
      // Reading a file is faster than writing one: let the capture file catch up now and then.
      const writing = store.captureCaughtUp(CAPTURE_BACKLOG_BYTES);
      if (writing) await writing;
    }
    if (batch.length > 0) store.append(batch);
    onProgress?.(count + batch.length);
    await live.finish();
  } catch (error) {
    await live.finish().catch(() => {});
    await library.delete(live.id).catch(() => {});
    throw error;
  }
  const reopened = await library.open(live.id, { windowSize: options.windowSize, windowBytes: options.windowBytes });
  return { id: live.id, info: reopened.info, store: reopened.store, format: imported.format, notices: [...imported.notices] };
}
