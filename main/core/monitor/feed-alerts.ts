// What the rule matcher and the watchdog hand their alerts to: a draft to raise (the feed's
// monitor adds the connection, the capture, an id and the time), more matches to count into an
// alert, and a recovery to note on one. FeedMonitor implements it on top of the AlertBook.

import type { AlertSeverity, WatchdogCheck } from '../../common/alerts.ts';

export interface AlertDraft {
  /** The rule's name, or the watchdog check. */
  rule: string;
  ruleId: string | null;
  watchdog: WatchdogCheck | null;
  severity: AlertSeverity;
  message: string;
  preview: string | null;
  seq: number | null;
}

export interface FeedAlerts {
  /** Raises an alert (to be shown and notified now); returns its id. */
  raise(draft: AlertDraft): string;
  /** `more` matches or failures counted into the alert; `text` reports them (null: counted silently). */
  repeat(id: string, more: number, text: string | null): void;
  /** The trouble is over: noted on the alert with `text` ("Events again after 4 min 12 s"). */
  recover(id: string, text: string): void;
}
