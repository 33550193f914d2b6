// What a timeline row says: lifecycle records as sentences, data collapsed to one bounded line,
// and the text/event-stream block a record copies as.

import { describe, expect, it } from 'vitest';
import type { SseRecord } from '../../../../main/contract.ts';
import { oneLine, PREVIEW_CHARS, summarize } from '../../../../renderer/src/lib/format/record-preview.ts';
import { recordAsEventStream } from '../../../../renderer/src/lib/format/record-text.ts';
import { formatBytes } from '../../../../renderer/src/lib/format/size-format.ts';
import { formatDelta } from '../../../../renderer/src/lib/format/time-format.ts';
import { parseJsonTree, type JsonNumber, leafText } from '../../../../renderer/src/lib/json/json-tree.ts';
import { buildQuery, positionInText } from '../../../../renderer/src/lib/search/search-query.ts';

const at = { seq: 1, time: 0 };

describe('row text', () => {
  it('describes lifecycle records in words', () => {
    expect(summarize({ ...at, kind: 'retry', ms: 2000 }).preview).toBe('retry 2000 ms');
    expect(summarize({ ...at, kind: 'reconnect', delayMs: 3000, lastEventId: '', reason: 'stream-ended', attempt: 2 }).preview).toBe(
      'reconnecting in 3.0 s (stream ended)',
    );
    expect(summarize({ ...at, kind: 'open', status: 200, headers: {}, url: 'http://x', ttfbMs: 12.4, attempt: 1 }).preview).toBe(
      'HTTP 200 · 12 ms',
    );
    // The open row says how the body is read.
    const open = { ...at, kind: 'open', status: 200, headers: {}, url: 'http://x', ttfbMs: 9, attempt: 1 } as const;
    expect(summarize({ ...open, framing: 'sse' }).preview).toBe('HTTP 200 · 9 ms · text/event-stream');
    expect(summarize({ ...open, framing: 'ndjson', attempt: 2 }).preview).toBe('HTTP 200 · 9 ms · NDJSON, one event per line · attempt 2');
    const error = summarize({ ...at, kind: 'error', message: 'Unexpected status', status: 503 });
    expect(error.preview).toBe('Unexpected status (HTTP 503)');
    expect(error.tone).toBe('error');
  });

  it('collapses whitespace and bounds the preview of a huge event', () => {
    expect(oneLine('  a\n\n  b\tc  ')).toBe('a b c');
    const huge = oneLine('x'.repeat(1_000_000));
    expect(huge.length).toBe(PREVIEW_CHARS + 1);
    expect(huge.endsWith('…')).toBe(true);
  });

  it('formats sizes and gaps compactly', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatDelta(12)).toBe('+12 ms');
    expect(formatDelta(1500)).toBe('+1.50 s');
    expect(formatDelta(null)).toBe('');
  });

  it('copies an event as a text/event-stream block with every data line', () => {
    const record: SseRecord = { ...at, kind: 'event', type: 'update', data: 'a\n b', lastEventId: '9', id: '9', size: 30 };
    expect(recordAsEventStream(record)).toBe('event: update\nid: 9\ndata: a\ndata:  b\n\n');
  });
});

describe('the JSON tree', () => {
  // Numbers kept as written (JSON.parse source text access) are checked in Chromium, where the
  // renderer runs, by test/components/detail-pane.test.ts: Node 20's V8 lacks the feature.
  it('builds a tree for objects and arrays, and leaves other data to the text view', () => {
    const root = parseJsonTree('{"n": 12, "s": "x", "list": [true, null]}') as Record<string, unknown>;
    expect(leafText(root.n as JsonNumber)).toBe('12');
    expect(leafText(root.s as string)).toBe('"x"');
    expect(parseJsonTree('plain text')).toBeNull();
    expect(parseJsonTree('42')).toBeNull();
    expect(parseJsonTree('{"broken": ')).toBeNull();
  });
});

describe('the search query', () => {
  it('ANDs a type chip with the typed text, quoting types that need it', () => {
    expect(buildQuery(null, '  hello ')).toBe('hello');
    expect(buildQuery('price', 'ACME')).toBe('type:price ACME');
    expect(buildQuery('chat delta', '')).toBe('type:"chat delta"');
    expect(buildQuery(null, '   ')).toBe('');
  });

  it('points an error in the query back into the box as typed', () => {
    // "type:price /x(/": the regex starts at 11 in the query, at 2 in "  /x(/".
    expect(positionInText('price', '  /x(/', 11)).toBe(2);
    expect(positionInText(null, '  /x(/', 0)).toBe(2);
    expect(positionInText('price', 'x', 3)).toBeNull();
  });
});
