// The whole session as rows: row i is seq firstSeq + i (seqs are gap-free within one timeline).
// Pages come from records:range; live records from 'session:records' pushes go straight into the
// cached pages (a new tail page is started only while the view follows the tail, so a firehose
// does not push the pages the user is reading out of the cache). Seqs named by a push's `skipped`
// stay holes that are fetched by range when they come on screen.

import type { SeqRange, SseRecord } from '../../../../main/contract.ts';
import type { ApiClient } from '../api/index.ts';
import { PAGE_SIZE, PagedRows, type RowState } from './paged-rows.ts';
import type { RowSource } from './row-source.ts';

export class RangeSource implements RowSource {
  readonly #api: ApiClient;
  readonly #sessionId: string;
  readonly #rows: PagedRows<SseRecord>;
  #firstSeq = 0;
  #lastSeq = 0;

  constructor(api: ApiClient, sessionId: string, callbacks: { onLoaded: () => void; onError: (error: unknown) => void }) {
    this.#api = api;
    this.#sessionId = sessionId;
    // Page p holds seqs p*PAGE_SIZE+1 ... (p+1)*PAGE_SIZE: absolute, so a moving firstSeq
    // (a store without a capture file drops its oldest records) keeps the cache valid.
    this.#rows = new PagedRows<SseRecord>({
      fetchPage: (page) => this.#fetch(page),
      onLoaded: callbacks.onLoaded,
      onError: callbacks.onError,
    });
  }

  get firstSeq(): number {
    return this.#firstSeq;
  }

  get lastSeq(): number {
    return this.#lastSeq;
  }

  get count(): number {
    return this.#firstSeq > 0 && this.#lastSeq >= this.#firstSeq ? this.#lastSeq - this.#firstSeq + 1 : 0;
  }

  /** Takes the bounds a SessionView reports (they only grow, except through reset()). */
  setBounds(firstSeq: number, lastSeq: number): void {
    if (firstSeq > 0 && (this.#firstSeq === 0 || firstSeq > this.#firstSeq)) this.#firstSeq = firstSeq;
    if (lastSeq > this.#lastSeq) this.#lastSeq = lastSeq;
  }

  /** A new timeline (cleared, or a different capture): every cached row is forgotten. */
  reset(firstSeq: number, lastSeq: number): void {
    this.#rows.reset();
    this.#firstSeq = firstSeq;
    this.#lastSeq = lastSeq;
  }

  /** Live records (seq order) and the seqs a push left out; `atTail`: the view follows the tail. */
  appendLive(records: readonly SseRecord[], skipped: SeqRange | null, atTail: boolean): void {
    if (skipped) this.setBounds(skipped.fromSeq, skipped.toSeq);
    for (const record of records) {
      this.#rows.put(record.seq - 1, record, atTail);
    }
    const first = records[0];
    const last = records.at(-1);
    if (first && last) this.setBounds(this.#firstSeq === 0 ? first.seq : this.#firstSeq, last.seq);
  }

  row(index: number): RowState<SseRecord> | undefined {
    if (index < 0 || index >= this.count) return undefined;
    return this.#rows.get(this.#firstSeq - 1 + index);
  }

  want(from: number, to: number): void {
    if (this.count === 0) return;
    const base = this.#firstSeq - 1;
    this.#rows.want(base + Math.max(0, from), base + Math.min(this.count, to));
  }

  indexOfSeq(seq: number): number {
    const index = seq - this.#firstSeq;
    return index >= 0 && index < this.count ? index : -1;
  }

  seqAt(index: number): number | null {
    return index >= 0 && index < this.count ? this.#firstSeq + index : null;
  }

  /** The record with this seq when it is cached. */
  recordBySeq(seq: number): SseRecord | undefined {
    const row = this.#rows.get(seq - 1);
    return typeof row === 'object' ? row : undefined;
  }

  async #fetch(page: number): Promise<{ items: Array<[number, SseRecord]>; coveredTo: number }> {
    const pageFirst = page * PAGE_SIZE + 1;
    const fromSeq = Math.max(pageFirst, this.#firstSeq);
    const count = pageFirst + PAGE_SIZE - fromSeq;
    const lastSeq = this.#lastSeq;
    const records = await this.#api.call('records:range', { sessionId: this.#sessionId, fromSeq, count });
    // The store answers with what it has from fromSeq on: a missing seq below the last one it
    // could have returned is gone (dropped from a store without a capture file).
    const reached = Math.min(fromSeq + count - 1, records.length === count ? Infinity : lastSeq);
    return { items: records.map((record) => [record.seq - 1, record]), coveredTo: reached };
  }
}
