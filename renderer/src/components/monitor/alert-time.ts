// When an alert happened, as the Alerts panel says it: the time of day for today's ("14:03:07"),
// the date too for older ones ("2025-11-21 14:03").

import { formatDateTime } from '../../lib/format/time-format.ts';

export function formatAlertTime(epochMs: number, now: number = Date.now()): string {
  const full = formatDateTime(epochMs);
  const today = formatDateTime(now).slice(0, 10);
  return full.startsWith(today) ? full.slice(11, 19) : full.slice(0, 16);
}
