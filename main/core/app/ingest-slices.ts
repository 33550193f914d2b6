// Reading connections shares the event loop with everything else the app does. The live sessions
// read in turns: one chunk each, round-robin, for at most 10 ms of each event-loop turn; then the
// loop runs the I/O that is waiting (a command from the view, a capture file's write finishing)
// and the next slice begins. So however many fast streams there are, a command waits for one slice,
// not for every session to have read what its socket holds; and a lone stream (nobody waiting)
// reads on without ceremony within its slice.

/** Reading time per event-loop turn, all live sessions together. */
export const INGEST_SLICE_MS = 10;

export class IngestSlices {
  readonly #sliceMs: number;
  #sliceStart = Number.NEGATIVE_INFINITY;
  /** Sessions waiting for their turn to read a chunk, oldest first. */
  readonly #waiting: (() => void)[] = [];
  #turnScheduled = false;

  constructor(sliceMs = INGEST_SLICE_MS) {
    this.#sliceMs = sliceMs;
  }

  /** Null when the caller may read now; otherwise resolves when it is its turn. */
  ready(): Promise<void> | null {
    const inSlice = performance.now() - this.#sliceStart < this.#sliceMs;
    if (inSlice && this.#waiting.length === 0) return null;
    const turn = new Promise<void>((resolve) => this.#waiting.push(resolve));
    // Within the slice the session that waited longest goes next (perhaps the caller); past it,
    // everyone waits for the next turn of the loop.
    if (inSlice) this.#waiting.shift()!();
    else this.#scheduleTurn();
    return turn;
  }

  #scheduleTurn(): void {
    if (this.#turnScheduled) return;
    this.#turnScheduled = true;
    setImmediate(() => {
      this.#turnScheduled = false;
      this.#sliceStart = performance.now();
      this.#waiting.shift()?.();
      // A session that read and then stopped asking (its stream ended) leaves the others to the next turn.
      if (this.#waiting.length > 0) this.#scheduleTurn();
    });
  }
}
