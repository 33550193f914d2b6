// An alert: what an alert rule or the watchdog raised on a feed, as the alert log keeps it (one
// JSON line per change, beside the capture it belongs to), as `sse-scope watch` prints it and as
// the app's Alerts panel will show it. The zod schema reads the log back; the type is inferred.

import { z } from 'zod';

export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;
export const AlertSeveritySchema = z.enum(ALERT_SEVERITIES);
export type AlertSeverity = z.infer<typeof AlertSeveritySchema>;

/**
 * What the watchdog watches: no event for a while ('stale'), too many reconnects in a window
 * ('reconnects'), an HTTP error status ('http-error'), and a feed that closed ('closed').
 */
export const WATCHDOG_CHECKS = ['stale', 'reconnects', 'http-error', 'closed'] as const;
export const WatchdogCheckSchema = z.enum(WATCHDOG_CHECKS);
export type WatchdogCheck = z.infer<typeof WatchdogCheckSchema>;

export const AlertSchema = z.object({
  id: z.string().min(1),
  /** When it was raised (epoch ms). */
  time: z.number(),
  connectionId: z.string(),
  connectionName: z.string(),
  /** The rule's name; for the watchdog, the check ("stale", "reconnects", "http-error", "closed"). */
  rule: z.string(),
  /** The rule's id in the saved connection; null for the watchdog. */
  ruleId: z.string().nullable(),
  /** The watchdog check that raised it; null for a rule. */
  watchdog: WatchdogCheckSchema.nullable(),
  severity: AlertSeveritySchema,
  /** What happened, in a line ("event "alarm" #42: disk 1 full", "No event for 1 min"). */
  message: z.string(),
  /** The first words of the record it is about, when there is one. */
  preview: z.string().nullable(),
  /** The record it is about (in `captureId`), so a view can jump to it even once it has left memory. */
  seq: z.number().nullable(),
  /** The capture the alert is kept with: the one recording the feed when it was raised. */
  captureId: z.string(),
  /** How many matches (or failures) it stands for: 1, plus those coalesced into it. */
  count: z.int().min(1),
  acknowledged: z.boolean(),
  /** When the watchdog saw the feed healthy again (null: not yet, or a rule's alert). */
  recoveredAt: z.number().nullable(),
  /** How it recovered, in a line ("Events again after 4 min 12 s"). */
  recovery: z.string().nullable(),
});

export type Alert = z.infer<typeof AlertSchema>;

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
