// `capture --save` (and each feed of `watch`): the records a capture writes also go into a new
// capture of the library (the folder the app reads), with the same seqs, so the app, `search` and
// `export` can open the session afterwards. Appends go through a RecordStore and its
// CaptureWriter, exactly as the app records; finish() closes the file and records the end and the
// counts in the meta file.

import type { SseRecord } from '../common/records.ts';
import { CaptureLibrary, type LiveCapture } from '../core/store/capture-library.ts';
import type { NewCapture } from '../core/store/capture-meta.ts';
import { CAPTURE_BACKLOG_BYTES } from '../core/store/record-store.ts';
import type { SaveSettings } from './capture-options.ts';
import { messageOf } from '../common/error-message.ts';

/** Records kept in memory by the saving store: it only writes, nothing reads its window. */
const SAVE_WINDOW = 1000;

export interface SavedSummary {
  id: string;
  records: number;
  folder: string;
}

export class SavedCapture {
  readonly #live: LiveCapture;
  readonly #folder: string;
  #failure: Error | null = null;

  private constructor(live: LiveCapture, folder: string) {
    this.#live = live;
    this.#folder = folder;
    live.store.onCaptureError((error) => (this.#failure ??= error));
  }

  /** Creates the capture (and the library folder when it is the first); `url` with its secrets masked. */
  static async start(save: SaveSettings, url: string): Promise<SavedCapture> {
    try {
      // Saved on purpose, by name: kept, so the app's size cap never deletes it.
      return await SavedCapture.create(new CaptureLibrary(save.capturesFolder), { name: save.name, url, connection: null, kept: true });
    } catch (error) {
      throw new Error(`--save: cannot create a capture in ${save.capturesFolder}: ${messageOf(error)}`, { cause: error });
    }
  }

  /** Creates a capture in `library` (`sse-scope watch` names it after the feed's connection). */
  static async create(library: CaptureLibrary, capture: NewCapture): Promise<SavedCapture> {
    const live: LiveCapture = await library.create(capture, { windowSize: SAVE_WINDOW });
    return new SavedCapture(live, library.folder);
  }

  get id(): string {
    return this.#live.id;
  }

  /** The write error that stopped saving, once there has been one. */
  get failure(): Error | null {
    return this.#failure;
  }

  /** Called once when writing the capture fails. */
  set onFailure(callback: (error: Error) => void) {
    this.#live.store.onCaptureError(callback);
  }

  /** Saves `records[0..end)`, the part of a batch the capture wrote. */
  write(records: readonly SseRecord[], end = records.length): void {
    if (end === 0 || this.#failure) return;
    this.#live.store.append(end === records.length ? records : records.slice(0, end));
  }

  /** Bytes of the saved capture's file, once what was saved is written. */
  get bytes(): number {
    return this.#live.store.captureBytes;
  }

  /** Null while the file keeps up; otherwise a promise that resolves once it has caught up. */
  ready(): Promise<void> | null {
    return this.#failure ? null : this.#live.store.captureCaughtUp(CAPTURE_BACKLOG_BYTES);
  }

  /** Writes what is left, closes the file and records the end; rejects when the file could not be written. */
  async finish(): Promise<SavedSummary> {
    await this.#live.finish();
    if (this.#failure) throw this.#failure;
    return { id: this.#live.id, records: this.#live.store.total, folder: this.#folder };
  }
}
