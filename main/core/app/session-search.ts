// A session's search box: the last query's result is kept, so paging through it (offset, limit)
// reads pages instead of running the query again. A different query, or the first page asked for
// after new records arrived, runs it afresh; the store cancels a search still running when a newer
// one starts, and that older request answers 'cancelled'.

import type { SearchAnswer } from '../../contract.ts';
import type { RecordStore } from '../store/record-store.ts';
import type { SearchOutcome } from '../store/search.ts';

interface LastSearch {
  store: RecordStore;
  query: string;
  /** The store's lastSeq when the search started. */
  lastSeq: number;
  outcome: Promise<SearchOutcome>;
}

export class SessionSearch {
  #last: LastSearch | null = null;

  async run(store: RecordStore, query: string, offset: number, limit: number): Promise<SearchAnswer> {
    let last = this.#last;
    const reusable = last !== null && last.store === store && last.query === query && (offset > 0 || last.lastSeq === store.lastSeq);
    if (!reusable) {
      last = { store, query, lastSeq: store.lastSeq, outcome: store.search(query) };
      this.#last = last;
    }
    const outcome = await last!.outcome;
    if (outcome.status === 'cancelled') {
      if (this.#last === last) this.#last = null;
      return { status: 'cancelled', query };
    }
    if (outcome.status === 'invalid') return { status: 'invalid', query, error: outcome.error };
    const page = await outcome.result.page(offset, limit);
    return { status: 'done', query, total: page.total, offset: page.offset, hits: page.hits };
  }

  /** Forgets the last result (the timeline was cleared or closed). */
  reset(): void {
    this.#last = null;
  }
}
