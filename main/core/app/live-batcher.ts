// Live records on their way to the view, one batcher per session: records that arrive after a
// quiet spell go out at once; after that they gather and go out together at most every 50 ms.
// Each push is bounded in records and bytes: when more arrive in one interval, only the newest are
// sent and `skipped` names the seqs left out (the view fetches them by range if it wants them).
// So a firehose costs about 20 bounded messages a second, never an unbounded queue, and an idle
// session holds no timer. When the app is overloaded the pace slows (setPace: fewer, smaller
// pushes), since sending records the view can fetch later is the first thing to give up.

import type { SeqRange, SseRecord } from '../../common/records.ts';
import { recordBytes } from '../store/record-bytes.ts';

export const BATCH_INTERVAL_MS = 50;
export const MAX_RECORDS_PER_PUSH = 2_000;
/** About what the records of one push may hold in text (event data, comments). */
export const MAX_BYTES_PER_PUSH = 2 * 1024 * 1024;

/**
 * The pace under overload (load-watch.ts): two pushes a second of the newest 100 records at most,
 * enough for a timeline that follows the tail; the view fetches by range what else it shows.
 */
export const OVERLOAD_PACE: BatchPace = { intervalMs: 500, maxRecords: 100 };
export const NORMAL_PACE: BatchPace = { intervalMs: BATCH_INTERVAL_MS, maxRecords: MAX_RECORDS_PER_PUSH };

export interface BatchPace {
  intervalMs: number;
  maxRecords: number;
}

export type BatchSender = (records: SseRecord[], skipped: SeqRange | null) => void;

export interface BatcherOptions {
  intervalMs?: number;
  maxRecords?: number;
  maxBytes?: number;
}

export class LiveBatcher {
  readonly #send: BatchSender;
  #intervalMs: number;
  #maxRecords: number;
  readonly #maxBytes: number;
  #pending: SseRecord[] = [];
  /** Seqs already dropped from `#pending` in this interval (0: none). */
  #skipFrom = 0;
  #skipTo = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #paused = false;

  constructor(send: BatchSender, options: BatcherOptions = {}) {
    this.#send = send;
    this.#intervalMs = options.intervalMs ?? BATCH_INTERVAL_MS;
    this.#maxRecords = options.maxRecords ?? MAX_RECORDS_PER_PUSH;
    this.#maxBytes = options.maxBytes ?? MAX_BYTES_PER_PUSH;
  }

  get paused(): boolean {
    return this.#paused;
  }

  /** The time between two pushes, at the pace now. */
  get intervalMs(): number {
    return this.#intervalMs;
  }

  /** Records it holds at most between two pushes (more could only be skipped). */
  get capacity(): number {
    return 2 * this.#maxRecords;
  }

  /** Takes effect from the next push on. */
  setPace(pace: BatchPace): void {
    this.#intervalMs = pace.intervalMs;
    this.#maxRecords = pace.maxRecords;
  }

  /** Paused: records are not sent (the store still has them) and what was waiting is dropped. */
  setPaused(paused: boolean): void {
    this.#paused = paused;
    if (paused) this.clear();
  }

  /**
   * `skippedBefore`: seqs just before `records` that will never be added (they left the memory
   * window before they could be sent); the push names them, and what was waiting, as skipped.
   */
  add(records: readonly SseRecord[], skippedBefore: SeqRange | null = null): void {
    if (this.#paused || (records.length === 0 && skippedBefore === null)) return;
    if (skippedBefore) {
      this.#drop(this.#pending.length);
      if (this.#skipFrom === 0) this.#skipFrom = skippedBefore.fromSeq;
      this.#skipTo = skippedBefore.toSeq;
    }
    for (const record of records) this.#pending.push(record);
    // Never hold more than two pushes' worth: the older half can only be skipped anyway.
    if (this.#pending.length > 2 * this.#maxRecords) this.#drop(this.#pending.length - this.#maxRecords);
    if (this.#timer === null) {
      // The first records after a quiet interval go out at once.
      this.#flush();
      this.#arm();
    }
  }

  /** Drops what is waiting (a cleared timeline), keeping the pace of pushes. */
  clear(): void {
    this.#pending = [];
    this.#skipFrom = 0;
    this.#skipTo = 0;
  }

  dispose(): void {
    this.clear();
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #arm(): void {
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (this.#pending.length === 0 && this.#skipFrom === 0) return; // quiet: no timer until the next record
      this.#flush();
      this.#arm();
    }, this.#intervalMs);
  }

  #flush(): void {
    if (this.#pending.length === 0 && this.#skipFrom === 0) return;
    // Keep the newest records that fit both bounds (at least one, however large).
    let keep = 0;
    let bytes = 0;
    for (let i = this.#pending.length - 1; i >= 0 && keep < this.#maxRecords; i--) {
      bytes += recordBytes(this.#pending[i]!);
      if (keep > 0 && bytes > this.#maxBytes) break;
      keep++;
    }
    this.#drop(this.#pending.length - keep);
    const skipped = this.#skipFrom === 0 ? null : { fromSeq: this.#skipFrom, toSeq: this.#skipTo };
    const records = this.#pending;
    this.clear();
    this.#send(records, skipped);
  }

  /** Leaves out the oldest `count` waiting records, remembering their seqs. */
  #drop(count: number): void {
    if (count <= 0) return;
    if (this.#skipFrom === 0) this.#skipFrom = this.#pending[0]!.seq;
    this.#skipTo = this.#pending[count - 1]!.seq;
    this.#pending = this.#pending.slice(count);
  }
}
