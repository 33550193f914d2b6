// One session's search: the text typed in the box (run ~200 ms after typing stops), the type chip,
// and the current result: its total, which match is current ("k of N"), its pages of hits
// (records with the ranges that matched) cached by offset, and the error of a malformed query.
// Text that does not parse is reported and left out: with a chip active, the chip's filter stays.
// The main process keeps the last result per session, so pages at offset > 0 are read from it;
// asking offset 0 again runs the query afresh when new records arrived (what refresh() uses).

import type { FieldMatch, SearchAnswer, SseRecord } from '../../../../main/contract.ts';
import type { ApiClient } from '../api/index.ts';
import { PAGE_SIZE, PagedRows, type PageLoad } from '../timeline/paged-rows.ts';
import { buildQuery } from './search-query.ts';
import { fieldHighlightersFor, type QueryHighlighter } from './text-highlight.ts';
import { messageOf } from '../../../../main/common/error-message.ts';

export const SEARCH_DEBOUNCE_MS = 200;
/** A live session's results are refreshed at most this often, and never more than 1/4 of the time. */
const REFRESH_MIN_INTERVAL_MS = 1_000;
const MAX_KNOWN_SEQS = 100_000;

export interface SearchHit {
  record: SseRecord;
  matches: FieldMatch[];
}

export type SearchStatus = 'idle' | 'running' | 'done' | 'invalid' | 'failed';

export interface SearchError {
  message: string;
  /** Index in the query the error points at; null when it is not about the query's text. */
  position: number | null;
}

/** Why the results changed: a new query, or the same one run again over new records. */
export type ResultsChange = 'new' | 'refresh' | 'cleared';

/** A page load that was superseded by a newer search: retried later, never shown as an error. */
class SupersededSearch extends Error {}

export class SearchState {
  /** The text in the search box. */
  text = $state('');
  /** The event type chip that filters the query, or null. */
  chip = $state<string | null>(null);
  status = $state<SearchStatus>('idle');
  /** The query the current results are for ("" when none). */
  query = $state('');
  total = $state(0);
  /** Index of the current match (0-based), -1 when none. */
  current = $state(-1);
  error = $state<SearchError | null>(null);
  /** Bumped whenever hits arrive, for rows that highlight with their exact ranges. */
  version = $state(0);
  /** The chip part of the query the error's position refers to. */
  errorChip = $state<string | null>(null);

  readonly hits: PagedRows<SearchHit>;
  readonly #api: ApiClient;
  readonly #sessionId: string;
  readonly #onResults: (change: ResultsChange) => void;
  readonly #lastSeq: () => number;
  readonly #seqToOffset = new Map<number, number>();
  #timer: ReturnType<typeof setTimeout> | null = null;
  /** Bumped by every run: an answer for an older run is ignored. */
  #run = 0;
  #running = false;
  #lastRunAt = 0;
  #lastRunMs = 0;
  /** The session's lastSeq when the current result was computed. */
  #resultSeq = 0;

  constructor(
    api: ApiClient,
    sessionId: string,
    options: { lastSeq: () => number; onResults: (change: ResultsChange) => void; onLoaded: () => void },
  ) {
    this.#api = api;
    this.#sessionId = sessionId;
    this.#lastSeq = options.lastSeq;
    this.#onResults = options.onResults;
    this.hits = new PagedRows<SearchHit>({
      fetchPage: (page) => this.#fetchPage(page),
      onLoaded: () => {
        this.version++;
        options.onLoaded();
      },
      onError: (error) => {
        if (!(error instanceof SupersededSearch)) this.error = { message: messageOf(error), position: null };
      },
    });
  }

  /** Highlights the current query's terms in any text (rows off the current page, the detail pane). */
  readonly highlighter: QueryHighlighter = $derived(fieldHighlightersFor(this.query));

  get active(): boolean {
    return this.query !== '';
  }

  /** The text changed: search again once typing pauses. */
  setText(text: string): void {
    this.text = text;
    this.#schedule(SEARCH_DEBOUNCE_MS);
  }

  /** Chips filter at once (a click is not typing). */
  setChip(type: string | null): void {
    this.chip = type;
    this.#schedule(0);
  }

  /** Escape in the box: no text, no results (the chip stays). */
  clearText(): void {
    this.text = '';
    this.#schedule(0);
  }

  /** Runs the pending query now (Enter before the pause ended). */
  flush(): boolean {
    if (this.#timer === null) return false;
    clearTimeout(this.#timer);
    this.#timer = null;
    void this.#start('new');
    return true;
  }

  /** Runs the query again when records arrived since, and the last run was not too slow. */
  refresh(): void {
    if (!this.active || this.#running || this.#lastSeq() <= this.#resultSeq) return;
    if (this.status !== 'done' && this.status !== 'invalid') return;
    const interval = Math.max(REFRESH_MIN_INTERVAL_MS, 4 * this.#lastRunMs);
    if (performance.now() - this.#lastRunAt < interval) return;
    void this.#start('refresh');
  }

  /** The timeline was cleared: results are void, the same query runs on the new timeline. */
  reset(): void {
    this.hits.reset();
    this.#seqToOffset.clear();
    this.#resultSeq = 0;
    if (this.active) this.#schedule(0);
  }

  /** Moves the current match by `step` (wrapping) and returns its hit; null when there is none. */
  async step(step: 1 | -1): Promise<SearchHit | null> {
    if (this.total === 0) return null;
    const target = this.current < 0 ? (step > 0 ? 0 : this.total - 1) : (this.current + step + this.total) % this.total;
    this.current = target;
    const hit = await this.hitAt(target);
    return this.current === target ? hit : null;
  }

  /** The hit at an offset of the current result, fetched when its page is not cached. */
  async hitAt(offset: number): Promise<SearchHit | null> {
    const cached = this.hits.get(offset);
    if (typeof cached === 'object') return cached;
    const page = Math.floor(offset / PAGE_SIZE);
    const run = this.#run;
    try {
      const loaded = await this.#fetchPage(page);
      if (run !== this.#run) return null;
      this.hits.fill(page, loaded);
      this.version++;
    } catch {
      return null;
    }
    const hit = this.hits.get(offset);
    return typeof hit === 'object' ? hit : null;
  }

  /** The exact match ranges for a record on a cached page of results. */
  matchesFor(seq: number): FieldMatch[] | undefined {
    const offset = this.#seqToOffset.get(seq);
    if (offset === undefined) return undefined;
    const hit = this.hits.get(offset);
    return typeof hit === 'object' && hit.record.seq === seq ? hit.matches : undefined;
  }

  /** Where a seq is among the results, when its page was loaded; -1 otherwise. */
  offsetOfSeq(seq: number): number {
    return this.#seqToOffset.get(seq) ?? -1;
  }

  dispose(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#run++;
    this.hits.reset();
  }

  #schedule(delayMs: number): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#start('new');
    }, delayMs);
  }

  #forgetResults(status: SearchStatus, error: SearchError | null): void {
    this.hits.reset();
    this.#seqToOffset.clear();
    this.query = '';
    this.total = 0;
    this.current = -1;
    this.status = status;
    this.error = error;
    this.#onResults('cleared');
  }

  async #start(kind: 'new' | 'refresh'): Promise<void> {
    // A refresh runs the shown query again (the text may be mid-edit, or be the ignored bad text).
    const chip = this.chip;
    let query = kind === 'refresh' ? this.query : buildQuery(chip, this.text);
    const run = ++this.#run;
    const lastSeq = this.#lastSeq();
    if (query === '') {
      this.#running = false;
      this.#forgetResults('idle', null);
      return;
    }
    if (kind === 'new') {
      this.status = 'running';
      this.error = null;
    }
    this.#running = true;
    const startedAt = performance.now();
    let answer: SearchAnswer;
    /** The typed text's problem, when it was left out and the chip's filter ran alone. */
    let textError: SearchError | null = null;
    try {
      answer = await this.#firstPage(query);
      if (answer.status === 'invalid' && run === this.#run) {
        this.errorChip = chip;
        const chipOnly = buildQuery(chip, '');
        if (chipOnly !== '' && chipOnly !== query) {
          textError = { ...answer.error };
          query = chipOnly;
          answer = await this.#firstPage(query);
        }
      }
    } catch (error) {
      if (run !== this.#run) return;
      this.#running = false;
      this.status = 'failed';
      this.error = { message: messageOf(error), position: null };
      return;
    }
    if (run !== this.#run) return;
    this.#running = false;
    this.#lastRunAt = performance.now();
    this.#lastRunMs = this.#lastRunAt - startedAt;
    if (answer.status === 'cancelled') {
      // Another search on this session (another window) took its place: try again shortly.
      if (kind === 'new') this.#schedule(REFRESH_MIN_INTERVAL_MS);
      return;
    }
    if (answer.status === 'invalid') {
      this.#forgetResults('invalid', { ...answer.error });
      return;
    }
    if (kind === 'new') {
      this.hits.reset();
      this.#seqToOffset.clear();
      this.current = answer.total > 0 ? 0 : -1;
    } else {
      this.hits.invalidate();
      if (this.current >= answer.total) this.current = answer.total - 1;
    }
    this.#resultSeq = lastSeq;
    this.hits.fill(0, this.#pageLoad(answer));
    this.query = query;
    this.total = answer.total;
    // A refresh of the chip's results keeps the bad text's message up.
    if (kind === 'new' || this.status !== 'invalid') {
      this.status = textError ? 'invalid' : 'done';
      this.error = textError;
    }
    this.version++;
    this.#onResults(kind);
  }

  #firstPage(query: string): Promise<SearchAnswer> {
    return this.#api.call('records:search', { sessionId: this.#sessionId, query, offset: 0, limit: PAGE_SIZE });
  }

  async #fetchPage(page: number): Promise<PageLoad<SearchHit>> {
    const query = this.query;
    const answer = await this.#api.call('records:search', {
      sessionId: this.#sessionId,
      query,
      offset: page * PAGE_SIZE,
      limit: PAGE_SIZE,
    });
    if (answer.status !== 'done' || answer.query !== this.query) throw new SupersededSearch('The search was superseded');
    if (answer.total !== this.total) {
      // Page 0 asked again runs the query over the newest records: the result grew.
      this.total = answer.total;
      this.#onResults('refresh');
    }
    return this.#pageLoad(answer);
  }

  #pageLoad(answer: Extract<SearchAnswer, { status: 'done' }>): PageLoad<SearchHit> {
    if (this.#seqToOffset.size > MAX_KNOWN_SEQS) this.#seqToOffset.clear();
    const items: Array<[number, SearchHit]> = answer.hits.map((hit, i) => {
      this.#seqToOffset.set(hit.record.seq, answer.offset + i);
      return [answer.offset + i, hit];
    });
    return { items, coveredTo: Math.min(answer.offset + PAGE_SIZE, answer.total) };
  }
}
