// One feed of `sse-scope watch`: a Session for a saved connection, run as a monitored feed
// (reconnecting forever with its capped backoff, after HTTP errors too, and started again after
// its maximum delay when it closes all the same, e.g. on 204 No Content), its records saved into
// a capture of the library as the app saves them, and watched by a FeedMonitor (its alert rules
// and, unless turned off, the watchdog). stop() closes it: the closed record is saved, the
// capture finished, matches still held by the rate limit reported. Records are masked
// (secretMaskFor) before they are saved, watched or printed.

import type { SseRecord } from '../common/records.ts';
import { secretMaskFor } from '../core/config/variables.ts';
import type { SecretMask } from '../core/export/secret-mask.ts';
import type { AlertBook } from '../core/monitor/alert-book.ts';
import { FeedMonitor } from '../core/monitor/feed-monitor.ts';
import type { FetchFunction } from '../core/sse/fetch-types.ts';
import type { TlsOptions } from '../core/sse/node-fetch.ts';
import { Session } from '../core/sse/session.ts';
import type { CaptureLibrary } from '../core/store/capture-library.ts';
import { SavedCapture } from './capture-save.ts';
import { pacedFetch } from '../core/sse/paced-fetch.ts';
import type { WatchTarget } from './watch-targets.ts';

/** A feed that closes at once is not started again in a tight loop, whatever its settings say. */
const MIN_RESTART_DELAY_MS = 1_000;

export interface WatchedFeedDeps {
  library: CaptureLibrary;
  book: AlertBook;
  fetchFor(tls: TlsOptions): FetchFunction;
  /** Watch the feed's health (the connection's thresholds), or only its rules. */
  watchdog: boolean;
  /** A line for the user on stderr (a rule that is not watched, a capture that cannot be written). */
  warn(message: string): void;
}

export class WatchedFeed {
  readonly name: string;
  readonly monitor: FeedMonitor;
  readonly startedAt = Date.now();
  readonly #target: WatchTarget;
  readonly #capture: SavedCapture;
  readonly #fetch: FetchFunction;
  readonly #mask: SecretMask;
  #session: Session | null = null;
  #restartTimer: ReturnType<typeof setTimeout> | null = null;
  #lastSeq = 0;
  #lastEventId: string;
  /** Body bytes of the sessions before the current one. */
  #bytesBefore = 0;
  #stopping = false;

  private constructor(target: WatchTarget, capture: SavedCapture, deps: WatchedFeedDeps) {
    const { connection } = target;
    this.name = connection.name;
    this.#target = target;
    this.#capture = capture;
    this.#mask = secretMaskFor(target.resolved);
    this.#lastEventId = target.resolved.request.lastEventId ?? '';
    this.#fetch = pacedFetch(deps.fetchFor(target.resolved.request.tls), () => capture.ready());
    this.monitor = new FeedMonitor({
      connection: { id: connection.id, name: connection.name },
      rules: connection.alerts,
      watchdog: deps.watchdog ? connection.watchdog : null,
      book: deps.book,
      captureId: () => capture.id,
    });
    for (const problem of this.monitor.ruleProblems) deps.warn(`${connection.name}: ${problem}`);
    capture.onFailure = (error) => deps.warn(`${connection.name}: the capture ${capture.id} cannot be written: ${error.message}`);
  }

  /** Creates the feed's capture and connects. */
  static async start(target: WatchTarget, deps: WatchedFeedDeps): Promise<WatchedFeed> {
    const { connection, resolved } = target;
    const capture = await SavedCapture.create(deps.library, {
      name: connection.name,
      connection: { id: connection.id, name: connection.name },
      url: secretMaskFor(resolved).url(resolved.request.url),
    });
    const feed = new WatchedFeed(target, capture, deps);
    feed.monitor.start();
    feed.#connect();
    return feed;
  }

  get captureId(): string {
    return this.#capture.id;
  }

  /** Body bytes received, over every connection. */
  get bytes(): number {
    return this.#bytesBefore + (this.#session?.stats.bytes ?? 0);
  }

  /** Closes the feed and finishes its capture; resolves with the records saved. */
  async stop(): Promise<number> {
    this.#stopping = true;
    if (this.#restartTimer) clearTimeout(this.#restartTimer);
    this.#restartTimer = null;
    this.#session?.close('closed'); // its closed record is saved before close() returns
    this.monitor.dispose();
    const summary = await this.#capture.finish();
    return summary.records;
  }

  #connect(): void {
    const { tls: _tls, ...request } = this.#target.resolved.request;
    if (this.#session) this.#bytesBefore += this.#session.stats.bytes;
    const session = new Session({
      ...request,
      ...(this.#lastEventId ? { lastEventId: this.#lastEventId } : {}),
      // A monitored feed: reconnect forever (the policy caps the backoff), after HTTP errors too.
      reconnect: { ...request.reconnect, enabled: true, retryHttpErrors: true },
      secretHeaders: this.#mask.headerNames,
      fetch: this.#fetch,
      seqStart: this.#lastSeq,
      onRecords: (records) => this.#onRecords(records),
    });
    this.#session = session;
    session.start();
  }

  #onRecords(arrived: SseRecord[]): void {
    const records = this.#mask.records(arrived);
    this.#capture.write(records);
    this.monitor.record(records);
    const last = records[records.length - 1]!;
    this.#lastSeq = last.seq;
    if (last.kind !== 'closed' || this.#stopping) return;
    // Closed all the same (204 No Content, a failure the session does not retry): start again
    // after the longest backoff delay, continuing the timeline and the last event id.
    this.#lastEventId = this.#session?.lastEventId ?? this.#lastEventId;
    this.#restartTimer = setTimeout(
      () => {
        this.#restartTimer = null;
        if (!this.#stopping) this.#connect();
      },
      Math.max(MIN_RESTART_DELAY_MS, this.#target.resolved.request.reconnect.maxDelayMs),
    );
  }
}
