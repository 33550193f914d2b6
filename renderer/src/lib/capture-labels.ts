// Short words for a capture in the sidebar: when it started, and how much it holds.

import type { CaptureView } from '../../../main/contract.ts';

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

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
  if (capture.records !== null) parts.push(`${capture.records.toLocaleString()} records`);
  parts.push(formatBytes(capture.sizeBytes));
  return parts.join(' · ');
}
