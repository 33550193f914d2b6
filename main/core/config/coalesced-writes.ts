// Writes of a whole document, coalesced: at most one write runs at a time, and every change asked
// for while it runs shares the next one, which writes the newest document. Writes also start at
// most once per interval: a lone change is written at once, but a burst of changes (arriving one
// by one, between other work) is a few writes, not one each, since every write serializes the
// whole document. Each caller's promise resolves once a write that includes its change has
// finished (the document is on disk), or rejects with that write's error. A document whose write
// failed, with nothing newer after it, is written again by flush().

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

/** The shortest time between the starts of two writes. */
export const WRITE_INTERVAL_MS = 20;

export class CoalescedWrites<T> {
  readonly #writeOnce: (value: T) => Promise<void>;
  readonly #intervalMs: number;
  #lastStart = -Infinity;
  /** The newest value not yet being written, and whoever waits for it. */
  #next: { value: T; waiters: Waiter[] } | null = null;
  #running: Promise<void> | null = null;
  /** The value of the last write, when it failed and nothing newer has been asked for. */
  #unsaved: { value: T } | null = null;

  constructor(writeOnce: (value: T) => Promise<void>, intervalMs = WRITE_INTERVAL_MS) {
    this.#writeOnce = writeOnce;
    this.#intervalMs = intervalMs;
  }

  /** Writes `value` (or a newer one); resolves once it is on disk. */
  write(value: T): Promise<void> {
    const done = new Promise<void>((resolve, reject) => {
      const waiter = { resolve, reject };
      if (this.#next) {
        this.#next.value = value;
        this.#next.waiters.push(waiter);
      } else {
        this.#next = { value, waiters: [waiter] };
      }
    });
    this.#running ??= this.#drain();
    return done;
  }

  /** Waits for the writes under way; writes again a document whose write failed. Rejects if it still cannot. */
  async flush(): Promise<void> {
    await this.#running;
    if (this.#unsaved) await this.write(this.#unsaved.value);
  }

  async #drain(): Promise<void> {
    for (;;) {
      const batch = this.#next;
      if (!batch) {
        // Cleared in the same turn as the last check, so a write() after it starts a new drain.
        this.#running = null;
        return;
      }
      const wait = this.#lastStart + this.#intervalMs - performance.now();
      if (wait > 0) {
        // Changes made while waiting join this write.
        await new Promise((resolve) => setTimeout(resolve, wait));
        continue;
      }
      this.#next = null;
      this.#lastStart = performance.now();
      try {
        await this.#writeOnce(batch.value);
        if (!this.#next) this.#unsaved = null;
        for (const waiter of batch.waiters) waiter.resolve();
      } catch (error) {
        if (!this.#next) this.#unsaved = { value: batch.value };
        for (const waiter of batch.waiters) waiter.reject(error);
      }
    }
  }
}
