// The bounded in-memory window of a session's newest records: a ring over one plain array that
// holds the records exactly as the Session made them (no per-record wrapper, 8 bytes a slot). It is
// bounded twice: by a number of records (settings.windowSize) and by bytes (its share of the app's
// memory budget, which may shrink as sessions open), whichever is reached first; the oldest go.

import type { SseRecord } from '../../common/records.ts';
import { recordBytes } from './record-bytes.ts';

export class RecordWindow {
  readonly capacity: number;
  // Grows by push until full (a preallocated `new Array(n)` of a large n is a slow dictionary
  // array in V8), then slots are reused in place. Logical index i is slot (head + i) % capacity.
  readonly #slots: (SseRecord | undefined)[] = [];
  #head = 0;
  #length = 0;
  #bytes = 0;
  #maxBytes: number;

  constructor(capacity: number, maxBytes = Number.POSITIVE_INFINITY) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`Window size must be a positive integer, got ${capacity}`);
    this.capacity = capacity;
    this.#maxBytes = maxBytes;
  }

  get length(): number {
    return this.#length;
  }

  /** What the records held weigh, roughly (see record-bytes.ts). */
  get bytes(): number {
    return this.#bytes;
  }

  get maxBytes(): number {
    return this.#maxBytes;
  }

  /** A new byte bound; the oldest records go at once until the window fits it (the newest always stays). */
  setMaxBytes(maxBytes: number): void {
    this.#maxBytes = maxBytes;
    this.#fit();
  }

  /** Adds the newest record; returns true when older ones were evicted to make room. */
  push(record: SseRecord): boolean {
    const capacity = this.capacity;
    let evicted = false;
    if (this.#length === capacity) {
      this.#dropOldest();
      evicted = true;
    }
    const slot = (this.#head + this.#length) % capacity;
    if (slot === this.#slots.length) this.#slots.push(record);
    else this.#slots[slot] = record;
    this.#length++;
    this.#bytes += recordBytes(record);
    return this.#fit() || evicted;
  }

  /** The record at `index` (0 is the oldest held); the caller keeps `index` below `length`. */
  at(index: number): SseRecord {
    let slot = this.#head + index;
    if (slot >= this.capacity) slot -= this.capacity;
    return this.#slots[slot]!;
  }

  get firstSeq(): number {
    return this.#length === 0 ? 0 : this.at(0).seq;
  }

  get lastSeq(): number {
    return this.#length === 0 ? 0 : this.at(this.#length - 1).seq;
  }

  /** Index of the first record with a seq at or after `seq` (`length` when there is none). */
  lowerBound(seq: number): number {
    const length = this.#length;
    if (length === 0) return 0;
    // Sessions number without gaps, so the guess is almost always right.
    const guess = seq - this.at(0).seq;
    if (guess <= 0) return 0;
    if (guess < length && this.at(guess).seq === seq) return guess;
    let low = 0;
    let high = length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.at(mid).seq < seq) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /**
   * Pushes onto `out` the seq of each record from index `start` (below `end`) that passes
   * `test`, stopping before a record with a seq above `maxSeq`; returns the index it stopped at.
   * The search's hot loop: it walks the ring's two runs of slots directly.
   */
  collect(start: number, end: number, maxSeq: number, test: (record: SseRecord) => boolean, out: number[]): number {
    const slots = this.#slots;
    const capacity = this.capacity;
    const head = this.#head;
    end = Math.min(end, this.#length);
    let index = start;
    while (index < end) {
      let slot = head + index;
      if (slot >= capacity) slot -= capacity;
      // The run of slots up to the end of the array (or to `end`).
      const runEnd = Math.min(slots.length, slot + (end - index));
      for (let s = slot; s < runEnd; s++) {
        const record = slots[s]!;
        if (record.seq > maxSeq) return index + (s - slot);
        if (test(record)) out.push(record.seq);
      }
      index += runEnd - slot;
    }
    return index;
  }

  /** Up to `count` records from index `start`, oldest first. */
  slice(start: number, count: number): SseRecord[] {
    const end = Math.min(this.#length, start + count);
    const out: SseRecord[] = [];
    for (let i = Math.max(0, start); i < end; i++) out.push(this.at(i));
    return out;
  }

  /** Evicts the oldest records until the bytes fit (keeping at least the newest); true if any went. */
  #fit(): boolean {
    let evicted = false;
    while (this.#bytes > this.#maxBytes && this.#length > 1) {
      this.#dropOldest();
      evicted = true;
    }
    return evicted;
  }

  #dropOldest(): void {
    const record = this.#slots[this.#head]!;
    this.#slots[this.#head] = undefined; // let it be collected
    this.#bytes -= recordBytes(record);
    this.#head = this.#head + 1 === this.capacity ? 0 : this.#head + 1;
    this.#length--;
  }
}
