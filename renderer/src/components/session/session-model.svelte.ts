// One session as the renderer holds it, from the moment it appears until it goes (the sessions
// state makes it, feeds it the session's pushes, and disposes it): its SessionView, the unread
// count of its tab, the timeline (whole session or search matches only), the search, the type
// counts for the chips, the stats for the status bar, the selected record for the detail pane,
// the export, and beside the timeline the LLM answer, the request as sent and a request's runs. It
// never subscribes itself; its panel is drawn from it and finds it as it left it.

import type { PushPayload, SessionStatsView, SessionView, SseRecord, StoreCounts } from '../../../../main/contract.ts';
import type { ApiClient } from '../../lib/api/index.ts';
import { AnswerState } from '../llm/answer-state.svelte.ts';
import { RunsState } from '../request/runs-state.svelte.ts';
import { SentRequestState } from '../request/sent-request-state.svelte.ts';
import { SidePaneState } from '../request/side-pane-state.svelte.ts';
import { ExportState } from '../../lib/export/export-state.svelte.ts';
import { MatchesSource } from '../../lib/search/matches-source.ts';
import { SearchState, type ResultsChange } from '../../lib/search/search-state.svelte.ts';
import { dotStateOf, type DotState } from '../../lib/session-dot.ts';
import { RangeSource } from '../../lib/timeline/range-source.ts';
import { TimelineState } from '../../lib/timeline/timeline-state.svelte.ts';
import { SessionStats } from './session-stats.svelte.ts';

/** Chips and search results of a live session are refreshed about this often while shown. */
const LIVE_REFRESH_MS = 1_000;
type SessionCommand = 'sessions:send' | 'sessions:connect' | 'sessions:disconnect' | 'sessions:reconnect' | 'sessions:clear';

export class SessionModel {
  view = $state.raw<SessionView>() as SessionView;
  /** Records that arrived while its tab was not the active one. */
  unread = $state(0);
  counts = $state.raw<StoreCounts | null>(null);
  /** The record the detail pane shows (the focused row's). */
  selected = $state.raw<SseRecord | null>(null);
  detailOpen = $state(false);
  /** The timeline shows only the search's matches (a chip turns this on). */
  matchesOnly = $state(false);
  /** A toolbar command in flight, by name, and the last one's error. */
  busy = $state<SessionCommand | 'sessions:pause' | null>(null);
  commandError = $state<string | null>(null);
  /** A row page that could not be loaded. */
  loadError = $state<string | null>(null);

  readonly range: RangeSource;
  readonly search: SearchState;
  readonly timeline: TimelineState;
  readonly exporter: ExportState;
  readonly stats = new SessionStats();
  readonly answer: AnswerState;
  readonly sentRequest: SentRequestState;
  readonly runs: RunsState;
  readonly side: SidePaneState;
  readonly #matches: MatchesSource;
  readonly #api: ApiClient;
  #refreshTimer: ReturnType<typeof setInterval> | null = null;
  #countsLoading = false;
  #matchesOnlyByChip = false;
  #selectedLoad = 0;

  constructor(api: ApiClient, view: SessionView) {
    this.#api = api;
    this.view = view;
    const invalidate = () => this.timeline.invalidate();
    this.range = new RangeSource(api, view.id, { onLoaded: invalidate, onError: (error) => (this.loadError = messageOf(error)) });
    this.range.setBounds(view.firstSeq, view.lastSeq);
    this.search = new SearchState(api, view.id, {
      lastSeq: () => this.range.lastSeq,
      onResults: (change) => this.#searchChanged(change),
      onLoaded: invalidate,
    });
    this.#matches = new MatchesSource(this.search);
    this.timeline = new TimelineState(this.range, (seq) => this.#focusChanged(seq));
    this.exporter = new ExportState(api, view.id);
    this.answer = new AnswerState(api, view.id, view.captureId);
    this.sentRequest = new SentRequestState(api, view.id);
    this.runs = new RunsState(api);
    this.side = new SidePaneState(view.kind === 'request');
    void this.#loadStats();
  }

  get id(): string {
    return this.view.id;
  }

  get live(): boolean {
    const status = this.view.status;
    return status === 'connecting' || status === 'open' || status === 'reconnecting';
  }

  /** What its dot shows (tab and sidebar). */
  get dot(): DotState {
    return dotStateOf(this.view);
  }

  dispose(): void {
    this.deactivate();
    this.search.dispose();
    this.timeline.dispose();
    this.exporter.dispose();
  }

  /** The tab is shown: keep chips and search results fresh while live. */
  activate(): void {
    if (this.#refreshTimer !== null) return;
    this.#refreshTimer = setInterval(() => this.#liveTick(), LIVE_REFRESH_MS);
    void this.#refreshCounts();
  }

  deactivate(): void {
    if (this.#refreshTimer !== null) clearInterval(this.#refreshTimer);
    this.#refreshTimer = null;
  }

  /** A newer SessionView (from 'session:state', 'sessions:changed', or a command's answer). */
  applyView(view: SessionView): void {
    const previous = this.view;
    this.view = view;
    if (view.captureId !== previous.captureId) {
      this.#timelineCleared(view);
      return;
    }
    // Paused: the view stays as it was (records are still stored, and fetched when resumed).
    if (!(view.paused && previous.paused)) this.range.setBounds(view.firstSeq, view.lastSeq);
    this.timeline.invalidate();
  }

  /**
   * A 'session:records' push: live records go into the timeline's rows while a view draws the
   * timeline. A timeline nobody sees (a background tab, the overview shown) only grows: no pages
   * are made for its records, and the rows it shows when its tab comes back are fetched by range,
   * so fifty busy feeds behind the overview do not fill (and churn) fifty row caches.
   */
  applyRecords({ records, skipped }: PushPayload<'session:records'>): void {
    const drawn = this.timeline.attached && this.timeline.source === this.range;
    this.range.appendLive(records, skipped, drawn && this.timeline.following);
    if (drawn) this.timeline.invalidate();
  }

  applyStats(stats: SessionStatsView): void {
    this.stats.add(stats);
  }

  /** A 'session:answer' push; a feed's first answer opens the side pane on it. */
  applyAnswer(view: PushPayload<'session:answer'>): void {
    const first = this.answer.view === null;
    this.answer.apply(view);
    if (first && this.answer.view && this.view.kind !== 'request' && !this.side.open) this.side.show('answer');
  }

  /** Sends a request again (a new run); Ctrl+Enter. */
  send = () => this.#command('sessions:send');
  connect = () => this.#command('sessions:connect');
  disconnect = () => this.#command('sessions:disconnect');
  reconnect = () => this.#command('sessions:reconnect');
  clear = () => this.#command('sessions:clear');

  togglePause = async (): Promise<void> => {
    if (this.busy) return;
    this.busy = 'sessions:pause';
    this.commandError = null;
    try {
      this.applyView(await this.#api.call('sessions:pause', { sessionId: this.id, paused: !this.view.paused }));
    } catch (error) {
      this.commandError = messageOf(error);
    } finally {
      this.busy = null;
    }
  };

  /** A chip: filter to one event type (one at a time: the query language has no OR), or none. */
  toggleChip(type: string): void {
    const next = this.search.chip === type ? null : type;
    this.search.setChip(next);
    if (next !== null && !this.matchesOnly) {
      this.#matchesOnlyByChip = true;
      this.setMatchesOnly(true);
    } else if (next === null && this.#matchesOnlyByChip) {
      this.setMatchesOnly(false);
    }
  }

  setMatchesOnly(on: boolean): void {
    this.matchesOnly = on;
    if (!on) this.#matchesOnlyByChip = false;
    this.#chooseSource();
  }

  /** n / Enter: the next match (or previous), selected and scrolled to. */
  async stepMatch(step: 1 | -1): Promise<void> {
    if (this.search.flush()) return; // the query was still waiting: its results select the first match
    const hit = await this.search.step(step);
    if (!hit) return;
    this.timeline.selectSeq(hit.record.seq, this.timeline.source === this.#matches ? this.search.current : -1);
  }

  /** Selects a record and opens its detail, in the whole timeline (an alert's jump). */
  reveal(seq: number): void {
    if (this.matchesOnly) this.setMatchesOnly(false);
    this.timeline.revealSeq(seq);
    this.detailOpen = true;
  }

  /** The seqs an export of the selection covers (rows of the current view, in order). */
  async selectionSeqs(): Promise<number[]> {
    const range = this.timeline.selectionRange();
    if (!range) return [];
    const seqs: number[] = [];
    for (let index = range.from; index <= range.to; index++) {
      let seq = this.timeline.source.seqAt(index);
      if (seq === null && this.timeline.source === this.#matches) seq = (await this.search.hitAt(index))?.record.seq ?? null;
      if (seq !== null) seqs.push(seq);
    }
    return seqs;
  }

  #chooseSource(): void {
    this.timeline.setSource(this.matchesOnly && this.search.active ? this.#matches : this.range);
  }

  #focusChanged(seq: number | null): void {
    // Showing only matches, the focused row is the current match ("k of N" follows it).
    if (this.timeline.source === this.#matches && this.timeline.focusIndex >= 0) this.search.current = this.timeline.focusIndex;
    void this.#loadSelected(seq);
  }

  #searchChanged(change: ResultsChange): void {
    this.#chooseSource();
    this.timeline.invalidate();
    if (change === 'new' && this.timeline.source === this.#matches) {
      this.search.current = this.timeline.focusSeq !== null ? this.search.offsetOfSeq(this.timeline.focusSeq) : -1;
      return;
    }
    if (change !== 'new' || this.search.total === 0) return;
    // A new query: show its first match, as find in a page does.
    void this.search.hitAt(0).then((hit) => {
      if (hit && this.search.current === 0) this.timeline.selectSeq(hit.record.seq);
    });
  }

  async #command(name: SessionCommand): Promise<void> {
    if (this.busy) return;
    this.busy = name;
    this.commandError = null;
    try {
      const view = await this.#api.call(name, { sessionId: this.id });
      // A clear starts a new capture; its 'session:state' push may have come first and reset already.
      if (name === 'sessions:clear' && (view.captureId === null || view.captureId !== this.view.captureId)) {
        this.view = view;
        this.#timelineCleared(view);
      } else {
        this.applyView(view);
      }
    } catch (error) {
      this.commandError = messageOf(error);
    } finally {
      this.busy = null;
    }
  }

  #timelineCleared(view: SessionView): void {
    this.range.reset(view.firstSeq, view.lastSeq);
    this.search.reset();
    this.timeline.reset();
    this.selected = null;
    this.counts = null;
    this.loadError = null;
    this.answer.reset(view.captureId);
    void this.#refreshCounts();
  }

  #liveTick(): void {
    if (!this.live && this.counts !== null) return;
    void this.#refreshCounts();
    this.search.refresh();
  }

  /** The status bar's numbers as they are now: pushes bring only changes, and a page that loaded later missed them. */
  async #loadStats(): Promise<void> {
    try {
      const stats = await this.#api.call('sessions:stats', { sessionId: this.id });
      if (stats && this.stats.latest === null) this.stats.add(stats);
    } catch {
      // A session that just went away, or a main process without the numbers: the pushes bring them.
    }
  }

  async #refreshCounts(): Promise<void> {
    if (this.#countsLoading) return;
    this.#countsLoading = true;
    const captureId = this.view.captureId;
    try {
      const counts = await this.#api.call('records:counts', { sessionId: this.id });
      if (captureId === this.view.captureId) this.counts = counts;
    } catch {
      // A session that just went away: the sessions state disposes of this model.
    } finally {
      this.#countsLoading = false;
    }
  }

  async #loadSelected(seq: number | null): Promise<void> {
    const load = ++this.#selectedLoad;
    if (seq === null) {
      this.selected = null;
      return;
    }
    const cached = this.range.recordBySeq(seq) ?? this.#hitRecord(seq);
    if (cached) {
      this.selected = cached;
      return;
    }
    try {
      const [record] = await this.#api.call('records:range', { sessionId: this.id, fromSeq: seq, count: 1 });
      if (load === this.#selectedLoad) this.selected = record?.seq === seq ? record : null;
    } catch (error) {
      if (load === this.#selectedLoad) this.loadError = messageOf(error);
    }
  }

  #hitRecord(seq: number): SseRecord | undefined {
    const offset = this.search.offsetOfSeq(seq);
    const hit = offset >= 0 ? this.search.hits.get(offset) : undefined;
    return typeof hit === 'object' ? hit.record : undefined;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
