// One live session: a Session connected with a saved connection's request, whose records go to
// a capture of the library (the timeline), to the view in batches once they are in the capture
// file (durable-feed.ts), to the stats meter, to its FeedMonitor (alert rules, watchdog, the
// overview's numbers) and to its LLM answer (session-answer.ts). The connection is read no faster
// than the capture file is written (paced-fetch.ts), so memory stays flat at any rate. It can be
// disconnected and connected again (the timeline goes on: seqs continue), restarted, paused (the
// view gets no live records; they are still stored) and cleared (a new capture and an empty
// timeline, the connection kept). Records are masked (secretMaskFor) as they arrive, before
// anything stores, shows, pushes or watches them (so an alert's preview never holds a secret); the
// originals of the few a mask changed are kept in memory only, for an export the user asks to be
// unredacted. A request's run is one LiveSession (request-session.ts).

import type { FeedTile, Notice, PushSink, SessionStatsView, SessionView } from '../../contract.ts';
import type { SavedConnection } from '../../common/config-schema.ts';
import { secretMaskFor, type Resolved } from '../config/variables.ts';
import type { SecretMask } from '../export/secret-mask.ts';
import type { FetchFunction } from '../sse/fetch-types.ts';
import type { TlsOptions } from '../sse/node-fetch.ts';
import { pacedFetch } from '../sse/paced-fetch.ts';
import { formatCount } from '../../common/number-format.ts';
import type { SseRecord } from '../../common/records.ts';
import { Session, type SessionState } from '../sse/session.ts';
import type { CaptureLibrary, LiveCapture } from '../store/capture-library.ts';
import type { RecordStore } from '../store/record-store.ts';
import type { AlertBook } from '../monitor/alert-book.ts';
import { FeedMonitor } from '../monitor/feed-monitor.ts';
import { failed, messageOf } from './command-errors.ts';
import { CatchingUp } from './catching-up.ts';
import { DurableFeed } from './durable-feed.ts';
import { LiveBatcher, NORMAL_PACE, OVERLOAD_PACE } from './live-batcher.ts';
import { FeedRestart, isMonitored, reconnectFor } from './monitored-feed.ts';
import type { AppSession } from './session-registry.ts';
import type { SessionAnswer } from './session-answer.ts';
import { SessionDetail } from './session-detail.ts';
import { maskedRequest } from './sent-request.ts';
import { SessionSearch } from './session-search.ts';
import { SessionMeter, type StatsTicker } from './stats-meter.ts';
import { UnmaskedRecords } from './unmasked-records.ts';

export interface LiveSessionDeps {
  library: CaptureLibrary;
  push: PushSink;
  stats: StatsTicker;
  fetchFor(tls: TlsOptions): FetchFunction;
  /** settings.windowSize, read when a capture starts. */
  windowSize(): number;
  /** The window's share of the memory budget, read when a capture starts (memory-budget.ts). */
  windowBytes(): number;
  /** Bytes of records that may wait for the capture file before the connection is read more slowly. */
  captureBacklogBytes(): number;
  /** settings.maxCaptureMb in bytes (null: no limit), read as records arrive. */
  maxCaptureBytes(): number | null;
  /** The app is overloaded now (load-watch.ts). */
  overloaded(): boolean;
  /** Null while this event-loop turn's reading slice lasts; else resolves at the next (ingest-slices.ts). */
  ingestSlice(): Promise<void> | null;
  /** Where the alerts of the session's monitor go (the app pushes and notifies them). */
  book: AlertBook;
  clock: () => number;
  /** A capture started or finished. */
  capturesChanged(): Promise<void>;
  notice(notice: Notice): void;
}

/** A saved connection and the request it resolves to now. */
export interface LiveStart {
  connection: SavedConnection;
  resolved: Resolved;
}

export class LiveSession implements AppSession {
  readonly id: string;
  readonly connectionId: string;
  readonly search = new SessionSearch();
  readonly answer: SessionAnswer;
  readonly #deps: LiveSessionDeps;
  readonly #batcher: LiveBatcher;
  readonly #feed: DurableFeed;
  readonly #catchingUp: CatchingUp;
  readonly #meter = new SessionMeter();
  readonly #detail = new SessionDetail();
  readonly #monitor: FeedMonitor;
  readonly #restart = new FeedRestart(() => this.connect());
  readonly #unmasked = new UnmaskedRecords();
  #start: LiveStart;
  /** The request the current (or last) connection sent; #start's applies at the next connect. */
  #inUse: Resolved;
  /** Masks the secrets of #inUse in every record before it is stored. */
  #mask: SecretMask;
  #capture: LiveCapture;
  #stopCaptureErrors: () => void = () => {};
  #session: Session | null = null;
  #statePushQueued = false;
  #disposed = false;
  #clearing: Promise<void> = Promise.resolve();

  private constructor(id: string, start: LiveStart, capture: LiveCapture, deps: LiveSessionDeps, answer: SessionAnswer) {
    this.id = id;
    this.answer = answer;
    answer.setCapture(capture.id);
    this.connectionId = start.connection.id;
    this.#start = start;
    this.#inUse = start.resolved;
    this.#mask = secretMaskFor(start.resolved);
    this.#deps = deps;
    this.#capture = capture;
    this.#batcher = new LiveBatcher((records, skipped) => deps.push('session:records', { sessionId: id, records, skipped }));
    this.#feed = new DurableFeed(this.#batcher);
    this.#catchingUp = new CatchingUp(() => this.#queueStatePush());
    this.setOverloaded(deps.overloaded());
    this.#watchCapture();
    const { connection } = start;
    this.#monitor = new FeedMonitor({
      connection: { id: connection.id, name: connection.name },
      rules: connection.alerts,
      watchdog: connection.watchdog.enabled ? connection.watchdog : null,
      book: deps.book,
      captureId: () => this.#capture.id,
      clock: deps.clock,
    });
    this.#warnRuleProblems(this.#monitor.ruleProblems);
  }

  /** Starts a capture for the connection; connect() starts the connection. */
  static async open(id: string, start: LiveStart, deps: LiveSessionDeps, answer: SessionAnswer): Promise<LiveSession> {
    fetchFor(deps, start.resolved); // a TLS setting that cannot work fails before a capture starts
    const capture = await LiveSession.#newCapture(start, deps);
    const live = new LiveSession(id, start, capture, deps, answer);
    void deps.capturesChanged();
    return live;
  }

  get store(): RecordStore {
    return this.#capture.store;
  }

  get captureId(): string {
    return this.#capture.id;
  }

  get paused(): boolean {
    return this.#batcher.paused;
  }

  /** The saved connection as it applies now. */
  get connection(): SavedConnection {
    return this.#start.connection;
  }

  /** The request the current (or last) connection sent. */
  get resolved(): Resolved {
    return this.#inUse;
  }

  view(): SessionView {
    const store = this.store;
    return {
      id: this.id,
      connectionId: this.connectionId,
      kind: this.#start.connection.kind,
      name: this.#start.connection.name,
      url: displayUrl(this.#inUse),
      status: statusOf(this.#session?.state ?? 'idle'), // about to connect
      detail: this.#detail.text,
      closedReason: this.#detail.closedReason,
      captureId: this.#capture.id,
      paused: this.#batcher.paused,
      catchingUp: this.#catchingUp.on,
      lastSeq: store.lastSeq,
      firstSeq: store.firstSeq,
    };
  }

  /** Connects if not connected; `start` (the connection as saved now) replaces the request. */
  connect(start?: LiveStart): void {
    if (this.#disposed) return;
    if (this.#session && this.#session.state !== 'closed') return;
    this.#restart.cancel();
    const failure = this.store.captureError;
    if (failure)
      throw failed(`The capture file could not be written (${failure.message}): clear the session to record into a new capture.`);
    const full = this.#sizeLimitReached();
    if (full) throw failed(`${full} Clear the session to record into a new capture, or raise the limit in Settings.`);
    if (start) this.updateConnection(start.connection, start.resolved);
    this.#inUse = this.#start.resolved;
    this.#mask = secretMaskFor(this.#inUse);
    const { tls: _tls, ...request } = this.#inUse.request;
    // The timeline goes on: numbering continues, and so does the last event id.
    const lastEventId = this.#session?.lastEventId || request.lastEventId;
    this.#detail.reset();
    const session = new Session({
      ...request,
      ...(lastEventId ? { lastEventId } : {}),
      reconnect: reconnectFor(this.#start.connection, request.reconnect),
      secretHeaders: this.#mask.headerNames,
      // Read no faster than the capture file is written, in the slices the event loop gives.
      fetch: pacedFetch(fetchFor(this.#deps, this.#inUse), () => this.#captureCaughtUp() ?? this.#deps.ingestSlice()),
      seqStart: this.store.lastSeq,
      clock: this.#deps.clock,
      onRecords: (records) => this.#onRecords(records),
      onState: (state) => this.#onState(state),
    });
    this.#session = session;
    session.start();
    this.#monitor.start();
  }

  disconnect(): void {
    this.#restart.cancel();
    this.#session?.close();
  }

  /** Drops the connection and connects again at once (or connects, if closed). */
  reconnect(start?: LiveStart): void {
    if (this.#session && this.#session.state !== 'closed') this.#session.restart();
    else this.connect(start);
  }

  setPaused(paused: boolean): void {
    if (!paused && this.#batcher.paused) this.#feed.skipStored();
    this.#batcher.setPaused(paused);
    this.#queueStatePush();
  }

  /** The app became overloaded, or no longer is: live delivery slows down, or back to normal. */
  setOverloaded(overloaded: boolean): void {
    this.#batcher.setPace(overloaded ? OVERLOAD_PACE : NORMAL_PACE);
    this.#catchingUp.setOverloaded(overloaded);
  }

  /**
   * The saved connection changed: its name and alert rules apply now, its request (when it
   * resolves; null keeps the current one) at the next connect.
   */
  updateConnection(connection: LiveStart['connection'], resolved: LiveStart['resolved'] | null): void {
    this.#start = { connection, resolved: resolved ?? this.#start.resolved };
    this.#warnRuleProblems(this.#monitor.setRules(connection.alerts));
    this.#monitor.setWatchdog(connection.watchdog.enabled ? connection.watchdog : null);
    this.#monitor.rename(connection.name);
    this.#queueStatePush();
  }

  /** An empty timeline in a new capture; the connection (if open) stays open. Clears run one at a time. */
  clear(): Promise<void> {
    const run = this.#clearing.then(() => this.#clearOnce());
    this.#clearing = run.catch(() => {});
    return run;
  }

  async #clearOnce(): Promise<void> {
    const old = this.#capture;
    const next = await LiveSession.#newCapture({ connection: this.#start.connection, resolved: this.#inUse }, this.#deps);
    if (this.#disposed) {
      await next.finish();
      return;
    }
    this.#stopCaptureErrors();
    this.#capture = next;
    this.#watchCapture(old.store.lastSeq);
    this.#batcher.clear();
    this.#unmasked.clear();
    this.#meter.reset();
    this.search.reset();
    this.answer.reset(next.id);
    await old.finish();
    void this.#deps.capturesChanged();
    this.#queueStatePush();
  }

  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#restart.cancel();
    this.#session?.close(); // its last records (closed) still reach the capture
    this.#batcher.dispose();
    this.#feed.dispose();
    this.#catchingUp.dispose();
    this.#monitor.dispose();
    this.answer.dispose();
    this.#deps.stats.forget(this.id);
    this.#stopCaptureErrors();
    await this.#capture.finish();
  }

  /** Ends the capture (a request's run is over): its records and counts are final; reads go on. */
  finishCapture(): Promise<void> {
    return this.#capture.finish();
  }

  static #newCapture(start: LiveStart, deps: LiveSessionDeps): Promise<LiveCapture> {
    const { connection } = start;
    return deps.library.create(
      {
        name: connection.name,
        connection: { id: connection.id, name: connection.name },
        url: displayUrl(start.resolved),
        kind: connection.kind,
        llmFormat: connection.llmFormat,
        request: maskedRequest(start.resolved),
      },
      { windowSize: deps.windowSize(), windowBytes: deps.windowBytes() },
    );
  }

  /** The record as it arrived, when its secrets were masked and the original is still kept; otherwise the record. */
  unmasked(record: SseRecord): SseRecord {
    return this.#unmasked.original(record);
  }

  /** Masked records of this timeline whose originals were not kept (see UnmaskedRecords). */
  get unmaskedMissed(): number {
    return this.#unmasked.missed;
  }

  #onRecords(arrived: SseRecord[]): void {
    if (this.#disposed && arrived.every((record) => record.kind !== 'closed')) return;
    const records = this.#mask.records(arrived);
    this.#unmasked.keep(arrived, records);
    try {
      this.store.append(records);
    } catch (error) {
      this.#deps.notice({
        level: 'error',
        message: `Session ${this.#start.connection.name}: records could not be stored: ${messageOf(error)}`,
      });
      return;
    }
    if (this.#disposed) return;
    const full = this.#sizeLimitReached();
    if (full) this.#session?.close('limit', full); // its closed record comes next, past the limit by one line
    this.#monitor.record(records);
    this.#restart.check(records, this.#start.connection);
    this.#meter.record(records);
    if (this.#detail.update(records)) this.#queueStatePush();
    this.#feed.arrived();
    this.answer.add(records);
  }

  /** What the capture has reached, when it has reached settings.maxCaptureMb; null while it may grow. */
  #sizeLimitReached(): string | null {
    const max = this.#deps.maxCaptureBytes();
    if (max === null || this.store.captureBytes < max) return null;
    return `The capture reached its size limit of ${formatMegabytes(max)} (Settings: maximum capture size).`;
  }

  /** Null when the capture file keeps up; else waits for it (and the view is catching up). */
  #captureCaughtUp(): Promise<void> | null {
    const waiting = this.store.captureCaughtUp(this.#deps.captureBacklogBytes());
    if (waiting) this.#catchingUp.heldBack();
    return waiting;
  }

  #onState(state: SessionState): void {
    if (this.#disposed) return;
    if (state === 'closed') this.#deps.stats.unwatch(this.id);
    else this.#deps.stats.watch(this.id, this.#meter);
    this.#queueStatePush();
  }

  /**
   * One 'session:state' push per change, sent after the records that explain it: the Session
   * changes state and then hands over its records in the same turn.
   */
  #queueStatePush(): void {
    if (this.#statePushQueued || this.#disposed) return;
    this.#statePushQueued = true;
    queueMicrotask(() => {
      this.#statePushQueued = false;
      if (!this.#disposed) this.#deps.push('session:state', this.view());
    });
  }

  statsView(): SessionStatsView {
    return this.#meter.view(this.id);
  }

  /** The overview's tile for this feed. */
  tile(): FeedTile {
    return { sessionId: this.id, monitored: isMonitored(this.#start.connection), ...this.#monitor.overview() };
  }

  #warnRuleProblems(problems: readonly string[]): void {
    for (const problem of problems) this.#deps.notice({ level: 'warning', message: `${this.#start.connection.name}: ${problem}` });
  }

  /** `afterSeq`: the seq the timeline goes on from (after a clear, the old capture's last). */
  #watchCapture(afterSeq?: number): void {
    this.#feed.attach(this.#capture.store, afterSeq);
    this.#stopCaptureErrors = this.#capture.store.onCaptureError((error) => {
      this.#deps.notice({
        level: 'error',
        message: `Recording "${this.#start.connection.name}" to its capture file failed: ${error.message}`,
      });
      // Reading on would keep records only in memory, where they are dropped as the window moves.
      this.#session?.close('failed', `Recording stopped: the capture file could not be written (${error.message}).`);
    });
  }
}

/** The HTTP client for a request's TLS options; a CA file that cannot be read is the user's to fix. */
function fetchFor(deps: LiveSessionDeps, resolved: Resolved): FetchFunction {
  try {
    return deps.fetchFor(resolved.request.tls);
  } catch (error) {
    throw failed(`The connection's TLS settings cannot be used: ${messageOf(error)}`);
  }
}

/** The URL as requested, with its secrets masked. */
function displayUrl(resolved: Resolved): string {
  return secretMaskFor(resolved).url(resolved.request.url);
}

function statusOf(state: SessionState): SessionView['status'] {
  return state === 'idle' ? 'connecting' : state;
}

function formatMegabytes(bytes: number): string {
  return `${formatCount(bytes / (1024 * 1024))} MB`;
}
