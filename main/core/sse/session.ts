// A Session is one saved connection brought to life: it opens the request, parses the stream,
// reconnects, and reports everything that happens as numbered records. It is a small state
// machine in the manner of the `eventsource` package's client: private fields, an explicit state,
// an AbortController per attempt that close() aborts, and the fetch function injected.
//
// Callbacks (onRecords, onState) may call close() or restart(): every step that hands control to
// them checks afterwards that its attempt is still the current one, so a closed session emits
// nothing more and leaves no timer behind.

import { DEFAULT_CONNECT_TIMEOUT_MS } from '../../common/engine-defaults.ts';
import { attemptConnection, describeFetchError, urlProblem, type StreamRequest } from './connection-attempt.ts';
import { DEFAULT_LIMIT_BYTES, EventStreamParser, StreamLimitError, type ParserLimits, type ParserSink } from './event-stream-parser.ts';
import { newEventRecord } from './event-record.ts';
import type { FetchFunction, FetchResponseLike } from './fetch-types.ts';
import { NdjsonParser } from './ndjson-parser.ts';
import type { BodyFraming, ClosedReason, EpochMs, ReconnectReason, SseRecord, UnsequencedRecord } from '../../common/records.ts';
import { DEFAULT_RECONNECT, ReconnectPolicy, type ReconnectSettings } from '../../common/reconnect-policy.ts';

export type SessionState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface SessionOptions {
  url: string;
  method?: string;
  /** Extra request headers; they override the defaults (Accept, Cache-Control) by name. */
  headers?: Record<string, string>;
  /** Sent with the first request and again with every reconnect. */
  body?: string;
  /** Header names that never follow a redirect to another origin (Authorization and Cookie never do). */
  secretHeaders?: readonly string[];
  /** Sent as Last-Event-ID on the first request. */
  lastEventId?: string;
  fetch: FetchFunction;
  reconnect?: Partial<ReconnectSettings>;
  /** Give up on an attempt whose response headers take longer than this (0: never). */
  connectTimeoutMs?: number;
  /** End an attempt that receives no bytes for this long, then reconnect (0: never). */
  idleTimeoutMs?: number;
  limits?: Partial<ParserLimits>;
  /**
   * Read NDJSON bodies (application/x-ndjson, application/jsonl, application/json-lines) as one
   * event per line (default true). False refuses them, as a spec-following EventSource does.
   */
  ndjson?: boolean;
  /** Records in order, in batches (one per chunk read, or per lifecycle step). */
  onRecords: (records: SseRecord[]) => void;
  onState?: (state: SessionState) => void;
  /** Epoch milliseconds; injectable for tests. */
  clock?: () => number;
  random?: () => number;
  /** Number records after this seq: a session that continues an earlier one's timeline. */
  seqStart?: number;
}

export interface SessionStats {
  attempts: number;
  events: number;
  /** Body bytes received over all attempts. */
  bytes: number;
}

export { DEFAULT_CONNECT_TIMEOUT_MS };

/**
 * The headers a Session sends (before Last-Event-ID): the defaults, which the given headers
 * override by name, names lower-case. Also what the app shows as the request that was sent.
 */
export function streamRequestHeaders(extra: Readonly<Record<string, string>>): Record<string, string> {
  // [spec] Accept: text/event-stream, and no caching of an event stream.
  const headers: Record<string, string> = { accept: 'text/event-stream', 'cache-control': 'no-cache' };
  for (const [name, value] of Object.entries(extra)) headers[name.toLowerCase()] = value;
  return headers;
}

type AbortCause = 'close' | 'restart' | 'idle-timeout' | 'connect-timeout';

/** One connection attempt: its own abort controller, its own timer, its own reason to stop. */
interface Attempt {
  number: number;
  controller: AbortController;
  /** Set when the Session aborted this attempt on purpose. */
  abortCause: AbortCause | null;
  /** The connect timeout while waiting for headers, then the idle watchdog while reading. */
  timer: ReturnType<typeof setTimeout> | null;
  lastByteAt: number;
}

export class Session {
  readonly #options: SessionOptions;
  readonly #request: StreamRequest;
  readonly #parser: EventStreamParser;
  /** Made for the first NDJSON body. */
  #ndjsonParser: NdjsonParser | null = null;
  readonly #policy: ReconnectPolicy;
  readonly #clock: () => number;
  readonly #connectTimeoutMs: number;
  readonly #idleTimeoutMs: number;

  #state: SessionState = 'idle';
  #seq = 0;
  #batch: SseRecord[] = [];
  /**
   * Receive time of the chunk being parsed, shared by every record it completes. Null until the
   * first chunk: having held null, the field keeps a reference to a number that the event records
   * can share, instead of a number of its own that each record would copy (see newEventRecord).
   */
  #chunkTime: EpochMs | null = null;
  #stats: SessionStats = { attempts: 0, events: 0, bytes: 0 };

  /** The attempt in progress; null while waiting to reconnect and once closed. */
  #attempt: Attempt | null = null;
  #reconnectTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(options: SessionOptions) {
    this.#options = options;
    this.#clock = options.clock ?? Date.now;
    this.#seq = options.seqStart ?? 0;
    this.#connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    this.#idleTimeoutMs = options.idleTimeoutMs ?? 0;
    this.#policy = new ReconnectPolicy({ ...DEFAULT_RECONNECT, ...options.reconnect }, options.random);
    this.#parser = new EventStreamParser(
      this.#sink,
      {
        maxLineBytes: options.limits?.maxLineBytes ?? DEFAULT_LIMIT_BYTES,
        maxEventBytes: options.limits?.maxEventBytes ?? DEFAULT_LIMIT_BYTES,
      },
      options.lastEventId ?? '',
    );
    const headers = streamRequestHeaders(options.headers ?? {});
    this.#request = {
      url: options.url,
      method: (options.method ?? 'GET').toUpperCase(),
      headers,
      body: options.body,
      secretHeaders: (options.secretHeaders ?? []).map((name) => name.toLowerCase()),
    };
  }

  get state(): SessionState {
    return this.#state;
  }

  get lastEventId(): string {
    return this.#parser.lastEventId;
  }

  get stats(): Readonly<SessionStats> {
    return this.#stats;
  }

  /** Sequence number of the last record emitted. */
  get lastSeq(): number {
    return this.#seq;
  }

  start(): void {
    if (this.#state !== 'idle') throw new Error(`Session already started (state: ${this.#state})`);
    const problem = urlProblem(this.#request.url);
    if (problem) {
      this.#emit({ kind: 'error', message: problem });
      this.#finish('failed');
      return;
    }
    this.#launch();
  }

  /**
   * Stop for good: abort the open attempt or cancel the pending reconnect. `message` goes into the
   * closed record, when the reason alone does not say why (which limit was reached).
   */
  close(reason: ClosedReason = 'closed', message?: string): void {
    this.#finish(reason, message);
  }

  /** Drop the connection and reconnect at once (no error: the drop is ours). */
  restart(): void {
    if (this.#state === 'closed' || this.#state === 'idle') return;
    if (this.#attempt) this.#abort(this.#attempt, 'restart');
    this.#clearReconnectTimer();
    this.#emit({ kind: 'reconnect', delayMs: 0, lastEventId: this.lastEventId, reason: 'restart', attempt: this.#stats.attempts + 1 });
    this.#launch();
    this.#flush();
  }

  /** Start an attempt. An exception that escapes it is a bug: end the session visibly. */
  #launch(): void {
    this.#connect().catch((error: unknown) => {
      if (this.#state === 'closed') return;
      this.#emit({ kind: 'error', message: `Internal error: ${describeFetchError(error)}` });
      this.#finish('failed');
    });
  }

  async #connect(): Promise<void> {
    const attempt: Attempt = {
      number: ++this.#stats.attempts,
      controller: new AbortController(),
      abortCause: null,
      timer: null,
      lastByteAt: 0,
    };
    this.#attempt = attempt;
    this.#setState('connecting');
    if (!this.#isCurrent(attempt)) return;

    const request = { ...this.#request, headers: { ...this.#request.headers } };
    // [spec] If the last event ID string is not empty, send it as Last-Event-ID.
    if (this.lastEventId !== '') request.headers['last-event-id'] = this.lastEventId;

    const sentAt = performance.now();
    if (this.#connectTimeoutMs > 0) {
      attempt.timer = setTimeout(() => this.#abort(attempt, 'connect-timeout'), this.#connectTimeoutMs);
    }
    let outcome;
    try {
      outcome = await attemptConnection(this.#options.fetch, request, attempt.controller.signal, this.#options.ndjson !== false);
    } catch (error) {
      this.#clearTimer(attempt);
      if (!this.#isCurrent(attempt)) return; // closed or restarted meanwhile
      if (attempt.abortCause === 'connect-timeout') {
        this.#retryOrFail(`No response within ${this.#connectTimeoutMs} ms (connect timeout)`, 'timeout', 0);
      } else {
        // [spec] A network error: reestablish the connection.
        this.#retryOrFail(`Connection failed: ${describeFetchError(error)}`, 'network-error', 0);
      }
      return;
    }
    this.#clearTimer(attempt);
    if (!this.#isCurrent(attempt)) {
      if (outcome.kind === 'open') outcome.response.body?.cancel().catch(() => {});
      return;
    }

    if (outcome.kind === 'no-content') {
      // [spec] HTTP 204 No Content: fail the connection; the client must not reconnect.
      this.#finish('no-content');
      return;
    }
    if (outcome.kind === 'rejected') {
      const extra = { status: outcome.status, ...(outcome.body ? { body: outcome.body } : {}) };
      if (this.#policy.settings.retryHttpErrors) {
        this.#retryOrFail(outcome.message, 'http-error', 0, extra);
      } else {
        // [spec] Any other status or content type: fail the connection (no reconnect).
        this.#emit({ kind: 'error', message: outcome.message, ...extra });
        this.#finish('failed');
      }
      return;
    }

    // [spec] Announce the connection.
    const { response } = outcome;
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
    const openedAt = performance.now();
    this.#emit({
      kind: 'open',
      status: response.status,
      headers,
      url: outcome.url,
      ttfbMs: Math.round(openedAt - sentAt),
      attempt: attempt.number,
      framing: outcome.framing,
    });
    this.#setState('open');
    this.#flush();
    if (!this.#isCurrent(attempt)) {
      response.body?.cancel().catch(() => {});
      return;
    }
    await this.#read(response, attempt, openedAt, outcome.framing);
  }

  async #read(response: FetchResponseLike, attempt: Attempt, openedAt: number, framing: BodyFraming): Promise<void> {
    const eventsBefore = this.#stats.events;
    const parser = framing === 'ndjson' ? (this.#ndjsonParser ??= new NdjsonParser(this.#sink, this.#parser.limits)) : this.#parser;
    // [spec] A new stream: the unterminated line and event of the last one are gone.
    parser.reset();
    let failure: { message: string; reason: ReconnectReason } | null = null;
    const reader = response.body?.getReader();
    if (reader) {
      attempt.lastByteAt = performance.now();
      this.#armWatchdog(attempt);
      try {
        for (;;) {
          let chunk;
          try {
            chunk = await reader.read();
          } catch (error) {
            if (attempt.abortCause === 'idle-timeout') {
              failure = { message: `No data received for ${this.#idleTimeoutMs} ms (idle timeout)`, reason: 'timeout' };
            } else {
              // [spec] A network error while reading: reestablish the connection.
              failure = { message: `Connection lost: ${describeFetchError(error)}`, reason: 'network-error' };
            }
            break;
          }
          if (!this.#isCurrent(attempt) || chunk.done) break;
          attempt.lastByteAt = performance.now();
          this.#chunkTime = this.#clock();
          this.#stats.bytes += chunk.value.byteLength;
          try {
            parser.feed(chunk.value);
          } catch (error) {
            if (!(error instanceof StreamLimitError)) throw error;
            failure = { message: error.message, reason: 'stream-error' };
          }
          this.#flush(); // including the records parsed before a limit error
          if (failure) break;
        }
      } finally {
        // Release the connection whatever happened (a limit error leaves the body unread).
        this.#clearTimer(attempt);
        reader.cancel().catch(() => {});
        attempt.controller.abort();
      }
    }
    if (!this.#isCurrent(attempt)) return; // closed or restarted meanwhile
    // [spec] Incomplete events at the end of the stream are discarded. (A body cut short loses its
    // unfinished NDJSON line too; one that ended cleanly keeps a last line without a line break.)
    if (failure) parser.reset();
    else parser.end();
    const openFor = performance.now() - openedAt;
    const events = this.#stats.events - eventsBefore;
    if (failure) {
      this.#retryOrFail(failure.message, failure.reason, openFor, {}, events);
    } else if (this.#policy.settings.enabled) {
      // [spec] When the stream ends, reestablish the connection.
      this.#scheduleReconnect('stream-ended', this.#policy.nextDelay(openFor, events));
    } else {
      this.#finish('ended');
    }
  }

  /** An attempt failed in a way the spec reconnects after (or, for HTTP errors, a setting does). */
  #retryOrFail(
    message: string,
    reason: ReconnectReason,
    openForMs: number,
    extra: { status?: number; body?: string } = {},
    eventsReceived = 0,
  ): void {
    if (!this.#policy.settings.enabled) {
      this.#emit({ kind: 'error', message, ...extra });
      this.#finish('failed');
      return;
    }
    const delayMs = this.#policy.nextDelay(openForMs, eventsReceived);
    this.#emit({ kind: 'error', message, ...extra, retryInMs: delayMs });
    this.#scheduleReconnect(reason, delayMs);
  }

  // [spec] Wait the reconnection time, then, if the session was not closed, connect again.
  #scheduleReconnect(reason: ReconnectReason, delayMs: number): void {
    this.#attempt = null;
    this.#emit({ kind: 'reconnect', delayMs, lastEventId: this.lastEventId, reason, attempt: this.#stats.attempts + 1 });
    // The timer is set before the callbacks run, so a close() from inside them cancels it.
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = null;
      this.#launch();
    }, delayMs);
    this.#setState('reconnecting');
    this.#flush();
  }

  #finish(reason: ClosedReason, message?: string): void {
    if (this.#state === 'closed') return;
    this.#clearReconnectTimer();
    if (this.#attempt) this.#abort(this.#attempt, 'close');
    this.#emit({ kind: 'closed', reason, ...(message === undefined ? {} : { message }) });
    this.#setState('closed');
    this.#flush();
  }

  #isCurrent(attempt: Attempt): boolean {
    return this.#attempt === attempt;
  }

  #abort(attempt: Attempt, cause: AbortCause): void {
    attempt.abortCause = cause;
    this.#clearTimer(attempt);
    // A timeout keeps the attempt current so its reader reports it; close and restart let go.
    if ((cause === 'close' || cause === 'restart') && this.#attempt === attempt) this.#attempt = null;
    attempt.controller.abort();
  }

  // The idle watchdog: one timer, re-armed for the remaining time instead of on every chunk.
  #armWatchdog(attempt: Attempt): void {
    if (this.#idleTimeoutMs <= 0) return;
    const remaining = this.#idleTimeoutMs - (performance.now() - attempt.lastByteAt);
    attempt.timer = setTimeout(
      () => {
        attempt.timer = null;
        if (performance.now() - attempt.lastByteAt >= this.#idleTimeoutMs) this.#abort(attempt, 'idle-timeout');
        else this.#armWatchdog(attempt);
      },
      Math.max(1, remaining),
    );
  }

  #clearTimer(attempt: Attempt): void {
    if (attempt.timer) clearTimeout(attempt.timer);
    attempt.timer = null;
  }

  #clearReconnectTimer(): void {
    if (this.#reconnectTimer) clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = null;
  }

  #setState(state: SessionState): void {
    if (this.#state === state) return;
    this.#state = state;
    this.#options.onState?.(state);
  }

  #emit(record: UnsequencedRecord): void {
    const time = record.kind === 'event' || record.kind === 'comment' || record.kind === 'retry' ? this.#chunkTime! : this.#clock();
    this.#batch.push({ seq: ++this.#seq, time, ...record } as SseRecord);
  }

  #flush(): void {
    if (this.#batch.length === 0) return;
    const batch = this.#batch;
    this.#batch = [];
    this.#options.onRecords(batch);
  }

  // The parser's output, stamped with the arrival time of the chunk that completed it. Events are
  // built directly (not through #emit's spread) because this is the hot path.
  readonly #sink: ParserSink = {
    event: (type, data, lastEventId, id, size) => {
      this.#stats.events++;
      this.#batch.push(newEventRecord(++this.#seq, this.#chunkTime!, type, data, lastEventId, id, size));
    },
    comment: (text, size) => this.#emit({ kind: 'comment', text, size }),
    retry: (ms) => {
      this.#policy.setReconnectionTime(ms);
      // A digit string too long for a safe integer (or for a finite number at all) is clamped,
      // so the record stays an exact integer in JSON instead of 1e+23 or null.
      this.#emit({ kind: 'retry', ms: Math.min(ms, Number.MAX_SAFE_INTEGER) });
    },
  };
}
