// The alert as a zod schema: it reads an alert log back (alert-log.ts) and gives a rule's severity
// its default in the config (config-schema.ts); the Alert type is inferred here. Not for the
// renderer, which takes the types and helpers from alerts.ts.

import { z } from 'zod';
import { ALERT_SEVERITIES, WATCHDOG_CHECKS } from './alerts.ts';

export const AlertSeveritySchema = z.enum(ALERT_SEVERITIES);
export type AlertSeverity = z.infer<typeof AlertSeveritySchema>;

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
