// A session's search box, which more than one view may use at once (two browser tabs on one
// session). The results of the last few queries are kept, so paging through one (offset > 0), or
// coming back to it, reads pages instead of running it again, even when another view searched for
// something else meanwhile. The first page asked for after new records arrived runs the query
// afresh; asking for a query that is running joins that run.
//
// Which running searches a new query cancels (requests do not say which view sent them):
// - typing a new query cancels the search of the one before: a new query cancels the running
//   searches of other queries;
// - except a query asked for again after it was cancelled: another view is still waiting for it,
//   and if it could be cancelled again two views would cancel each other's retries for ever;
// - and never more than MAX_RUNNING run at once: beyond that the oldest is cancelled anyway.
// A cancelled request answers 'cancelled'. An export's search does not run here
// (handlers/export.ts), so typing in the box never cancels it.

import type { SearchAnswer } from '../../contract.ts';
import type { RecordStore } from '../store/record-store.ts';
import type { SearchOutcome, SearchResult } from '../store/search.ts';

/** Completed results kept per session. */
export const KEPT_RESULTS = 4;
/** Matches those results may hold together (a seq each), beyond the newest one, which is always kept. */
const KEPT_MATCHES = 2_000_000;
/** Searches running at once per session. */
export const MAX_RUNNING = 3;
/** Cancelled queries remembered, to recognise one asked for again. */
const REMEMBERED_CANCELLED = 8;

interface Run {
  store: RecordStore;
  query: string;
  controller: AbortController;
  /** Asked for again after being cancelled: a newer query does not cancel it (the cap still does). */
  shielded: boolean;
  outcome: Promise<SearchOutcome>;
}

interface Kept {
  store: RecordStore;
  /** The store's lastSeq when the search started. */
  lastSeq: number;
  result: SearchResult;
}

export class SessionSearch {
  /** In the order they started. */
  #running: Run[] = [];
  /** By query, least recently used first. */
  readonly #kept = new Map<string, Kept>();
  readonly #cancelled = new Set<string>();
  /** Bumped by reset(): a search that started before it is not kept. */
  #generation = 0;

  async run(store: RecordStore, query: string, offset: number, limit: number): Promise<SearchAnswer> {
    const kept = this.#usable(store, query, offset);
    let outcome: SearchOutcome;
    if (kept) {
      outcome = { status: 'done', result: kept.result };
    } else {
      const running = this.#running.find((run) => run.store === store && run.query === query) ?? this.#start(store, query);
      outcome = await running.outcome;
    }
    if (outcome.status === 'cancelled') return { status: 'cancelled', query };
    if (outcome.status === 'invalid') return { status: 'invalid', query, error: outcome.error };
    const page = await outcome.result.page(offset, limit);
    return { status: 'done', query, total: page.total, offset: page.offset, hits: page.hits };
  }

  /**
   * A kept result of `query` that still covers every stored record, for work that would otherwise
   * run the same search again (an export of the search result). It is not marked as used.
   */
  upToDate(store: RecordStore, query: string): SearchResult | null {
    const kept = this.#kept.get(query);
    return kept && kept.store === store && kept.lastSeq === store.lastSeq ? kept.result : null;
  }

  /** Cancels every running search and forgets every result (the timeline was cleared or closed). */
  reset(): void {
    this.#generation++;
    for (const run of this.#running) run.controller.abort();
    this.#running = [];
    this.#kept.clear();
    this.#cancelled.clear();
  }

  /** A kept result for this page: any for later pages, one over what is stored now for the first. */
  #usable(store: RecordStore, query: string, offset: number): Kept | null {
    const kept = this.#kept.get(query);
    if (!kept || kept.store !== store || (offset === 0 && kept.lastSeq !== store.lastSeq)) return null;
    this.#kept.delete(query); // most recently used last
    this.#kept.set(query, kept);
    return kept;
  }

  #start(store: RecordStore, query: string): Run {
    const shielded = this.#cancelled.delete(query);
    for (const run of [...this.#running]) if (!run.shielded) this.#cancel(run);
    while (this.#running.length >= MAX_RUNNING) this.#cancel(this.#running[0]!);

    const controller = new AbortController();
    const lastSeq = store.lastSeq;
    const generation = this.#generation;
    const run: Run = { store, query, controller, shielded, outcome: store.search(query, { signal: controller.signal }) };
    this.#running.push(run);
    // Registered before any caller awaits the outcome, so a caller finds the result kept.
    const ended = () => (this.#running = this.#running.filter((other) => other !== run));
    run.outcome.then(
      (outcome) => {
        ended();
        if (outcome.status === 'done' && generation === this.#generation) this.#keep(query, { store, lastSeq, result: outcome.result });
      },
      ended, // the callers get the error
    );
    return run;
  }

  #cancel(run: Run): void {
    run.controller.abort();
    this.#running = this.#running.filter((other) => other !== run);
    this.#cancelled.delete(run.query);
    this.#cancelled.add(run.query);
    if (this.#cancelled.size > REMEMBERED_CANCELLED) this.#cancelled.delete(this.#cancelled.values().next().value!);
  }

  #keep(query: string, kept: Kept): void {
    this.#kept.delete(query);
    this.#kept.set(query, kept);
    let matches = 0;
    for (const { result } of this.#kept.values()) matches += result.total;
    for (const [oldest, { result }] of this.#kept) {
      if (oldest === query || (this.#kept.size <= KEPT_RESULTS && matches <= KEPT_MATCHES)) break;
      this.#kept.delete(oldest);
      matches -= result.total;
    }
  }
}
