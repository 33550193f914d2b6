// One feed watched: its records go through its alert rules, its watchdog and its overview
// numbers, and what they raise goes into the AlertBook, named with the feed's connection and the
// capture recording it now. The app's live sessions and `sse-scope watch` each make one per feed:
//
//   const monitor = new FeedMonitor({ connection, rules, watchdog, book, captureId: () => capture.id });
//   monitor.start();                       // as the session starts
//   onRecords: (records) => { store.append(records); monitor.record(records); }
//   monitor.overview();                    // for a wall tile, whenever it redraws
//   monitor.dispose();                     // reports matches still held by the rate limit

import type { AlertRule } from '../../common/config-schema.ts';
import type { SseRecord } from '../../common/records.ts';
import type { AlertBook } from './alert-book.ts';
import type { AlertDraft, FeedAlerts } from './feed-alerts.ts';
import { FeedNumbers, type FeedNumbersView } from './feed-numbers.ts';
import { RuleAlerts } from './rule-alerts.ts';
import { Watchdog, type WatchdogThresholds } from './watchdog.ts';

export interface FeedMonitorOptions {
  connection: { id: string; name: string };
  rules: readonly AlertRule[];
  /** The watchdog's thresholds; null: no watchdog. */
  watchdog: WatchdogThresholds | null;
  book: AlertBook;
  /** The capture the feed's records go to now: alerts are kept with it. */
  captureId: () => string;
  clock?: () => number;
  /** The rate limit's window (ALERT_WINDOW_MS). */
  windowMs?: number;
}

/** What a wall tile shows for a feed. */
export interface FeedOverview extends FeedNumbersView {
  connectionId: string;
  name: string;
  /** Alerts neither acknowledged nor recovered. */
  openAlerts: number;
  /** The watchdog's stale alert is open. */
  stale: boolean;
}

export class FeedMonitor {
  readonly numbers = new FeedNumbers();
  readonly #connection: { id: string; name: string };
  readonly #book: AlertBook;
  readonly #captureId: () => string;
  readonly #clock: () => number;
  readonly #rules: RuleAlerts;
  #watchdog: Watchdog | null = null;
  #ruleProblems: string[];
  #started = false;

  constructor(options: FeedMonitorOptions) {
    this.#connection = { ...options.connection };
    this.#book = options.book;
    this.#captureId = options.captureId;
    this.#clock = options.clock ?? Date.now;
    this.#rules = new RuleAlerts({ alerts: this.#alerts, clock: this.#clock, windowMs: options.windowMs });
    this.#ruleProblems = this.#rules.setRules(options.rules);
    this.setWatchdog(options.watchdog);
  }

  get connectionId(): string {
    return this.#connection.id;
  }

  /** The rules that are not watched (their query does not parse), a line each for the user. */
  get ruleProblems(): readonly string[] {
    return this.#ruleProblems;
  }

  /** Watches these rules from now on; returns the problems (see ruleProblems). */
  setRules(rules: readonly AlertRule[]): string[] {
    this.#ruleProblems = this.#rules.setRules(rules);
    return this.#ruleProblems;
  }

  /** Turns the watchdog on with these thresholds, or off (null). */
  setWatchdog(settings: WatchdogThresholds | null): void {
    if (settings === null) {
      this.#watchdog?.dispose();
      this.#watchdog = null;
    } else if (this.#watchdog) {
      this.#watchdog.setSettings(settings);
    } else {
      this.#watchdog = new Watchdog({ alerts: this.#alerts, clock: this.#clock, settings });
      if (this.#started) this.#watchdog.start();
    }
  }

  /** The connection was renamed: alerts raised from now on carry the new name. */
  rename(name: string): void {
    this.#connection.name = name;
  }

  /** The feed starts connecting: the watchdog counts silence from now. */
  start(): void {
    this.#started = true;
    this.#watchdog?.start();
  }

  record(records: readonly SseRecord[]): void {
    this.numbers.record(records);
    this.#rules.check(records);
    this.#watchdog?.record(records);
  }

  overview(): FeedOverview {
    return {
      connectionId: this.#connection.id,
      name: this.#connection.name,
      ...this.numbers.view(this.#clock()),
      openAlerts: this.#book.openCount(this.#connection.id),
      stale: this.#watchdog?.stale ?? false,
    };
  }

  /** Stops the timers; matches the rate limit still holds are reported now. */
  dispose(): void {
    this.#rules.dispose();
    this.#watchdog?.dispose();
  }

  readonly #alerts: FeedAlerts = {
    raise: (draft: AlertDraft) =>
      this.#book.raise({ ...draft, connectionId: this.#connection.id, connectionName: this.#connection.name, captureId: this.#captureId() })
        .id,
    repeat: (id, more, text) => void this.#book.repeat(id, more, text),
    recover: (id, text) => void this.#book.recover(id, text),
  };
}
