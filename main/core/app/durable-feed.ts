// A live session's records on their way to the view, once they are in the capture file: what a
// timeline has shown survives a crash (DESIGN: "records reach the capture file before they are
// acknowledged as stored"). New records ask the file to be written, at most once per push
// interval at the batcher's pace (the writer's own group commit keeps the writes few under a
// firehose, and its flush interval bounds how far the file trails); each write that
// lands hands the records it made durable to the batcher, read back from the store's memory window.
// Records that left the window before their write landed (a small window under a firehose) reach
// the view as skipped seqs, which it fetches by range. Once the capture file has failed nothing
// becomes durable any more, so records go to the view as they come (the failure was reported).

import type { RecordStore } from '../store/record-store.ts';
import type { LiveBatcher } from './live-batcher.ts';

export class DurableFeed {
  readonly #batcher: LiveBatcher;
  #store: RecordStore | null = null;
  #stopListening: () => void = () => {};
  /** The newest seq handed to the batcher (or skipped). */
  #sentSeq = 0;
  #lastFlushAt = Number.NEGATIVE_INFINITY;
  #flushTimer: ReturnType<typeof setTimeout> | null = null;
  #fileFailed = false;

  constructor(batcher: LiveBatcher) {
    this.#batcher = batcher;
  }

  /**
   * Follows this store from now on (a session's capture, or the new one after a clear). `afterSeq`:
   * the seq the timeline goes on from. A cleared timeline's new store is empty but its seqs go on
   * from the old one's, which the view had: they are not left out of it.
   */
  attach(store: RecordStore, afterSeq = store.lastSeq): void {
    this.#stopListening();
    this.#store = store;
    this.#sentSeq = afterSeq;
    this.#fileFailed = false;
    const stopFlushed = store.onFlushed((durableSeq) => this.#release(durableSeq));
    const stopFailed = store.onCaptureError(() => {
      this.#fileFailed = true;
      this.#release(store.lastSeq);
    });
    this.#stopListening = () => {
      stopFlushed();
      stopFailed();
    };
  }

  /** The records stored so far are not for the view (it was paused): only later ones go to it. */
  skipStored(): void {
    if (this.#store) this.#sentSeq = this.#store.lastSeq;
  }

  /** Records were appended to the store: they go to the view once written. */
  arrived(): void {
    const store = this.#store;
    if (!store) return;
    if (this.#fileFailed) {
      this.#release(store.lastSeq);
      return;
    }
    if (this.#flushTimer !== null) return;
    const wait = this.#lastFlushAt + this.#batcher.intervalMs - performance.now();
    if (wait <= 0) this.#flush();
    else this.#flushTimer = setTimeout(() => this.#flush(), wait);
  }

  dispose(): void {
    this.#stopListening();
    this.#store = null;
    if (this.#flushTimer !== null) clearTimeout(this.#flushTimer);
    this.#flushTimer = null;
  }

  #flush(): void {
    this.#flushTimer = null;
    this.#lastFlushAt = performance.now();
    // Each write that lands calls #release; a failed one is reported through onCaptureError.
    this.#store?.flush().catch(() => {});
  }

  #release(durableSeq: number): void {
    const store = this.#store;
    if (!store || durableSeq <= this.#sentSeq) return;
    const window = store.window;
    const from = this.#sentSeq + 1;
    const end = window.lowerBound(durableSeq + 1);
    // More than the batcher holds could only be skipped by it: leave them in the window.
    const start = Math.max(window.lowerBound(from), end - this.#batcher.capacity);
    const firstSent = start < end ? window.at(start).seq : durableSeq + 1;
    this.#batcher.add(window.slice(start, end - start), firstSent > from ? { fromSeq: from, toSeq: firstSent - 1 } : null);
    this.#sentSeq = durableSeq;
  }
}
