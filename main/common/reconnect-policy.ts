// When to try again. The spec's rule is simple: wait the reconnection time (3 s, or what the
// server's `retry:` field says) and reconnect. We follow it exactly for the first reconnect after
// a healthy connection; a run of failures backs off exponentially with jitter up to a cap, so a
// dead server is not hammered, and a connection that stays up for a healthy period resets it.

export interface ReconnectSettings {
  /** Reconnect at all after the stream ends or the network fails. */
  enabled: boolean;
  /** The reconnection time before any `retry:` field arrives. [spec] default: a few seconds. */
  initialDelayMs: number;
  /** Backoff never waits longer than this (unless the server's own `retry` is longer). */
  maxDelayMs: number;
  /** A connection that stays open this long counts as healthy and resets the backoff. */
  resetAfterMs: number;
  /**
   * Retry after an HTTP error status or a wrong content type too. The spec says no ("fail the
   * connection"); a monitoring feed that should ride out a 503 wants yes.
   */
  retryHttpErrors: boolean;
}

export const DEFAULT_RECONNECT: ReconnectSettings = {
  enabled: true,
  initialDelayMs: 3000,
  maxDelayMs: 30_000,
  resetAfterMs: 60_000,
  retryHttpErrors: false,
};

/** setTimeout cannot wait longer than this; a larger `retry:` value is clamped to it. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Backoff doubles at least this much, so a server that says `retry: 0` and then keeps failing
 * is not reconnected to in a tight loop. The first reconnect still waits exactly the spec's time.
 */
export const MIN_BACKOFF_STEP_MS = 100;

export class ReconnectPolicy {
  readonly settings: ReconnectSettings;
  readonly #random: () => number;
  #reconnectionTimeMs: number;
  #failures = 0;

  constructor(settings: ReconnectSettings, random: () => number = Math.random) {
    this.settings = settings;
    this.#random = random;
    this.#reconnectionTimeMs = settings.initialDelayMs;
  }

  /** The current reconnection time (the server's `retry`, or the initial delay). */
  get reconnectionTimeMs(): number {
    return this.#reconnectionTimeMs;
  }

  /** [spec] a `retry` field of ASCII digits sets the reconnection time. */
  setReconnectionTime(ms: number): void {
    this.#reconnectionTimeMs = Math.min(ms, MAX_TIMER_MS);
  }

  /**
   * An attempt ended. `openForMs` is how long it had been open (0 if it never opened),
   * `eventsReceived` how many events it delivered. Returns the delay before the next attempt.
   * An attempt that delivered events, or stayed open for the healthy period, was healthy: the
   * next reconnect waits exactly the reconnection time again. Only attempts that produced
   * nothing (refused, failed, ended at once) build up the backoff.
   */
  nextDelay(openForMs: number, eventsReceived = 0): number {
    if (openForMs >= this.settings.resetAfterMs || eventsReceived > 0) this.#failures = 0;
    this.#failures++;
    const base = this.#reconnectionTimeMs;
    // [spec] wait the reconnection time (then, optionally, some more: the backoff below).
    if (this.#failures === 1) return base;
    const step = Math.max(base, MIN_BACKOFF_STEP_MS);
    const backedOff = Math.min(this.settings.maxDelayMs, step * 2 ** (this.#failures - 1));
    const ceiling = Math.max(base, backedOff);
    // "Equal jitter": half fixed, half random, so clients that failed together spread out.
    const jittered = ceiling / 2 + (this.#random() * ceiling) / 2;
    return Math.min(MAX_TIMER_MS, Math.max(base, Math.round(jittered)));
  }
}
