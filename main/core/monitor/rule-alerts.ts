// A feed's alert rules: each enabled rule's query, compiled with the search language, is tested on
// every record. The first match raises an alert at once and opens the rule's window (a minute);
// further matches inside the window are counted into that alert and reported once when the
// window ends ("12 more matches of 'errors' in the last minute"). The next match after that
// raises a new alert. Timers run only while a window is open.

import type { AlertRule } from '../../common/config-schema.ts';
import { compileQuery } from '../../common/query-matcher.ts';
import { parseQuery } from '../../common/query-parser.ts';
import type { SseRecord } from '../../common/records.ts';
import { describeRecord, moreMatchesText, previewOf } from './alert-text.ts';
import type { FeedAlerts } from './feed-alerts.ts';

/** How long a rule stays quiet after it alerts, counting its matches instead. */
export const ALERT_WINDOW_MS = 60_000;

export interface RuleAlertsOptions {
  alerts: FeedAlerts;
  clock: () => number;
  windowMs?: number;
}

interface WatchedRule {
  rule: AlertRule;
  test: (record: SseRecord) => boolean;
  /** The alert the window's first match raised; null while no window is open. */
  alertId: string | null;
  windowStart: number;
  /** Matches inside the window, not yet reported. */
  held: number;
  timer: ReturnType<typeof setTimeout> | null;
}

export class RuleAlerts {
  readonly #alerts: FeedAlerts;
  readonly #clock: () => number;
  readonly #windowMs: number;
  #rules: WatchedRule[] = [];

  constructor(options: RuleAlertsOptions) {
    this.#alerts = options.alerts;
    this.#clock = options.clock;
    this.#windowMs = options.windowMs ?? ALERT_WINDOW_MS;
  }

  /**
   * Watches these rules from now on. A rule kept with the same id and query keeps its window;
   * the others' held matches are reported now. Returns a line for each rule whose query does not
   * parse (it is skipped), in the search bar's words.
   */
  setRules(rules: readonly AlertRule[]): string[] {
    const previous = new Map(this.#rules.map((watched) => [watched.rule.id, watched]));
    const problems: string[] = [];
    const next: WatchedRule[] = [];
    for (const rule of rules) {
      if (!rule.enabled) continue;
      const kept = previous.get(rule.id);
      if (kept && kept.rule.query === rule.query) {
        previous.delete(rule.id);
        kept.rule = rule;
        next.push(kept);
        continue;
      }
      const parsed = parseQuery(rule.query);
      if (!parsed.ok) {
        const { message, position } = parsed.error;
        problems.push(`Alert rule '${rule.name}' is not watched: ${message} (at position ${position} of ${JSON.stringify(rule.query)})`);
        continue;
      }
      next.push({ rule, test: compileQuery(parsed.terms).test, alertId: null, windowStart: 0, held: 0, timer: null });
    }
    for (const dropped of previous.values()) this.#endWindow(dropped);
    this.#rules = next;
    return problems;
  }

  /** Rules being watched. */
  get size(): number {
    return this.#rules.length;
  }

  check(records: readonly SseRecord[]): void {
    for (const watched of this.#rules) {
      const test = watched.test;
      for (let i = 0; i < records.length; i++) {
        const record = records[i]!;
        if (test(record)) this.#matched(watched, record);
      }
    }
  }

  /** Reports what open windows hold and stops their timers. */
  dispose(): void {
    for (const watched of this.#rules) this.#endWindow(watched);
    this.#rules = [];
  }

  #matched(watched: WatchedRule, record: SseRecord): void {
    if (watched.alertId !== null) {
      // Inside the window: count it (a late timer may not have ended the window yet).
      if (this.#clock() - watched.windowStart < this.#windowMs) {
        watched.held++;
        return;
      }
      this.#endWindow(watched);
    }
    const { rule } = watched;
    watched.alertId = this.#alerts.raise({
      rule: rule.name,
      ruleId: rule.id,
      watchdog: null,
      severity: rule.severity,
      message: describeRecord(record),
      preview: previewOf(record),
      seq: record.seq,
    });
    watched.windowStart = this.#clock();
    watched.timer = setTimeout(() => {
      watched.timer = null;
      this.#endWindow(watched);
    }, this.#windowMs);
  }

  /** Closes the rule's window, reporting the matches it held. */
  #endWindow(watched: WatchedRule): void {
    if (watched.timer) clearTimeout(watched.timer);
    watched.timer = null;
    const id = watched.alertId;
    watched.alertId = null;
    if (id === null || watched.held === 0) return;
    const span = Math.min(this.#windowMs, Math.max(1000, this.#clock() - watched.windowStart));
    const held = watched.held;
    watched.held = 0;
    this.#alerts.repeat(id, held, moreMatchesText(held, watched.rule.name, span));
  }
}
