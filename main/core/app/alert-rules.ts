// A saved connection's alert rules watched on its live session: each enabled rule's query is
// compiled with the search language and tested on every live batch. A match pushes
// 'session:alert' and, when the user allows notifications, shows a desktop notification. Each rule
// alerts at most once per cooldown (10 s); matches inside it are counted and reported as
// "and N more" with the next alert, or when the cooldown ends.

import type { PushSink } from '../../contract.ts';
import type { AlertRule } from '../../common/config-schema.ts';
import type { SseRecord } from '../../common/records.ts';
import { compileQuery, type CompiledQuery } from '../../common/query-matcher.ts';
import { parseQuery } from '../../common/query-parser.ts';
import { describeRecord } from '../monitor/alert-text.ts';

export const ALERT_COOLDOWN_MS = 10_000;

export interface AlertWatcherOptions {
  sessionId: string;
  /** The session's name, for the notification's title. */
  sessionName: () => string;
  push: PushSink;
  notify?: (title: string, body: string) => void;
  /** settings.notifications, read at each alert. */
  notificationsOn: () => boolean;
  clock: () => number;
  cooldownMs?: number;
}

interface WatchedRule {
  query: string;
  compiled: CompiledQuery;
  /** No alert for this rule before this time. */
  quietUntil: number;
  /** Matches since the last alert that were not alerted. */
  suppressed: number;
  lastSuppressed: SseRecord | null;
  timer: ReturnType<typeof setTimeout> | null;
}

export class AlertWatcher {
  readonly #options: AlertWatcherOptions;
  readonly #cooldownMs: number;
  #rules: WatchedRule[] = [];

  constructor(options: AlertWatcherOptions) {
    this.#options = options;
    this.#cooldownMs = options.cooldownMs ?? ALERT_COOLDOWN_MS;
  }

  /** Watches these rules from now on; returns a problem line for each query that does not parse. */
  setRules(rules: readonly AlertRule[]): string[] {
    this.dispose();
    const problems: string[] = [];
    for (const rule of rules) {
      if (!rule.enabled) continue;
      const parsed = parseQuery(rule.query);
      if (!parsed.ok) {
        problems.push(`Alert "${rule.query}" is not a valid query (at ${parsed.error.position}: ${parsed.error.message})`);
        continue;
      }
      this.#rules.push({
        query: rule.query,
        compiled: compileQuery(parsed.terms),
        quietUntil: 0,
        suppressed: 0,
        lastSuppressed: null,
        timer: null,
      });
    }
    return problems;
  }

  get size(): number {
    return this.#rules.length;
  }

  check(records: readonly SseRecord[]): void {
    for (const rule of this.#rules) {
      for (const record of records) {
        if (rule.compiled.test(record)) this.#matched(rule, record);
      }
    }
  }

  dispose(): void {
    for (const rule of this.#rules) if (rule.timer) clearTimeout(rule.timer);
    this.#rules = [];
  }

  #matched(rule: WatchedRule, record: SseRecord): void {
    const now = this.#options.clock();
    if (now >= rule.quietUntil) {
      this.#alert(rule, record, rule.suppressed, now);
      return;
    }
    rule.suppressed++;
    rule.lastSuppressed = record;
    // When the cooldown ends, report what it held back (unless a new match does so first).
    rule.timer ??= setTimeout(
      () => {
        rule.timer = null;
        if (rule.lastSuppressed) this.#alert(rule, rule.lastSuppressed, rule.suppressed - 1, this.#options.clock());
      },
      Math.max(1, rule.quietUntil - now),
    );
  }

  /** Alerts for `record`; `others` matched since the last alert and were not reported. */
  #alert(rule: WatchedRule, record: SseRecord, others: number, now: number): void {
    if (rule.timer) clearTimeout(rule.timer);
    rule.timer = null;
    rule.quietUntil = now + this.#cooldownMs;
    rule.suppressed = 0;
    rule.lastSuppressed = null;
    const more = others > 0 ? ` (and ${others} more)` : '';
    const message = `"${rule.query}" matched ${describeRecord(record)}${more}`;
    const { sessionId, push, notify } = this.#options;
    push('session:alert', { sessionId, seq: record.seq, rule: rule.query, message });
    if (notify && this.#options.notificationsOn()) notify(`Alert: ${this.#options.sessionName()}`, message);
  }
}
