// The words of alerts: a record in a line ("event "alarm" #42: disk 1 full"), its preview, spans
// of time as people say them ("4 min 12 s"), and the line that reports matches the rate limit
// held back ("12 more matches of 'errors' in the last minute").

import type { SseRecord } from '../../common/records.ts';

/** Characters of record text an alert keeps: enough to recognise it in a notification. */
export const PREVIEW_CHARS = 80;

/** "event "price" #42: {"v": 3}" — the record's kind, type and number, and the start of its text. */
export function describeRecord(record: SseRecord): string {
  switch (record.kind) {
    case 'event':
      return `event "${record.type}" #${record.seq}: ${oneLine(record.data)}`;
    case 'comment':
      return `comment #${record.seq}: ${oneLine(record.text)}`;
    case 'error':
      return `error #${record.seq}: ${oneLine(record.message)}`;
    default:
      return `${record.kind} record #${record.seq}`;
  }
}

/** The record's text on one line, shortened (null for records without text: open, retry...). */
export function previewOf(record: SseRecord): string | null {
  switch (record.kind) {
    case 'event':
      return oneLine(record.data);
    case 'comment':
      return oneLine(record.text);
    case 'error':
      return oneLine(record.message);
    default:
      return null;
  }
}

/** Whitespace runs as one space, at most `max` characters (an ellipsis marks a cut). */
export function oneLine(text: string, max = PREVIEW_CHARS): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** A span in whole seconds as people say it: "45 s", "1 min", "4 min 12 s", "2 h 5 min". */
export function formatSpan(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 === 0 ? `${minutes} min` : `${minutes} min ${seconds % 60} s`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}

/** "the last minute", "the last 30 s", "the last 5 min". */
export function lastSpan(ms: number): string {
  const span = formatSpan(ms);
  if (span === '1 min') return 'the last minute';
  if (span === '1 h') return 'the last hour';
  return `the last ${span}`;
}

/** "12 more matches of 'errors' in the last minute". */
export function moreMatchesText(more: number, ruleName: string, spanMs: number): string {
  return `${more} more ${more === 1 ? 'match' : 'matches'} of '${ruleName}' in ${lastSpan(spanMs)}`;
}
