// Rows fetched from the main process in pages, cached in a bounded LRU: what the timeline reads
// row by row. A row is loaded, loading, or gone (a load covered it and it was not there: dropped
// from a store without a capture file). Live records are put in directly; a page with holes that
// are on screen (skipped live batches) is fetched again. At most a few loads run at once, and a
// queued load that has scrolled out of view by its turn is dropped.

import { LruMap } from './lru-map.ts';

export const PAGE_SIZE = 200;
/** Pages kept: 64 x 200 rows, enough for several screens around each place visited. */
const PAGE_CAPACITY = 64;
const MAX_PARALLEL_LOADS = 3;

export type RowState<T> = T | 'loading' | 'gone';

/** What a page load brought: items by absolute index, and the index up to which it looked. */
export interface PageLoad<T> {
  items: Array<[number, T]>;
  /** Indexes below this that the load did not bring are gone. */
  coveredTo: number;
}

interface Page<T> {
  slots: (T | undefined)[];
  /** Rows of this page below this absolute index were looked for by a load. */
  coveredTo: number;
  loading: boolean;
  /** Shown as it is, but loaded again when wanted (the results behind it changed). */
  stale: boolean;
  /** After a failed load: not tried again before this time (ms, performance.now()). */
  retryAt: number;
}

/** A failed page load waits this long before the view tries it again. */
const RETRY_DELAY_MS = 2_000;

function emptyPage<T>(): Page<T> {
  return { slots: new Array<T | undefined>(PAGE_SIZE), coveredTo: 0, loading: false, stale: false, retryAt: 0 };
}

export class PagedRows<T> {
  readonly #fetchPage: (page: number) => Promise<PageLoad<T>>;
  readonly #onLoaded: () => void;
  readonly #onError: (error: unknown) => void;
  readonly #pages: LruMap<number, Page<T>>;
  /** Pages the view shows now: never evicted, and the only ones a queued load still fetches. */
  #wanted = { from: 0, to: 0 };
  #queue: number[] = [];
  #running = 0;
  /** Bumped by reset(): loads started before it are ignored. */
  #generation = 0;

  constructor(options: { fetchPage: (page: number) => Promise<PageLoad<T>>; onLoaded: () => void; onError?: (error: unknown) => void }) {
    this.#fetchPage = options.fetchPage;
    this.#onLoaded = options.onLoaded;
    this.#onError = options.onError ?? (() => {});
    this.#pages = new LruMap(PAGE_CAPACITY, (page, value) => !value.loading && !(page >= this.#wanted.from && page < this.#wanted.to));
  }

  /** The row at an absolute index; `undefined` when nothing is known about it yet. */
  get(index: number): RowState<T> | undefined {
    const page = this.#pages.peek(Math.floor(index / PAGE_SIZE));
    if (!page) return undefined;
    const item = page.slots[index % PAGE_SIZE];
    if (item !== undefined) return item;
    if (page.loading) return 'loading';
    return index < page.coveredTo ? 'gone' : undefined;
  }

  /** Puts a live row in; creates its page only when asked (the tail the view follows). */
  put(index: number, item: T, createPage: boolean): void {
    const number = Math.floor(index / PAGE_SIZE);
    let page = this.#pages.peek(number);
    if (!page) {
      if (!createPage) return;
      page = emptyPage<T>();
      this.#pages.set(number, page);
    }
    page.slots[index % PAGE_SIZE] = item;
  }

  /** Sets a page as freshly loaded (a search answer that brought it anyway). */
  fill(number: number, loaded: PageLoad<T>): void {
    const page = emptyPage<T>();
    const base = number * PAGE_SIZE;
    for (const [index, item] of loaded.items) {
      const slot = index - base;
      if (slot >= 0 && slot < PAGE_SIZE) page.slots[slot] = item;
    }
    page.coveredTo = loaded.coveredTo;
    this.#pages.set(number, page);
  }

  /**
   * Rows [from, to) are on screen: keep their pages and load what is missing. Returns true when
   * something had to be loaded.
   */
  want(from: number, to: number): boolean {
    const firstPage = Math.floor(Math.max(0, from) / PAGE_SIZE);
    const lastPage = Math.floor(Math.max(0, to - 1) / PAGE_SIZE);
    this.#wanted = { from: firstPage, to: lastPage + 1 };
    let missing = false;
    for (let number = firstPage; number <= lastPage && to > from; number++) {
      const page = this.#pages.get(number);
      if (page?.loading || this.#queue.includes(number)) continue;
      if (page && page.retryAt > performance.now()) continue;
      const start = Math.max(from, number * PAGE_SIZE);
      const end = Math.min(to, (number + 1) * PAGE_SIZE);
      if (page && !page.stale && !hasHole(page, start, end)) continue;
      missing = true;
      this.#queue.push(number);
    }
    this.#pump();
    return missing;
  }

  /** Forgets every page (a cleared timeline, a new search). */
  reset(): void {
    this.#pages.clear();
    this.#queue = [];
    this.#generation++;
    this.#running = 0;
  }

  /** Marks every page as due for a reload the next time it is wanted (the results changed). */
  invalidate(): void {
    for (const page of this.#pages.values()) page.stale = true;
  }

  #pump(): void {
    while (this.#running < MAX_PARALLEL_LOADS && this.#queue.length > 0) {
      const number = this.#queue.shift()!;
      if (number < this.#wanted.from || number >= this.#wanted.to) continue; // scrolled away
      void this.#load(number);
    }
  }

  async #load(number: number): Promise<void> {
    const generation = this.#generation;
    let page = this.#pages.get(number);
    if (!page) {
      page = emptyPage<T>();
      this.#pages.set(number, page);
    }
    page.loading = true;
    const replace = page.stale;
    this.#running++;
    try {
      const loaded = await this.#fetchPage(number);
      if (generation !== this.#generation) return;
      // A stale page is replaced whole; otherwise live rows put in meanwhile are kept.
      if (replace) page.slots = new Array<T | undefined>(PAGE_SIZE);
      page.stale = false;
      const base = number * PAGE_SIZE;
      for (const [index, item] of loaded.items) {
        const slot = index - base;
        if (slot >= 0 && slot < PAGE_SIZE) page.slots[slot] = item;
      }
      page.coveredTo = replace ? loaded.coveredTo : Math.max(page.coveredTo, loaded.coveredTo);
    } catch (error) {
      if (generation !== this.#generation) return;
      page.retryAt = performance.now() + RETRY_DELAY_MS;
      this.#onError(error);
    } finally {
      if (generation === this.#generation) {
        page.loading = false;
        this.#running--;
        this.#onLoaded();
        this.#pump();
      }
    }
  }
}

function hasHole<T>(page: Page<T>, start: number, end: number): boolean {
  const base = start - (start % PAGE_SIZE);
  for (let index = start; index < end; index++) {
    if (page.slots[index - base] === undefined && index >= page.coveredTo) return true;
  }
  return false;
}
