// Runs a query over a store's records in seq order: the memory window synchronously in slices
// (yielding to the event loop between them, so a newer search or a live batch gets a turn) and
// the older records by streaming the capture file. Results are the matching seqs, a total, and
// pages of records with the ranges that matched, for the view to highlight.

import type { JsonFieldIndex } from '../../common/json-field-index.ts';
import type { SseRecord } from '../../common/records.ts';
import { compileQuery, type CompiledQuery, type FieldMatch } from '../../common/query-matcher.ts';
import { parseQuery, type QueryError } from '../../common/query-parser.ts';
import type { RecordWindow } from './record-window.ts';

/** Records tested between two yields to the event loop. */
export const SEARCH_SLICE = 10_000;

/** What a search needs from a store. */
export interface SearchSource {
  readonly window: RecordWindow;
  /** Seq of the oldest stored record (0 when empty). */
  readonly firstSeq: number;
  readonly lastSeq: number;
  /** The values of JSON fields remembered across searches (json-field-index.ts). */
  readonly fieldIndex?: JsonFieldIndex;
  /** Visits stored records with from <= seq < to, in order, from the capture file. */
  scanCapture(from: number, to: number, visit: (record: SseRecord) => void, signal: AbortSignal): Promise<void>;
  /** The records with these seqs that are still stored, in the order given. */
  recordsAt(seqs: readonly number[]): Promise<SseRecord[]>;
}

export interface SearchHit {
  record: SseRecord;
  matches: FieldMatch[];
}

export interface SearchPage {
  offset: number;
  total: number;
  hits: SearchHit[];
}

export type SearchOutcome = { status: 'done'; result: SearchResult } | { status: 'invalid'; error: QueryError } | { status: 'cancelled' };

export class SearchResult {
  readonly query: string;
  /** Matching seqs, in order. */
  readonly seqs: readonly number[];
  readonly #compiled: CompiledQuery;
  readonly #source: SearchSource;

  constructor(query: string, seqs: readonly number[], compiled: CompiledQuery, source: SearchSource) {
    this.query = query;
    this.seqs = seqs;
    this.#compiled = compiled;
    this.#source = source;
  }

  get total(): number {
    return this.seqs.length;
  }

  /** Up to `limit` matches from the `offset`-th, each record with its match ranges. */
  async page(offset: number, limit: number): Promise<SearchPage> {
    const seqs = this.seqs.slice(Math.max(0, offset), Math.max(0, offset) + Math.max(0, limit));
    const records = await this.#source.recordsAt(seqs);
    const hits = records.map((record) => ({ record, matches: this.#compiled.highlight(record) }));
    return { offset, total: this.total, hits };
  }
}

/** Parses and runs `query`; an aborted `signal` ends it as cancelled. */
export async function searchRecords(source: SearchSource, query: string, signal: AbortSignal): Promise<SearchOutcome> {
  const parsed = parseQuery(query);
  if (!parsed.ok) return { status: 'invalid', error: parsed.error };
  const compiled = compileQuery(parsed.terms, source.fieldIndex);
  const seqs = await matchingSeqs(source, compiled.test, signal);
  if (seqs === null) return { status: 'cancelled' };
  return { status: 'done', result: new SearchResult(query, seqs, compiled, source) };
}

/** The seqs of the records stored now that pass `test`; null when cancelled. */
async function matchingSeqs(source: SearchSource, test: (record: SseRecord) => boolean, signal: AbortSignal): Promise<number[] | null> {
  const seqs: number[] = [];
  const last = source.lastSeq; // records appended while searching are not part of this search
  let next = source.firstSeq;
  while (next !== 0 && next <= last) {
    if (signal.aborted) return null;
    const window = source.window;
    if (window.length === 0 || next < window.firstSeq) {
      // Older than the window (or evicted since the search began): read them from the file.
      const to = window.length === 0 ? last + 1 : Math.min(last + 1, window.firstSeq);
      await source.scanCapture(
        next,
        to,
        (record) => {
          if (test(record)) seqs.push(record.seq);
        },
        signal,
      );
      next = to;
      continue;
    }
    const start = window.lowerBound(next);
    const end = Math.min(window.length, start + SEARCH_SLICE);
    const stop = window.collect(start, end, last, test, seqs);
    if (stop === window.length || stop < end) break; // the window's end, or past the last seq
    next = window.at(stop - 1).seq + 1;
    await yieldToEventLoop();
  }
  return signal.aborted ? null : seqs;
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
