// The timeline's rows when only matches are shown: row i is the i-th hit of the current search,
// read from the search's pages (records:search with offset/limit).

import type { SseRecord } from '../../../../main/contract.ts';
import type { RowState } from '../timeline/paged-rows.ts';
import type { RowSource } from '../timeline/row-source.ts';
import type { SearchState } from './search-state.svelte.ts';

export class MatchesSource implements RowSource {
  readonly #search: SearchState;

  constructor(search: SearchState) {
    this.#search = search;
  }

  get count(): number {
    return this.#search.total;
  }

  row(index: number): RowState<SseRecord> | undefined {
    const hit = this.#search.hits.get(index);
    return typeof hit === 'object' ? hit.record : hit;
  }

  want(from: number, to: number): void {
    if (this.count > 0) this.#search.hits.want(Math.max(0, from), Math.min(this.count, to));
  }

  seqAt(index: number): number | null {
    const hit = this.#search.hits.get(index);
    return typeof hit === 'object' ? hit.record.seq : null;
  }

  indexOfSeq(seq: number): number {
    return this.#search.offsetOfSeq(seq);
  }
}
