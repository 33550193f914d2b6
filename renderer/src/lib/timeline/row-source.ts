// What the timeline reads its rows from: the whole session by seq (RangeSource), or the matches
// of a search (search/matches-source.ts). Rows are numbered from 0 in the view's order.

import type { SseRecord } from '../../../../main/contract.ts';
import type { RowState } from './paged-rows.ts';

export interface RowSource {
  /** Rows in this view now. */
  readonly count: number;
  /** The record on a row, 'loading', 'gone', or undefined when nothing is known yet. */
  row(index: number): RowState<SseRecord> | undefined;
  /** Rows [from, to) are on screen: load what is missing. */
  want(from: number, to: number): void;
  /** The row a seq is on in this view, or -1 when that is not known. */
  indexOfSeq(seq: number): number;
  /** The seq on a row, or null when that is not known (not loaded yet). */
  seqAt(index: number): number | null;
}
