// Short words for a capture in the sidebar: when it started, and how much it holds.

import { formatBytes, formatCount } from '../../../main/common/number-format.ts';
import type { CaptureView } from '../../../main/contract.ts';

/** "14:03" today, "3 Mar 14:03" another day this year, "3 Mar 2024" before. */
export function formatStarted(epochMs: number, now = Date.now()): string {
  const date = new Date(epochMs);
  const today = new Date(now);
  const time = date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  if (date.toDateString() === today.toDateString()) return time;
  const day = date.toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
  if (date.getFullYear() === today.getFullYear()) return `${day} ${time}`;
  return date.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}

export function captureSummary(capture: CaptureView, now = Date.now()): string {
  const parts = [formatStarted(capture.startedAt, now)];
  if (capture.records !== null) parts.push(`${formatCount(capture.records)} records`);
  parts.push(formatBytes(capture.sizeBytes));
  return parts.join(' · ');
}
