// The bounded in-memory window of a session's newest records: a ring over one plain array that
// holds the records exactly as the Session made them (no per-record wrapper, 8 bytes a slot).

import type { SseRecord } from '../../common/records.ts';

export class RecordWindow {
  readonly capacity: number;
  // Grows by push until full (a preallocated `new Array(n)` of a large n is a slow dictionary
  // array in V8), then the oldest slot is overwritten in place.
  readonly #slots: SseRecord[] = [];
  /** Slot of the oldest record once the ring is full. */
  #head = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`Window size must be a positive integer, got ${capacity}`);
    this.capacity = capacity;
  }

  get length(): number {
    return this.#slots.length;
  }

  /** Adds the newest record; returns true when the oldest one was evicted to make room. */
  push(record: SseRecord): boolean {
    const slots = this.#slots;
    if (slots.length < this.capacity) {
      slots.push(record);
      return false;
    }
    slots[this.#head] = record;
    this.#head = this.#head + 1 === this.capacity ? 0 : this.#head + 1;
    return true;
  }

  /** The record at `index` (0 is the oldest held); the caller keeps `index` below `length`. */
  at(index: number): SseRecord {
    let slot = this.#head + index;
    if (slot >= this.capacity) slot -= this.capacity;
    return this.#slots[slot]!;
  }

  get firstSeq(): number {
    return this.#slots.length === 0 ? 0 : this.at(0).seq;
  }

  get lastSeq(): number {
    return this.#slots.length === 0 ? 0 : this.at(this.#slots.length - 1).seq;
  }

  /** Index of the first record with a seq at or after `seq` (`length` when there is none). */
  lowerBound(seq: number): number {
    const length = this.#slots.length;
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
    const head = slots.length < capacity ? 0 : this.#head;
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
    const end = Math.min(this.#slots.length, start + count);
    const out: SseRecord[] = [];
    for (let i = Math.max(0, start); i < end; i++) out.push(this.at(i));
    return out;
  }
}
