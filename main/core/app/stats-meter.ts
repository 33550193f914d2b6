// Live numbers for each session's status bar: events and bytes per second over a sliding window,
// totals, when the last event came, and the HTTP status and time to first byte of the current
// connection. A SessionMeter counts one session's records; the StatsTicker pushes every watched
// meter's numbers once a second, and holds no timer while nothing is live.

import type { PushSink, SessionStatsView } from '../../contract.ts';
import type { SseRecord } from '../../common/records.ts';

export const STATS_INTERVAL_MS = 1_000;
/** Rates are averaged over about this long. */
export const RATE_WINDOW_MS = 5_000;

interface Sample {
  at: number;
  events: number;
  bytes: number;
}

export class SessionMeter {
  #totalEvents = 0;
  #totalBytes = 0;
  #lastEventAt: number | null = null;
  #httpStatus: number | null = null;
  #ttfbMs: number | null = null;
  #samples: Sample[] = [];

  record(records: readonly SseRecord[]): void {
    for (const record of records) {
      switch (record.kind) {
        case 'event':
          this.#totalEvents++;
          this.#totalBytes += record.size;
          this.#lastEventAt = record.time;
          break;
        case 'comment':
          this.#totalBytes += record.size;
          break;
        case 'open':
          this.#httpStatus = record.status;
          this.#ttfbMs = record.ttfbMs;
          break;
        case 'error':
          // An attempt answered with an error status: that is now the connection's status.
          if (record.status !== undefined) {
            this.#httpStatus = record.status;
            this.#ttfbMs = null;
          }
          break;
      }
    }
  }

  /** Back to nothing (a cleared timeline). */
  reset(): void {
    this.#totalEvents = 0;
    this.#totalBytes = 0;
    this.#lastEventAt = null;
    this.#samples = [];
  }

  /** Notes the totals at `now` (each tick, and when watching starts), for the rates. */
  sample(now: number): void {
    this.#samples.push({ at: now, events: this.#totalEvents, bytes: this.#totalBytes });
    while (this.#samples.length > 2 && now - this.#samples[1]!.at >= RATE_WINDOW_MS) this.#samples.shift();
  }

  view(sessionId: string): SessionStatsView {
    const first = this.#samples[0];
    const last = this.#samples[this.#samples.length - 1];
    const seconds = first && last ? (last.at - first.at) / 1000 : 0;
    const rate = (pick: (sample: Sample) => number) => (first && last && seconds > 0 ? Math.max(0, pick(last) - pick(first)) / seconds : 0);
    return {
      sessionId,
      eventsPerSecond: round(rate((sample) => sample.events)),
      bytesPerSecond: round(rate((sample) => sample.bytes)),
      totalEvents: this.#totalEvents,
      totalBytes: this.#totalBytes,
      lastEventAt: this.#lastEventAt,
      httpStatus: this.#httpStatus,
      ttfbMs: this.#ttfbMs,
    };
  }
}

export class StatsTicker {
  readonly #push: PushSink;
  readonly #clock: () => number;
  readonly #intervalMs: number;
  readonly #watched = new Map<string, SessionMeter>();
  #timer: ReturnType<typeof setInterval> | null = null;

  constructor(push: PushSink, clock: () => number = Date.now, intervalMs = STATS_INTERVAL_MS) {
    this.#push = push;
    this.#clock = clock;
    this.#intervalMs = intervalMs;
  }

  /** Starts pushing this session's stats every interval. */
  watch(sessionId: string, meter: SessionMeter): void {
    if (this.#watched.get(sessionId) === meter) return;
    this.#watched.set(sessionId, meter);
    meter.sample(this.#clock());
    this.#timer ??= setInterval(() => this.#tick(), this.#intervalMs);
  }

  /** Stops, after one last push so the view shows the final numbers. */
  unwatch(sessionId: string): void {
    const meter = this.#watched.get(sessionId);
    if (!meter) return;
    this.#watched.delete(sessionId);
    meter.sample(this.#clock());
    this.#push('session:stats', { ...meter.view(sessionId), eventsPerSecond: 0, bytesPerSecond: 0 });
    if (this.#watched.size === 0) this.stop();
  }

  /** Forgets a session without a last push (it is gone). */
  forget(sessionId: string): void {
    this.#watched.delete(sessionId);
    if (this.#watched.size === 0) this.stop();
  }

  stop(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }

  #tick(): void {
    const now = this.#clock();
    for (const [sessionId, meter] of this.#watched) {
      meter.sample(now);
      this.#push('session:stats', meter.view(sessionId));
    }
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
