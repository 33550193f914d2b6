// The numbers a wall tile shows for one feed, counted from its records: its state, events per
// second over the last five minutes (a ring of 5-second buckets), when the last event came, the
// HTTP status of the current connection, and totals. Cheap by design: one pass over each batch,
// no timers and no allocation per record; a view is computed only when asked for.

import type { SseRecord } from '../../common/records.ts';

export const RATE_BUCKET_MS = 5_000;
/** Buckets kept: five minutes of 5-second buckets. */
export const RATE_BUCKETS = 60;

export type FeedState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface FeedNumbersView {
  state: FeedState;
  /** Events per second in each complete bucket of the last RATE_BUCKETS, oldest first. */
  eventsPerSecond: number[];
  bucketMs: number;
  totalEvents: number;
  /** Reconnects scheduled (by the stream, a failure or the user). */
  reconnects: number;
  lastEventAt: number | null;
  /** Milliseconds since the last event; null before the first. */
  sinceLastEventMs: number | null;
  /** The status of the current (or last) attempt's response; null before any. */
  httpStatus: number | null;
}

export class FeedNumbers {
  readonly #bucketMs: number;
  readonly #counts: Float64Array;
  /** The bucket number (time / bucketMs) of the newest bucket in the ring; -1 before any. */
  #head = -1;
  #state: FeedState = 'connecting';
  #totalEvents = 0;
  #reconnects = 0;
  #lastEventAt: number | null = null;
  #httpStatus: number | null = null;

  constructor(options: { bucketMs?: number; buckets?: number } = {}) {
    this.#bucketMs = options.bucketMs ?? RATE_BUCKET_MS;
    this.#counts = new Float64Array(options.buckets ?? RATE_BUCKETS);
  }

  get totalEvents(): number {
    return this.#totalEvents;
  }

  get reconnects(): number {
    return this.#reconnects;
  }

  get state(): FeedState {
    return this.#state;
  }

  get lastEventAt(): number | null {
    return this.#lastEventAt;
  }

  get httpStatus(): number | null {
    return this.#httpStatus;
  }

  record(records: readonly SseRecord[]): void {
    const bucketMs = this.#bucketMs;
    // Events of one batch mostly share a time (the chunk's): count them per bucket, add once.
    let bucket = -1;
    let pending = 0;
    for (let i = 0; i < records.length; i++) {
      const record = records[i]!;
      switch (record.kind) {
        case 'event': {
          const at = Math.floor(record.time / bucketMs);
          if (at !== bucket) {
            if (pending > 0) this.#add(bucket, pending);
            bucket = at;
            pending = 0;
          }
          pending++;
          this.#lastEventAt = record.time;
          break;
        }
        case 'open':
          this.#state = 'open';
          this.#httpStatus = record.status;
          break;
        case 'error':
          if (record.status !== undefined) this.#httpStatus = record.status;
          break;
        case 'reconnect':
          this.#state = 'reconnecting';
          this.#reconnects++;
          break;
        case 'closed':
          this.#state = 'closed';
          break;
      }
    }
    if (pending > 0) this.#add(bucket, pending);
  }

  view(now: number): FeedNumbersView {
    const seconds = this.#bucketMs / 1000;
    const current = Math.floor(now / this.#bucketMs);
    const size = this.#counts.length;
    const eventsPerSecond: number[] = [];
    // The complete buckets: the size buckets before the current one.
    for (let bucket = current - size; bucket < current; bucket++) {
      const inRing = bucket <= this.#head && bucket > this.#head - size;
      eventsPerSecond.push(inRing ? this.#counts[bucket % size]! / seconds : 0);
    }
    return {
      state: this.#state,
      eventsPerSecond,
      bucketMs: this.#bucketMs,
      totalEvents: this.#totalEvents,
      reconnects: this.#reconnects,
      lastEventAt: this.#lastEventAt,
      sinceLastEventMs: this.#lastEventAt === null ? null : Math.max(0, now - this.#lastEventAt),
      httpStatus: this.#httpStatus,
    };
  }

  #add(bucket: number, count: number): void {
    this.#totalEvents += count;
    const size = this.#counts.length;
    if (bucket > this.#head) {
      // Newer: the buckets in between had no events.
      const from = Math.max(this.#head + 1, bucket - size + 1);
      for (let b = from; b <= bucket; b++) this.#counts[b % size] = 0;
      this.#head = bucket;
    } else if (bucket <= this.#head - size) {
      return; // older than the ring keeps (a clock that went back): counted in the total only
    }
    const index = bucket % size;
    this.#counts[index] = this.#counts[index]! + count;
  }
}
