// A Map that keeps at most `capacity` entries, dropping the least recently used: the page caches
// of the timeline and of search results, so a long scroll through a million records holds only
// the pages near where the user has been.

export class LruMap<K, V> {
  readonly #entries = new Map<K, V>();
  readonly #capacity: number;
  /** Asked before an entry is dropped; false keeps it (a page still loading or on screen). */
  readonly #canEvict: (key: K, value: V) => boolean;

  constructor(capacity: number, canEvict: (key: K, value: V) => boolean = () => true) {
    this.#capacity = capacity;
    this.#canEvict = canEvict;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The value, marked as just used. */
  get(key: K): V | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  /** The value without touching its recency. */
  peek(key: K): V | undefined {
    return this.#entries.get(key);
  }

  set(key: K, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    this.#evict();
  }

  delete(key: K): void {
    this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }

  values(): IterableIterator<V> {
    return this.#entries.values();
  }

  #evict(): void {
    if (this.#entries.size <= this.#capacity) return;
    for (const [key, value] of this.#entries) {
      if (this.#entries.size <= this.#capacity) return;
      if (this.#canEvict(key, value)) this.#entries.delete(key);
    }
  }
}
