// A sparse index of a capture file: the byte offset of every Nth record (by position), so reading
// a range back from disk seeks close to it instead of scanning the file from the start.

export const DEFAULT_INDEX_EVERY = 1000;

export interface IndexEntry {
  /** Position of the record in the file (0 for the first record). */
  position: number;
  seq: number;
  /** Byte offset of the record's line. */
  offset: number;
}

export class OffsetIndex {
  readonly every: number;
  readonly #seqs: number[] = [];
  readonly #offsets: number[] = [];

  constructor(every = DEFAULT_INDEX_EVERY) {
    if (!Number.isInteger(every) || every < 1) throw new Error(`Index interval must be a positive integer, got ${every}`);
    this.every = every;
  }

  get size(): number {
    return this.#seqs.length;
  }

  /** True when the record at `position` is one the index keeps. */
  wants(position: number): boolean {
    return position % this.every === 0;
  }

  /** Records the line of the record at position `entries * every`; entries arrive in order. */
  add(seq: number, offset: number): void {
    this.#seqs.push(seq);
    this.#offsets.push(offset);
  }

  /** The last entry at or before `seq` (the file start when `seq` precedes every entry). */
  forSeq(seq: number): IndexEntry {
    let low = 0;
    let high = this.#seqs.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (this.#seqs[mid]! <= seq) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return this.#entry(found);
  }

  /** The last entry at or before the record at `position`. */
  forPosition(position: number): IndexEntry {
    const k = Math.min(Math.floor(position / this.every), this.#seqs.length - 1);
    return this.#entry(k);
  }

  #entry(k: number): IndexEntry {
    if (k < 0) return { position: 0, seq: 0, offset: 0 };
    return { position: k * this.every, seq: this.#seqs[k]!, offset: this.#offsets[k]! };
  }
}
