// The captures folder: one NDJSON file per recorded session plus its meta file (and its alert
// log). Lists captures, starts new ones (a RecordStore writing into the folder), reopens, renames,
// keeps and deletes them, and keeps the folder under a size cap the user sets by deleting the
// oldest finished captures first, never without saying so (size-cap.ts). A capture that is still
// recording is never deleted: not by this process, nor by another one (the app and `sse-scope
// capture --save` share the folder; recording marks in capture-meta.ts tell them apart), and
// neither is a capture the owner says is in use (open in an app session) nor one that is kept.

import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { OWNER_ONLY_FOLDER } from '../file-modes.ts';
import type { CaptureNotice } from './capture-reader.ts';
import { CaptureWriter } from './capture-writer.ts';
import {
  ALERTS_EXTENSION,
  CAPTURE_EXTENSION,
  META_EXTENSION,
  RECORDING_EXTENSION,
  checkId,
  checkName,
  newCaptureId,
  newMeta,
  liveRecorder,
  readMeta,
  removeRecordingMark,
  withEnd,
  writeMeta,
  writeRecordingMark,
  type CaptureMeta,
  type NewCapture,
  type StoredRequest,
} from './capture-meta.ts';
import type { RunSummary } from '../../common/run-summary.ts';
import { RecordStore, type WindowOptions } from './record-store.ts';
import { SizeCapPolicy, type SizeCapEvent } from './size-cap.ts';

export type { SizeCapEvent } from './size-cap.ts';

export interface CaptureInfo {
  id: string;
  name: string;
  connection: { id: string; name: string } | null;
  url: string | null;
  startedAt: number;
  /** null while recording, or when the app stopped without finishing it (known again once opened). */
  endedAt: number | null;
  /** Being recorded, by this process or another one that still runs. */
  recording: boolean;
  /** The pid of the other process recording it; null when none does, or this one does. */
  recorderPid: number | null;
  /** Bytes on disk (records, meta file and alert log). */
  sizeBytes: number;
  /** Records in the capture, when known (finished captures). */
  records: number | null;
  /** A request's run or a feed's recording; null when the meta file does not say (older captures, the CLI's). */
  kind: 'request' | 'feed' | null;
  /** The connection's LLM format setting when it started; null when not recorded. */
  llmFormat: string | null;
  /** The request as sent, secrets masked; null when not recorded. */
  request: StoredRequest | null;
  /** A request run's figures, once the run has ended. */
  run: RunSummary | null;
  /** Kept by the user, or saved on purpose (`capture --save`): the size cap never deletes it. */
  kept: boolean;
}

export interface LiveCapture {
  id: string;
  store: RecordStore;
  /**
   * Closes the store, records the end and the counts, and applies the size cap to the other
   * captures (this one is kept: a capture the user just made or imported is never its victim).
   */
  finish(): Promise<void>;
}

export interface CaptureLibraryOptions {
  /** Total bytes the folder may hold; null for no cap. */
  sizeCapBytes?: number | null;
  windowSize?: number;
  flushIntervalMs?: number;
  clock?: () => number;
  /** Whether the owner has the capture open (read-only) now: such a capture is not deleted. */
  isInUse?: (id: string) => boolean;
  /** What the size cap does and is about to do, for the owner to tell the user (size-cap.ts). */
  onSizeCap?: (event: SizeCapEvent) => void;
  /** How long captures named in a warning stay before the cap deletes them (default: a minute). */
  sizeCapGraceMs?: number;
}

export class CaptureLibrary {
  readonly folder: string;
  #sizeCap: number | null;
  readonly #windowSize: number | undefined;
  readonly #flushIntervalMs: number | undefined;
  readonly #clock: () => number;
  readonly #isInUse: (id: string) => boolean;
  readonly #onSizeCap: (event: SizeCapEvent) => void;
  readonly #capPolicy: SizeCapPolicy;
  #capTimer: ReturnType<typeof setTimeout> | null = null;
  /** Recorded by this library (others, in this process or not, are known by their marks). */
  readonly #recording = new Set<string>();
  /** Meta updates and cleanups run one at a time, so none overwrites another's change. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(folder: string, options: CaptureLibraryOptions = {}) {
    this.folder = folder;
    this.#sizeCap = checkCap(options.sizeCapBytes ?? null);
    this.#windowSize = options.windowSize;
    this.#flushIntervalMs = options.flushIntervalMs;
    this.#clock = options.clock ?? Date.now;
    this.#isInUse = options.isInUse ?? (() => false);
    this.#onSizeCap = options.onSizeCap ?? (() => {});
    this.#capPolicy = new SizeCapPolicy({ graceMs: options.sizeCapGraceMs, clock: this.#clock });
  }

  get sizeCapBytes(): number | null {
    return this.#sizeCap;
  }

  /** Sets the cap and applies it at once (the user chose it); resolves with the ids of deleted captures. */
  setSizeCap(bytes: number | null): Promise<string[]> {
    this.#sizeCap = checkCap(bytes);
    return this.#applySizeCap({ now: true });
  }

  /** Stops the timer that applies the cap once a warning's grace period is over. */
  dispose(): void {
    if (this.#capTimer) clearTimeout(this.#capTimer);
    this.#capTimer = null;
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
    const ids = names
      .filter((name) => name.endsWith(CAPTURE_EXTENSION) && !name.startsWith('.'))
      .map((name) => name.slice(0, -CAPTURE_EXTENSION.length));
    const infos = await Promise.all(ids.map((id) => this.#info(id).catch(() => null)));
    return infos.filter((info): info is CaptureInfo => info !== null).sort((a, b) => b.startedAt - a.startedAt || (a.id < b.id ? 1 : -1));
  }

  /** Starts a capture: a store whose records are written into the folder. */
  async create(capture: NewCapture, options: WindowOptions = {}): Promise<LiveCapture> {
    await mkdir(this.folder, { recursive: true, mode: OWNER_ONLY_FOLDER });
    const startedAt = this.#clock();
    const meta = newMeta(capture, startedAt);
    const id = newCaptureId(startedAt);
    // The mark comes first: whoever sees the records file sees that it is recording.
    await writeRecordingMark(this.#markPath(id));
    this.#recording.add(id);
    let writer: CaptureWriter | null = null;
    try {
      writer = await CaptureWriter.create(this.#recordsPath(id), { flushIntervalMs: this.#flushIntervalMs });
      await writeMeta(this.#metaPath(id), meta);
    } catch (error) {
      await writer?.close().catch(() => {});
      await rm(this.#recordsPath(id), { force: true });
      await removeRecordingMark(this.#markPath(id));
      this.#recording.delete(id);
      throw error;
    }
    const store = new RecordStore({
      windowSize: options.windowSize ?? this.#windowSize,
      windowBytes: options.windowBytes,
      capture: writer,
    });
    let finished: Promise<void> | null = null;
    const finish = () =>
      (finished ??= (async () => {
        try {
          await store.close();
        } finally {
          const counts = store.counts();
          try {
            await this.#updateMeta(id, (current) => withEnd(current ?? meta, this.#clock(), counts.total, counts.byKind));
          } finally {
            await removeRecordingMark(this.#markPath(id)).catch(() => {});
            this.#recording.delete(id);
          }
        }
        await this.enforceSizeCap({ keep: id });
      })());
    return { id, store, finish };
  }

  /** Reopens a capture: its records, counts and seqs exactly as recorded. */
  async open(id: string, options: WindowOptions = {}): Promise<{ info: CaptureInfo; store: RecordStore; notices: CaptureNotice[] }> {
    checkId(id);
    await this.#refuseWhileRecording(id, 'it can be opened once it has finished');
    const { store, notices } = await RecordStore.open(this.#recordsPath(id), {
      windowSize: options.windowSize ?? this.#windowSize,
      windowBytes: options.windowBytes,
    });
    const meta = await readMeta(this.#metaPath(id));
    if (meta && meta.endedAt === null) {
      // The app stopped while this capture was recording: now that it has been read, say how it ended.
      const counts = store.counts();
      const last = store.window.length > 0 ? store.window.at(store.window.length - 1).time : meta.startedAt;
      await this.#updateMeta(id, (current) => withEnd(current ?? meta, last, counts.total, counts.byKind));
      await removeRecordingMark(this.#markPath(id)); // its process is gone
    }
    return { info: await this.#info(id), store, notices };
  }

  /** Writes a request run's figures into its meta file (when the run ends). */
  async recordRun(id: string, run: RunSummary): Promise<void> {
    checkId(id);
    const before = await this.#info(id); // fails for an unknown capture
    await this.#updateMeta(id, (current) => ({ ...(current ?? newMeta({ name: before.name }, before.startedAt)), run }));
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
    await this.#refuseWhileRecording(id, 'stop it before deleting it');
    if (this.#isInUse(id)) throw new Error(`Capture "${id}" is open: close it before deleting it`);
    await this.#info(id);
    await this.#enqueue(() => this.#remove(id));
  }

  /** Marks a capture kept (the size cap never deletes it), or lets it go again. */
  async setKept(id: string, kept: boolean): Promise<CaptureInfo> {
    checkId(id);
    const before = await this.#info(id); // fails for an unknown capture
    await this.#updateMeta(id, (current) => ({ ...(current ?? newMeta({ name: before.name }, before.startedAt)), kept }));
    return this.#info(id);
  }

  /**
   * Applies the cap as captures finish: the oldest finished captures that must go to fit it are
   * named in a warning first, and deleted once its grace period is over (see size-cap.ts).
   * `keep` names a capture that must stay (one just finished, which its owner is about to open).
   * Resolves with the ids deleted now.
   */
  enforceSizeCap(options: { keep?: string } = {}): Promise<string[]> {
    return this.#applySizeCap({ keep: options.keep, now: false });
  }

  #applySizeCap(options: { keep?: string; now: boolean }): Promise<string[]> {
    return this.#enqueue(async () => {
      const cap = this.#sizeCap;
      if (cap === null) return [];
      const mayDelete = (info: CaptureInfo) => !info.recording && !info.kept && info.id !== options.keep && !this.#isInUse(info.id);
      const plan = this.#capPolicy.plan(await this.list(), cap, mayDelete, options.now);
      for (const info of plan.remove) await this.#remove(info.id);
      for (const event of plan.events) this.#onSizeCap(event);
      if (this.#capTimer) clearTimeout(this.#capTimer);
      this.#capTimer = null;
      if (plan.recheckInMs !== null) {
        this.#capTimer = setTimeout(() => void this.enforceSizeCap().catch(() => {}), plan.recheckInMs);
        this.#capTimer.unref();
      }
      return plan.remove.map((info) => info.id);
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
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`No capture "${id}"`, { cause: error });
      throw error;
    }
    const sizeOf = (path: string) =>
      stat(path).then(
        (s) => s.size,
        () => 0,
      );
    const besideSize = (await sizeOf(this.#metaPath(id))) + (await sizeOf(this.#alertsPath(id)));
    const meta = await readMeta(this.#metaPath(id));
    const recorder = this.#recording.has(id) ? null : await liveRecorder(this.#markPath(id));
    const recording = this.#recording.has(id) || recorder !== null;
    return {
      id,
      name: meta?.name ?? id,
      connection: meta?.connection ?? null,
      url: meta?.url ?? null,
      startedAt: meta?.startedAt ?? modified,
      endedAt: recording ? null : (meta?.endedAt ?? null),
      recording,
      recorderPid: recorder?.pid ?? null,
      sizeBytes: recordsSize + besideSize,
      records: recording ? null : (meta?.records ?? null),
      kind: meta?.kind ?? null,
      llmFormat: meta?.llmFormat ?? null,
      request: meta?.request ?? null,
      run: meta?.run ?? null,
      kept: meta?.kept ?? false,
    };
  }

  #updateMeta(id: string, change: (current: CaptureMeta | null) => CaptureMeta): Promise<void> {
    return this.#enqueue(async () => {
      const path = this.#metaPath(id);
      await writeMeta(path, change(await readMeta(path)));
    });
  }

  /** Throws when the capture is recording here or in another process that still runs. */
  async #refuseWhileRecording(id: string, advice: string): Promise<void> {
    if (this.#recording.has(id)) throw new Error(`Capture "${id}" is still recording; ${advice}`);
    const recorder = await liveRecorder(this.#markPath(id));
    if (recorder) throw new Error(`Capture "${id}" is still being recorded by another process (pid ${recorder.pid}); ${advice}`);
  }

  async #remove(id: string): Promise<void> {
    await rm(this.#recordsPath(id), { force: true });
    await rm(this.#metaPath(id), { force: true });
    await rm(this.#alertsPath(id), { force: true });
    await removeRecordingMark(this.#markPath(id)); // a stale one
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

  #alertsPath(id: string): string {
    return join(this.folder, id + ALERTS_EXTENSION);
  }

  #markPath(id: string): string {
    return join(this.folder, id + RECORDING_EXTENSION);
  }
}

function checkCap(bytes: number | null): number | null {
  if (bytes !== null && (!Number.isFinite(bytes) || bytes < 0)) throw new Error(`The size cap must be a number of bytes, got ${bytes}`);
  return bytes;
}
