// Runs a callback at most once per animation frame, however often it is asked for: pushes, page
// loads and scroll events only mark the view dirty, and the DOM is updated once per frame.

export class FrameScheduler {
  readonly #callback: () => void;
  #handle: number | null = null;

  constructor(callback: () => void) {
    this.#callback = callback;
  }

  get pending(): boolean {
    return this.#handle !== null;
  }

  request(): void {
    if (this.#handle !== null) return;
    this.#handle = requestAnimationFrame(() => {
      this.#handle = null;
      this.#callback();
    });
  }

  cancel(): void {
    if (this.#handle !== null) cancelAnimationFrame(this.#handle);
    this.#handle = null;
  }
}
