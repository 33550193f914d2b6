// What one timeline row says about a record: its columns (kind, event type, id, size), a one-line
// preview of its data (whitespace collapsed, truncated), a sentence for lifecycle records
// ("retry 2000 ms", "reconnecting in 3.0 s (stream ended)", "HTTP 200 · 12 ms") and the tone
// the row is styled with. Computed once per record and cached: rows re-render every frame under a
// firehose, formatting must not.

import type { FieldMatch, SseRecord } from '../../../../main/contract.ts';
import { formatBytes } from '../../../../main/common/number-format.ts';
import { formatClock, formatSeconds } from './time-format.ts';

/** Characters of data a preview keeps: more than a wide row shows, bounded for huge events. */
export const PREVIEW_CHARS = 300;

export type RowTone = 'event' | 'comment' | 'info' | 'warning' | 'error';

export interface RecordSummary {
  kind: SseRecord['kind'];
  /** The event type; '' for other kinds. */
  type: string;
  /** The block's own `id` field; '' when none. */
  id: string;
  size: string;
  /** One line: the data (events), text (comments), or a sentence about a lifecycle record. */
  preview: string;
  /** The record field the preview was cut from (search ranges point into it); null for sentences. */
  previewField: FieldMatch['field'] | null;
  tone: RowTone;
}

const cache = new WeakMap<SseRecord, RecordSummary>();

export function summarize(record: SseRecord): RecordSummary {
  let summary = cache.get(record);
  if (!summary) {
    summary = build(record);
    cache.set(record, summary);
  }
  return summary;
}

function build(record: SseRecord): RecordSummary {
  const base = { kind: record.kind, type: '', id: '', size: '', previewField: null, tone: 'info' as RowTone };
  switch (record.kind) {
    case 'event':
      return {
        ...base,
        type: record.type,
        id: record.id ?? '',
        size: formatBytes(record.size),
        preview: oneLine(record.data),
        previewField: 'data',
        tone: 'event',
      };
    case 'comment':
      return { ...base, size: formatBytes(record.size), preview: oneLine(record.text), previewField: 'text', tone: 'comment' };
    case 'retry':
      return { ...base, preview: `retry ${record.ms} ms` };
    case 'open':
      return { ...base, preview: describeOpen(record) };
    case 'error':
      return { ...base, preview: oneLine(describeError(record)), previewField: null, tone: 'error' };
    case 'reconnect':
      return {
        ...base,
        preview: `reconnecting in ${formatSeconds(record.delayMs)} (${REASONS[record.reason] ?? record.reason})`,
        tone: 'warning',
      };
    case 'closed':
      return {
        ...base,
        preview: `closed: ${CLOSED[record.reason] ?? record.reason}`,
        tone: record.reason === 'failed' ? 'error' : 'warning',
      };
  }
}

/** How the body was read: a capture made before NDJSON bodies were read does not say (it was an event stream). */
const FRAMING: Record<string, string> = { sse: ' · text/event-stream', ndjson: ' · NDJSON, one event per line' };

function describeOpen(record: Extract<SseRecord, { kind: 'open' }>): string {
  const attempt = record.attempt > 1 ? ` · attempt ${record.attempt}` : '';
  const framing = record.framing ? (FRAMING[record.framing] ?? '') : '';
  return `HTTP ${record.status} · ${Math.round(record.ttfbMs)} ms${framing}${attempt}`;
}

function describeError(record: Extract<SseRecord, { kind: 'error' }>): string {
  let text = record.message;
  if (record.status !== undefined && !text.includes(String(record.status))) text += ` (HTTP ${record.status})`;
  if (record.retryInMs !== undefined) text += ` · retry in ${formatSeconds(record.retryInMs)}`;
  return text;
}

const REASONS: Record<string, string> = {
  'stream-ended': 'stream ended',
  'network-error': 'network error',
  timeout: 'timeout',
  'http-error': 'HTTP error',
  'stream-error': 'stream error',
  restart: 'restart',
};

const CLOSED: Record<string, string> = {
  closed: 'disconnected',
  'no-content': 'the server answered 204 No Content',
  failed: 'failed, no retry',
  ended: 'stream ended, reconnecting is off',
  limit: 'a limit was reached',
};

/** Whitespace runs collapsed to one space, cut at PREVIEW_CHARS. */
export function oneLine(text: string): string {
  return collapse(text).text;
}

/**
 * The collapsed preview of `text` and, for each preview character, the index in `text` it came
 * from: what maps search ranges (which point into the original field) onto the preview.
 */
export function collapse(text: string): { text: string; sources: number[] } {
  const sources: number[] = [];
  let out = '';
  let lastWasSpace = true; // drops leading whitespace
  for (let i = 0; i < text.length && out.length < PREVIEW_CHARS; i++) {
    const code = text.charCodeAt(i);
    const space = code === 32 || code === 9 || code === 10 || code === 13 || code === 12 || code === 11;
    if (space) {
      if (lastWasSpace) continue;
      lastWasSpace = true;
      out += ' ';
    } else {
      lastWasSpace = false;
      out += text[i];
    }
    sources.push(i);
  }
  if (out.endsWith(' ')) {
    out = out.slice(0, -1);
    sources.pop();
  }
  if (out.length >= PREVIEW_CHARS && text.length > (sources.at(-1) ?? 0) + 1) out += '…';
  return { text: out, sources };
}

/** What a screen reader hears for a row: "Row 12: 14:03:07.042, event tick, id 7, 120 B: {…}". */
export function rowLabel(record: SseRecord, position: number): string {
  const summary = summarize(record);
  const parts = [formatClock(record.time), summary.kind === 'event' ? `event ${summary.type}` : summary.kind];
  if (summary.id) parts.push(`id ${summary.id}`);
  if (summary.size) parts.push(summary.size);
  return `Row ${position}: ${parts.join(', ')}: ${summary.preview.slice(0, 120)}`;
}
