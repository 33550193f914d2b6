// An alert: what an alert rule or the watchdog raised on a feed, as the alert log keeps it (one
// JSON line per change, beside the capture it belongs to), as `sse-scope watch` prints it and as
// the app's Alerts panel shows it: its types, what can happen to it, and the few rules about it.
// Free of zod, so the renderer can use it without loading a schema library under its strict CSP
// (zod tests whether it may eval as its object schemas are made); the schema that reads the log
// back is alert-schema.ts, and the types come from it.

import type { Alert } from './alert-schema.ts';

export type { Alert, AlertSeverity, WatchdogCheck } from './alert-schema.ts';

export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;

/**
 * What the watchdog watches: no event for a while ('stale'), too many reconnects in a window
 * ('reconnects'), an HTTP error status ('http-error'), and a feed that closed ('closed').
 */
export const WATCHDOG_CHECKS = ['stale', 'reconnects', 'http-error', 'closed'] as const;

/**
 * What just happened to an alert: raised (notify now), repeated (matches held back by the rate
 * limit, reported once when its window ends), counted (one more failure of an open watchdog
 * alert: its count changed, nothing to notify), recovered, or acknowledged by the user.
 */
export type AlertChange = 'raised' | 'repeated' | 'counted' | 'recovered' | 'acknowledged';

export interface AlertUpdate {
  change: AlertChange;
  /** The alert as it is now. */
  alert: Alert;
  /** The line to show for this change ("12 more matches of 'errors' in the last minute"). */
  text: string;
}

/** Still wants someone's attention: neither acknowledged nor recovered. */
export function isOpenAlert(alert: Alert): boolean {
  return !alert.acknowledged && alert.recoveredAt === null;
}

/** A change a person is told about at once: an alert raised, or the matches its rate limit held back. */
export function isNotifiedChange(change: AlertChange): boolean {
  return change === 'raised' || change === 'repeated';
}

/** The desktop notification of a change: "Critical: Orders — errors", and the change's line. */
export function alertNotification({ alert, text }: AlertUpdate): { title: string; body: string } {
  const severity = alert.severity.charAt(0).toUpperCase() + alert.severity.slice(1);
  return { title: `${severity}: ${alert.connectionName} — ${alert.rule}`, body: text };
}
