// A Session is one saved connection brought to life: it opens the request, parses the stream,
// reconnects, and reports everything that happens as numbered records. It is a small state
// machine in the manner of the `eventsource` package's client: private fields, an explicit state,
// an AbortController per attempt that close() aborts, and the fetch function injected.

import { attemptConnection, type StreamRequest } from './connection-attempt.ts';
import { DEFAULT_LIMIT_BYTES, EventStreamParser, StreamLimitError, type ParserLimits, type ParserSink } from './event-stream-parser.ts';
import type { FetchFunction, FetchResponseLike } from './fetch-types.ts';
import type { ClosedReason, ReconnectReason, SseRecord, UnsequencedRecord } from './records.ts';
import { DEFAULT_RECONNECT, ReconnectPolicy, type ReconnectSettings } from './reconnect-policy.ts';

export type SessionState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface SessionOptions {
  url: string;
  method?: string;
  /** Extra request headers; they override the defaults (Accept, Cache-Control) by name. */
  headers?: Record<string, string>;
  /** Sent with the first request and again with every reconnect. */
  body?: string;
  /** Sent as Last-Event-ID on the first request. */
  lastEventId?: string;
  fetch: FetchFunction;
  reconnect?: Partial<ReconnectSettings>;
  /** Give up on an attempt whose response headers take longer than this (0: never). */
  connectTimeoutMs?: number;
  /** End an attempt that receives no bytes for this long, then reconnect (0: never). */
  idleTimeoutMs?: number;
  limits?: Partial<ParserLimits>;
  /** Records in order, in batches (one per chunk read, or per lifecycle step). */
  onRecords: (records: SseRecord[]) => void;
  onState?: (state: SessionState) => void;
  /** Epoch milliseconds; injectable for tests. */
  clock?: () => number;
  random?: () => number;
}

export interface SessionStats {
  attempts: number;
  events: number;
  /** Body bytes received over all attempts. */
  bytes: number;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;

type AbortCause = 'close' | 'restart' | 'idle-timeout' | 'connect-timeout';

export class Session {
  readonly #options: SessionOptions;
  readonly #request: StreamRequest;
  readonly #parser: EventStreamParser;
  readonly #policy: ReconnectPolicy;
  readonly #clock: () => number;
  readonly #connectTimeoutMs: number;
  readonly #idleTimeoutMs: number;

  #state: SessionState = 'idle';
  #seq = 0;
  #batch: SseRecord[] = [];
  #chunkTime = 0;
  #stats: SessionStats = { attempts: 0, events: 0, bytes: 0 };

  #controller: AbortController | null = null;
  #abortCause: AbortCause | null = null;
  #reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  #watchdog: ReturnType<typeof setTimeout> | null = null;
  #lastByteAt = 0;

  constructor(options: SessionOptions) {
    this.#options = options;
    this.#clock = options.clock ?? Date.now;
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
    // [spec] Accept: text/event-stream, and no caching of an event stream.
    const headers: Record<string, string> = { accept: 'text/event-stream', 'cache-control': 'no-cache' };
    for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
    this.#request = { url: options.url, method: (options.method ?? 'GET').toUpperCase(), headers, body: options.body };
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
    void this.#connect();
  }

  /** Stop for good: abort the open attempt or cancel the pending reconnect. */
  close(reason: ClosedReason = 'closed'): void {
    if (this.#state === 'closed' || this.#state === 'idle') {
      if (this.#state === 'idle') this.#finish(reason);
      return;
    }
    this.#abort('close');
    this.#finish(reason);
  }

  /** Drop the connection and reconnect at once (no error: the drop is ours). */
  restart(): void {
    if (this.#state === 'closed' || this.#state === 'idle') return;
    this.#abort('restart');
    this.#clearReconnectTimer();
    this.#parser.reset();
    this.#emit({ kind: 'reconnect', delayMs: 0, lastEventId: this.lastEventId, reason: 'restart', attempt: this.#stats.attempts + 1 });
    this.#flush();
    void this.#connect();
  }

  async #connect(): Promise<void> {
    const attempt = ++this.#stats.attempts;
    const controller = new AbortController();
    this.#controller = controller;
    this.#abortCause = null;
    this.#setState('connecting');

    const request = { ...this.#request, headers: { ...this.#request.headers } };
    // [spec] If the last event ID string is not empty, send it as Last-Event-ID.
    if (this.lastEventId !== '') request.headers['last-event-id'] = this.lastEventId;

    const sentAt = performance.now();
    const connectTimer =
      this.#connectTimeoutMs > 0 ? setTimeout(() => this.#abort('connect-timeout'), this.#connectTimeoutMs) : null;
    let outcome;
    try {
      outcome = await attemptConnection(this.#options.fetch, request, controller.signal);
    } catch (error) {
      if (connectTimer) clearTimeout(connectTimer);
      if (this.#controller !== controller) return; // closed or restarted meanwhile
      if (this.#abortCause === 'connect-timeout') {
        this.#retryOrFail(`No response within ${this.#connectTimeoutMs} ms (connect timeout)`, 'timeout', 0);
      } else {
        // [spec] A network error: reestablish the connection.
        this.#retryOrFail(`Connection failed: ${describeError(error)}`, 'network-error', 0);
      }
      return;
    }
    if (connectTimer) clearTimeout(connectTimer);
    if (this.#controller !== controller) return;

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
        this.#emit({ kind: 'error', message: outcome.message, ...extra });
        this.#finish('failed');
      }
      return;
    }

    // [spec] Announce the connection.
    const headers: Record<string, string> = {};
    outcome.response.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
    const openedAt = performance.now();
    this.#emit({ kind: 'open', status: 200, headers, url: outcome.url, ttfbMs: Math.round(openedAt - sentAt), attempt });
    this.#setState('open');
    this.#flush();
    await this.#read(outcome.response, controller, openedAt);
  }

  async #read(response: FetchResponseLike, controller: AbortController, openedAt: number): Promise<void> {
    this.#parser.reset();
    this.#lastByteAt = performance.now();
    this.#armWatchdog();
    const reader = response.body!.getReader();
    let failure: { message: string; reason: ReconnectReason } | null = null;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (this.#controller !== controller) return;
        this.#lastByteAt = performance.now();
        this.#chunkTime = this.#clock();
        this.#stats.bytes += value.byteLength;
        this.#parser.feed(value);
        this.#flush();
      }
    } catch (error) {
      if (this.#controller !== controller && this.#abortCause !== 'idle-timeout') return;
      if (error instanceof StreamLimitError) {
        failure = { message: error.message, reason: 'stream-error' };
        controller.abort();
      } else if (this.#abortCause === 'idle-timeout') {
        failure = { message: `No data received for ${this.#idleTimeoutMs} ms (idle timeout)`, reason: 'timeout' };
      } else if (this.#abortCause) {
        return;
      } else {
        failure = { message: `Connection lost: ${describeError(error)}`, reason: 'network-error' };
      }
    } finally {
      this.#clearWatchdog();
      reader.cancel().catch(() => {});
    }
    if (this.#state === 'closed') return;
    this.#flush(); // records parsed before a limit error
    // [spec] The unterminated tail of a stream that ends is discarded.
    this.#parser.end();
    const openFor = performance.now() - openedAt;
    if (failure) {
      this.#retryOrFail(failure.message, failure.reason, openFor);
    } else if (this.#policy.settings.enabled) {
      this.#scheduleReconnect('stream-ended', openFor);
    } else {
      this.#finish('ended');
    }
  }

  /** An attempt failed in a way the spec reconnects after (or, for HTTP errors, a setting does). */
  #retryOrFail(message: string, reason: ReconnectReason, openForMs: number, extra: { status?: number; body?: string } = {}): void {
    if (!this.#policy.settings.enabled) {
      this.#emit({ kind: 'error', message, ...extra });
      this.#finish('failed');
      return;
    }
    const delayMs = this.#policy.nextDelay(openForMs);
    this.#emit({ kind: 'error', message, ...extra, retryInMs: delayMs });
    this.#scheduleReconnect(reason, openForMs, delayMs);
  }

  #scheduleReconnect(reason: ReconnectReason, openForMs: number, delayMs = this.#policy.nextDelay(openForMs)): void {
    this.#controller = null;
    this.#emit({ kind: 'reconnect', delayMs, lastEventId: this.lastEventId, reason, attempt: this.#stats.attempts + 1 });
    this.#setState('reconnecting');
    this.#flush();
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = null;
      void this.#connect();
    }, delayMs);
  }

  #finish(reason: ClosedReason): void {
    if (this.#state === 'closed') return;
    this.#clearReconnectTimer();
    this.#clearWatchdog();
    this.#controller = null;
    this.#emit({ kind: 'closed', reason });
    this.#setState('closed');
    this.#flush();
  }

  #abort(cause: AbortCause): void {
    const controller = this.#controller;
    if (!controller) return;
    this.#abortCause = cause;
    // A timeout keeps ownership so the reader reports it; close and restart let go at once.
    if (cause === 'close' || cause === 'restart') this.#controller = null;
    controller.abort();
  }

  // The idle watchdog: one timer, re-armed for the remaining time instead of on every chunk.
  #armWatchdog(): void {
    if (this.#idleTimeoutMs <= 0) return;
    const remaining = this.#idleTimeoutMs - (performance.now() - this.#lastByteAt);
    this.#watchdog = setTimeout(() => {
      this.#watchdog = null;
      if (performance.now() - this.#lastByteAt >= this.#idleTimeoutMs) this.#abort('idle-timeout');
      else this.#armWatchdog();
    }, Math.max(1, remaining));
  }

  #clearWatchdog(): void {
    if (this.#watchdog) clearTimeout(this.#watchdog);
    this.#watchdog = null;
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
    const time = record.kind === 'event' || record.kind === 'comment' || record.kind === 'retry' ? this.#chunkTime : this.#clock();
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
      const record: SseRecord =
        id === undefined
          ? { seq: ++this.#seq, time: this.#chunkTime, kind: 'event', type, data, lastEventId, size }
          : { seq: ++this.#seq, time: this.#chunkTime, kind: 'event', type, data, lastEventId, id, size };
      this.#batch.push(record);
    },
    comment: (text, size) => this.#emit({ kind: 'comment', text, size }),
    retry: (ms) => {
      this.#policy.setReconnectionTime(ms);
      this.#emit({ kind: 'retry', ms });
    },
  };
}

function urlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `Invalid URL: ${url}`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return `Unsupported URL scheme ${parsed.protocol} (use http: or https:)`;
  }
  return null;
}

/** Node's fetch hides the reason in `cause` ("fetch failed" -> "connect ECONNREFUSED ..."). */
function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof Error && cause.message) return cause.message;
    if (cause && typeof cause === 'object' && 'code' in cause) return String((cause as { code: unknown }).code);
    return error.message;
  }
  return String(error);
}
