// A small fixed session for the export tests: every record kind, multi-line data, unicode (with
// U+2028, which JSON leaves unescaped), quotes, commas, empty data, ids set, inherited and reset.

import type { SseRecord } from '../../../main/common/records.ts';

export const T0 = Date.UTC(2025, 0, 2, 3, 4, 5, 678); // 2025-01-02T03:04:05.678Z

export const SAMPLE_RECORDS: SseRecord[] = [
  {
    seq: 1,
    time: T0,
    kind: 'open',
    status: 200,
    headers: { 'content-type': 'text/event-stream' },
    url: 'http://127.0.0.1:8080/stream',
    ttfbMs: 12,
    attempt: 1,
  },
  { seq: 2, time: T0 + 1, kind: 'event', type: 'message', data: 'hello', lastEventId: '', size: 13 },
  {
    seq: 3,
    time: T0 + 2,
    kind: 'event',
    type: 'update',
    data: 'line one\nline two, with "quotes"',
    lastEventId: '7',
    id: '7',
    size: 70,
  },
  { seq: 4, time: T0 + 3, kind: 'comment', text: 'keep-alive', size: 13 },
  { seq: 5, time: T0 + 4, kind: 'retry', ms: 2500 },
  // The stream changed the last event ID to 9 in a block without data (which left no record).
  { seq: 6, time: T0 + 5, kind: 'event', type: 'message', data: '', lastEventId: '9', size: 7 },
  { seq: 7, time: T0 + 6, kind: 'event', type: 'message', data: 'Ünïcödé ✓ 🎉\u2028end', lastEventId: '', id: '', size: 40 },
  { seq: 8, time: T0 + 7, kind: 'event', type: 'message', data: ' leading space, trailing comma,', lastEventId: '', size: 39 },
  { seq: 9, time: T0 + 8, kind: 'error', message: 'Connection lost: socket hang up', retryInMs: 1000 },
  { seq: 10, time: T0 + 9, kind: 'reconnect', delayMs: 1000, lastEventId: '', reason: 'network-error', attempt: 2 },
  { seq: 11, time: T0 + 10, kind: 'closed', reason: 'closed' },
];

export async function* recordsOf<T>(items: Iterable<T>): AsyncGenerator<T> {
  for (const item of items) yield item;
}
