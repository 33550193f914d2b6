// The watchdog: alerts about a feed's health, read from its records and a clock. Four checks,
// each with at most one alert open at a time (later occurrences are counted into it):
//   stale       no event for `staleAfterSec` (counted from the start, the last event, or a reopen)
//   reconnects  more than `maxReconnects` reconnects within `reconnectWindowMin`
//   http-error  an attempt answered with an HTTP error status (or not an event stream)
//   closed      the feed closed by itself (failed, 204 No Content, ended); not when its owner closed it
// Recovery is noted on the same alert: events again (stale), a calm window (reconnects), a new
// connection (http-error, closed). Timers run only for what can still happen: one for the stale
// check, re-armed for the time left rather than on every event, and one while a storm lasts.

import type { AlertSeverity, WatchdogCheck } from '../../common/alerts.ts';
import type { WatchdogSettings } from '../../common/config-schema.ts';
import type { ClosedReason, ClosedRecord, ErrorRecord, OpenRecord, ReconnectRecord, SseRecord } from '../../common/records.ts';
import { formatSpan, oneLine } from './alert-text.ts';
import type { FeedAlerts } from './feed-alerts.ts';

export type WatchdogThresholds = Omit<WatchdogSettings, 'enabled'>;

export const WATCHDOG_SEVERITY: Readonly<Record<WatchdogCheck, AlertSeverity>> = {
  stale: 'warning',
  reconnects: 'warning',
  'http-error': 'critical',
  closed: 'critical',
};

/** Why a feed closed by itself, for the alert; null: its owner closed it, which is no alarm. */
const CLOSED_TEXT: Readonly<Record<ClosedReason, string | null>> = {
  closed: null,
  limit: null,
  failed: 'the connection failed and will not be retried',
  'no-content': 'the server answered 204 No Content (its way to say "stop reconnecting")',
  ended: 'the stream ended and reconnecting is off',
};

/** The longest error message an alert keeps. */
const MESSAGE_CHARS = 200;

export interface WatchdogOptions {
  alerts: FeedAlerts;
  clock: () => number;
  settings: WatchdogThresholds;
}

interface OpenAlert {
  id: string;
  since: number;
}

export class Watchdog {
  readonly #alerts: FeedAlerts;
  readonly #clock: () => number;
  #settings: WatchdogThresholds;
  /** Between start() (or an open record) and a closed record. */
  #running = false;
  #startedAt = 0;
  #lastEventAt: number | null = null;
  #lastEventSeq: number | null = null;
  /** Silence is counted from here: the start, the last event, or a reopen after a close. */
  #quietSince = 0;
  #staleTimer: ReturnType<typeof setTimeout> | null = null;
  /** Times of the last maxReconnects + 1 reconnects: all it takes to tell a storm. */
  #reconnects: number[] = [];
  #stormTimer: ReturnType<typeof setTimeout> | null = null;
  readonly #open = new Map<WatchdogCheck, OpenAlert>();

  constructor(options: WatchdogOptions) {
    this.#alerts = options.alerts;
    this.#clock = options.clock;
    this.#settings = { ...options.settings };
  }

  /** The feed starts: silence counts from now. */
  start(): void {
    const now = this.#clock();
    this.#running = true;
    this.#startedAt = now;
    this.#quietSince = now;
    this.#armStale();
  }

  /** A stale alert is open: no event for longer than the threshold. */
  get stale(): boolean {
    return this.#open.has('stale');
  }

  setSettings(settings: WatchdogThresholds): void {
    this.#settings = { ...settings };
    this.#reconnects = this.#reconnects.slice(-(settings.maxReconnects + 1));
    this.#clearStale();
    this.#armStale();
  }

  record(records: readonly SseRecord[]): void {
    const now = this.#clock();
    let events = false;
    for (let i = 0; i < records.length; i++) {
      const record = records[i]!;
      switch (record.kind) {
        case 'event':
          events = true;
          this.#lastEventSeq = record.seq;
          break;
        case 'open':
          this.#opened(now, record);
          break;
        case 'reconnect':
          this.#reconnected(now, record);
          break;
        case 'error':
          this.#failed(record);
          break;
        case 'closed':
          this.#closed(now, record);
          break;
      }
    }
    if (events) this.#eventsArrived(now);
  }

  dispose(): void {
    this.#running = false;
    this.#clearStale();
    if (this.#stormTimer) clearTimeout(this.#stormTimer);
    this.#stormTimer = null;
  }

  // ---- stale ----

  #eventsArrived(now: number): void {
    const stale = this.#open.get('stale');
    if (stale) {
      const text =
        this.#lastEventAt === null
          ? `First event after ${formatSpan(now - this.#startedAt)}`
          : `Events again after ${formatSpan(now - this.#lastEventAt)}`;
      this.#recover('stale', text);
    }
    this.#lastEventAt = now;
    this.#quietSince = now;
    if (stale) this.#armStale();
  }

  #armStale(): void {
    const staleMs = this.#settings.staleAfterSec * 1000;
    if (staleMs === 0 || !this.#running || this.#staleTimer || this.#open.has('stale')) return;
    const left = this.#quietSince + staleMs - this.#clock();
    this.#staleTimer = setTimeout(() => this.#checkStale(), Math.max(1, left));
  }

  #checkStale(): void {
    this.#staleTimer = null;
    if (!this.#running) return;
    const quietFor = this.#clock() - this.#quietSince;
    if (quietFor < this.#settings.staleAfterSec * 1000) {
      this.#armStale(); // events came meanwhile: wait for the time left
      return;
    }
    this.#raise('stale', `No event for ${formatSpan(quietFor)}`, this.#lastEventSeq);
  }

  #clearStale(): void {
    if (this.#staleTimer) clearTimeout(this.#staleTimer);
    this.#staleTimer = null;
  }

  // ---- reconnects ----

  #reconnected(now: number, record: ReconnectRecord): void {
    if (record.reason === 'restart') return; // asked for by the user
    const max = this.#settings.maxReconnects;
    if (max === 0) return;
    this.#reconnects.push(now);
    if (this.#reconnects.length > max + 1) this.#reconnects.shift();
    const storm = this.#open.get('reconnects');
    if (storm) {
      this.#alerts.repeat(storm.id, 1, null);
      return;
    }
    if (this.#inWindow(now) > max) {
      const window = formatSpan(this.#settings.reconnectWindowMin * 60_000);
      this.#raise('reconnects', `${max + 1} reconnects within ${window} (the limit is ${max})`, record.seq);
      this.#armStorm(now);
    }
  }

  /** Reconnects within the window that ends now. */
  #inWindow(now: number): number {
    const windowMs = this.#settings.reconnectWindowMin * 60_000;
    return this.#reconnects.filter((time) => now - time < windowMs).length;
  }

  /** Checks again when the oldest reconnect that counts leaves the window. */
  #armStorm(now: number): void {
    const windowMs = this.#settings.reconnectWindowMin * 60_000;
    const oldest = this.#reconnects.find((time) => now - time < windowMs) ?? now;
    this.#stormTimer = setTimeout(() => this.#checkStorm(), Math.max(1, oldest + windowMs - now));
  }

  #checkStorm(): void {
    this.#stormTimer = null;
    const storm = this.#open.get('reconnects');
    if (!storm) return;
    const now = this.#clock();
    const count = this.#inWindow(now);
    if (count > this.#settings.maxReconnects) {
      this.#armStorm(now);
      return;
    }
    const window = formatSpan(this.#settings.reconnectWindowMin * 60_000);
    this.#recover('reconnects', `Steady again after ${formatSpan(now - storm.since)}: ${count} reconnects within the last ${window}`);
  }

  // ---- HTTP errors and closes ----

  #failed(record: ErrorRecord): void {
    if (record.status === undefined) return; // a network error: the reconnect check sees those
    const open = this.#open.get('http-error');
    if (open) this.#alerts.repeat(open.id, 1, null);
    else this.#raise('http-error', oneLine(record.message, MESSAGE_CHARS), record.seq);
  }

  #closed(now: number, record: ClosedRecord): void {
    this.#running = false;
    this.#clearStale();
    const reason = CLOSED_TEXT[record.reason];
    if (reason === null) return;
    const open = this.#open.get('closed');
    if (open) this.#alerts.repeat(open.id, 1, null);
    else this.#raise('closed', `The feed closed: ${reason}`, record.seq, now);
  }

  #opened(now: number, record: OpenRecord): void {
    const failing = this.#open.get('http-error');
    if (failing) this.#recover('http-error', `Connected again after ${formatSpan(now - failing.since)} (HTTP ${record.status})`);
    const closed = this.#open.get('closed');
    if (closed) this.#recover('closed', `Open again after ${formatSpan(now - closed.since)}`);
    if (!this.#running) {
      this.#running = true;
      this.#quietSince = now;
      this.#armStale();
    }
  }

  // ---- alerts ----

  #raise(check: WatchdogCheck, message: string, seq: number | null, now = this.#clock()): void {
    const id = this.#alerts.raise({
      rule: check,
      ruleId: null,
      watchdog: check,
      severity: WATCHDOG_SEVERITY[check],
      message,
      preview: null,
      seq,
    });
    this.#open.set(check, { id, since: now });
  }

  #recover(check: WatchdogCheck, text: string): void {
    const open = this.#open.get(check);
    if (!open) return;
    this.#open.delete(check);
    this.#alerts.recover(open.id, text);
  }
}
