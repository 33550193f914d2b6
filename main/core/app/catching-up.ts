// Whether a live session's view is behind its stream, for the view to say "catching up": the app
// is overloaded (live pushes are coalesced and leave records out, which the view fetches by range),
// or the session's capture file made it read the connection more slowly within the last second.
// Turns on at once and off after a quiet second, so a firehose does not make it flicker.

export const CATCH_UP_QUIET_MS = 1000;

export class CatchingUp {
  readonly #onChange: () => void;
  #overloaded = false;
  #heldBackAt = Number.NEGATIVE_INFINITY;
  #on = false;
  #timer: ReturnType<typeof setTimeout> | null = null;

  /** `onChange`: the flag flipped. */
  constructor(onChange: () => void) {
    this.#onChange = onChange;
  }

  get on(): boolean {
    return this.#on;
  }

  setOverloaded(overloaded: boolean): void {
    this.#overloaded = overloaded;
    this.#update();
  }

  /** Reading the connection waited for the capture file. */
  heldBack(): void {
    this.#heldBackAt = performance.now();
    this.#update();
  }

  dispose(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #update(): void {
    const quietFor = performance.now() - this.#heldBackAt;
    const on = this.#overloaded || quietFor < CATCH_UP_QUIET_MS;
    if (on && !this.#overloaded && this.#timer === null) {
      this.#timer = setTimeout(() => {
        this.#timer = null;
        this.#update();
      }, CATCH_UP_QUIET_MS - quietFor);
    }
    if (on === this.#on) return;
    this.#on = on;
    this.#onChange();
  }
}
