// A list the main process owns and pushes whole whenever it changes (the capture files, the
// overview's tiles): asked for once at start, so the view has it before the first push, then
// replaced by every push. Its owner is the only subscriber to that push.

export class MirroredList<T> {
  items = $state.raw<T[]>([]);
  readonly #subscribe: (replace: (items: T[]) => void) => () => void;
  readonly #load: () => Promise<T[]>;
  #unsubscribe: (() => void) | null = null;

  /** `subscribe`: listens to the push (returns how to stop); `load`: the command that lists it now. */
  constructor(subscribe: (replace: (items: T[]) => void) => () => void, load: () => Promise<T[]>) {
    this.#subscribe = subscribe;
    this.#load = load;
  }

  start(): void {
    this.#unsubscribe = this.#subscribe((items) => (this.items = items));
    void this.refresh();
  }

  dispose(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  async refresh(): Promise<void> {
    try {
      this.items = await this.#load();
    } catch {
      // Kept as it was; the next push brings it.
    }
  }
}
