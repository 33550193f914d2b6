// The captures folder: one NDJSON file per recorded session plus its meta file. Lists captures,
// starts new ones (a RecordStore writing into the folder), reopens, renames and deletes them, and
// keeps the folder under a size cap the user sets by deleting the oldest finished captures first.
// A capture that is still recording is never deleted.

import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CaptureNotice } from './capture-reader.ts';
import { CaptureWriter } from './capture-writer.ts';
import {
  CAPTURE_EXTENSION,
  META_EXTENSION,
  checkId,
  checkName,
  newCaptureId,
  newMeta,
  readMeta,
  withEnd,
  writeMeta,
  type CaptureMeta,
  type NewCapture,
} from './capture-meta.ts';
import { RecordStore } from './record-store.ts';

export interface CaptureInfo {
  id: string;
  name: string;
  connection: { id: string; name: string } | null;
  url: string | null;
  startedAt: number;
  /** null while recording, or when the app stopped without finishing it (known again once opened). */
  endedAt: number | null;
  recording: boolean;
  /** Bytes on disk (records and meta file). */
  sizeBytes: number;
  /** Records in the capture, when known (finished captures). */
  records: number | null;
}

export interface LiveCapture {
  id: string;
  store: RecordStore;
  /** Closes the store, records the end and the counts, and applies the size cap. */
  finish(): Promise<void>;
}

export interface CaptureLibraryOptions {
  /** Total bytes the folder may hold; null for no cap. */
  sizeCapBytes?: number | null;
  windowSize?: number;
  flushIntervalMs?: number;
  clock?: () => number;
}

export class CaptureLibrary {
  readonly folder: string;
  #sizeCap: number | null;
  readonly #windowSize: number | undefined;
  readonly #flushIntervalMs: number | undefined;
  readonly #clock: () => number;
  readonly #recording = new Set<string>();
  /** Meta updates and cleanups run one at a time, so none overwrites another's change. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(folder: string, options: CaptureLibraryOptions = {}) {
    this.folder = folder;
    this.#sizeCap = checkCap(options.sizeCapBytes ?? null);
    this.#windowSize = options.windowSize;
    this.#flushIntervalMs = options.flushIntervalMs;
    this.#clock = options.clock ?? Date.now;
  }

  get sizeCapBytes(): number | null {
    return this.#sizeCap;
  }

  /** Sets the cap and applies it at once; resolves with the ids of deleted captures. */
  setSizeCap(bytes: number | null): Promise<string[]> {
    this.#sizeCap = checkCap(bytes);
    return this.enforceSizeCap();
  }

  /** Every capture in the folder, newest first. */
  async list(): Promise<CaptureInfo[]> {
    let names: string[];
    try {
      names = await readdir(this.folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const ids = names.filter((name) => name.endsWith(CAPTURE_EXTENSION) && !name.startsWith('.')).map((name) => name.slice(0, -CAPTURE_EXTENSION.length));
    const infos = await Promise.all(ids.map((id) => this.#info(id).catch(() => null)));
    return infos.filter((info): info is CaptureInfo => info !== null).sort((a, b) => b.startedAt - a.startedAt || (a.id < b.id ? 1 : -1));
  }

  /** Starts a capture: a store whose records are written into the folder. */
  async create(capture: NewCapture, options: { windowSize?: number } = {}): Promise<LiveCapture> {
    await mkdir(this.folder, { recursive: true });
    const startedAt = this.#clock();
    const meta = newMeta(capture, startedAt);
    const id = newCaptureId(startedAt);
    const writer = await CaptureWriter.create(this.#recordsPath(id), { flushIntervalMs: this.#flushIntervalMs });
    this.#recording.add(id);
    try {
      await writeMeta(this.#metaPath(id), meta);
    } catch (error) {
      this.#recording.delete(id);
      await writer.close();
      await rm(this.#recordsPath(id), { force: true });
      throw error;
    }
    const store = new RecordStore({ windowSize: options.windowSize ?? this.#windowSize, capture: writer });
    let finished: Promise<void> | null = null;
    const finish = () =>
      (finished ??= (async () => {
        try {
          await store.close();
        } finally {
          const counts = store.counts();
          await this.#updateMeta(id, (current) => withEnd(current ?? meta, this.#clock(), counts.total, counts.byKind));
          this.#recording.delete(id);
        }
        await this.enforceSizeCap();
      })());
    return { id, store, finish };
  }

  /** Reopens a capture: its records, counts and seqs exactly as recorded. */
  async open(id: string, options: { windowSize?: number } = {}): Promise<{ info: CaptureInfo; store: RecordStore; notices: CaptureNotice[] }> {
    checkId(id);
    if (this.#recording.has(id)) throw new Error(`Capture "${id}" is still recording`);
    const { store, notices } = await RecordStore.open(this.#recordsPath(id), { windowSize: options.windowSize ?? this.#windowSize });
    const meta = await readMeta(this.#metaPath(id));
    if (meta && meta.endedAt === null) {
      // The app stopped while this capture was recording: now that it has been read, say how it ended.
      const counts = store.counts();
      const last = store.window.length > 0 ? store.window.at(store.window.length - 1).time : meta.startedAt;
      await this.#updateMeta(id, (current) => withEnd(current ?? meta, last, counts.total, counts.byKind));
    }
    return { info: await this.#info(id), store, notices };
  }

  async rename(id: string, name: string): Promise<CaptureInfo> {
    checkId(id);
    const newName = checkName(name);
    const before = await this.#info(id); // fails for an unknown capture
    await this.#updateMeta(id, (current) => ({ ...(current ?? newMeta({ name: newName }, before.startedAt)), name: newName }));
    return this.#info(id);
  }

  async delete(id: string): Promise<void> {
    checkId(id);
    if (this.#recording.has(id)) throw new Error(`Capture "${id}" is still recording; stop it before deleting it`);
    await this.#info(id);
    await this.#enqueue(() => this.#remove(id));
  }

  /** Deletes the oldest finished captures until the folder fits the cap; returns their ids. */
  enforceSizeCap(): Promise<string[]> {
    return this.#enqueue(async () => {
      const cap = this.#sizeCap;
      if (cap === null) return [];
      const infos = await this.list();
      let total = infos.reduce((sum, info) => sum + info.sizeBytes, 0);
      const deleted: string[] = [];
      for (const info of infos.slice().reverse()) {
        if (total <= cap) break;
        if (info.recording) continue;
        await this.#remove(info.id);
        total -= info.sizeBytes;
        deleted.push(info.id);
      }
      return deleted;
    });
  }

  async #info(id: string): Promise<CaptureInfo> {
    let recordsSize: number;
    let modified: number;
    try {
      const stats = await stat(this.#recordsPath(id));
      recordsSize = stats.size;
      modified = stats.mtimeMs;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`No capture "${id}"`);
      throw error;
    }
    const metaSize = await stat(this.#metaPath(id)).then((s) => s.size, () => 0);
    const meta = await readMeta(this.#metaPath(id));
    const recording = this.#recording.has(id);
    return {
      id,
      name: meta?.name ?? id,
      connection: meta?.connection ?? null,
      url: meta?.url ?? null,
      startedAt: meta?.startedAt ?? modified,
      endedAt: recording ? null : (meta?.endedAt ?? null),
      recording,
      sizeBytes: recordsSize + metaSize,
      records: recording ? null : (meta?.records ?? null),
    };
  }

  #updateMeta(id: string, change: (current: CaptureMeta | null) => CaptureMeta): Promise<void> {
    return this.#enqueue(async () => {
      const path = this.#metaPath(id);
      await writeMeta(path, change(await readMeta(path)));
    });
  }

  async #remove(id: string): Promise<void> {
    await rm(this.#recordsPath(id), { force: true });
    await rm(this.#metaPath(id), { force: true });
  }

  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => {});
    return run;
  }

  #recordsPath(id: string): string {
    return join(this.folder, id + CAPTURE_EXTENSION);
  }

  #metaPath(id: string): string {
    return join(this.folder, id + META_EXTENSION);
  }
}

function checkCap(bytes: number | null): number | null {
  if (bytes !== null && (!Number.isFinite(bytes) || bytes < 0)) throw new Error(`The size cap must be a number of bytes, got ${bytes}`);
  return bytes;
}
