// The overview's numbers for one feed: its state, events per second in 5-second buckets over the
// last five minutes, time since the last event and the HTTP status, counted from its records.

import { expect, it } from 'vitest';
import type { SseRecord } from '../../../main/common/records.ts';
import { FeedNumbers, RATE_BUCKETS } from '../../../main/core/monitor/feed-numbers.ts';

const T0 = Date.parse('2025-03-01T09:00:00Z'); // a multiple of 5 s

function events(count: number, time: number, firstSeq = 1): SseRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    seq: firstSeq + i,
    time,
    kind: 'event' as const,
    type: 'message',
    data: 'x',
    lastEventId: '',
    size: 8,
  }));
}

it('counts events per second in 5-second buckets, newest last, with the bucket in progress left out', () => {
  const numbers = new FeedNumbers();
  numbers.record(events(50, T0));
  numbers.record(events(25, T0 + 4_999));
  numbers.record(events(10, T0 + 5_000));
  numbers.record(events(5, T0 + 15_000)); // in progress at T0 + 17 s

  const view = numbers.view(T0 + 17_000);
  expect(view.eventsPerSecond).toHaveLength(RATE_BUCKETS);
  expect(view.eventsPerSecond.slice(-4)).toEqual([0, 15, 2, 0]);
  expect(view.totalEvents).toBe(90);
  expect(view.lastEventAt).toBe(T0 + 15_000);
  expect(view.sinceLastEventMs).toBe(2_000);
});

it('forgets buckets older than five minutes', () => {
  const numbers = new FeedNumbers();
  numbers.record(events(100, T0));
  expect(numbers.view(T0 + 5_000).eventsPerSecond.at(-1)).toBe(20);
  expect(numbers.view(T0 + 5 * 60_000).eventsPerSecond[0]).toBe(20);
  expect(numbers.view(T0 + 5 * 60_000 + 5_000).eventsPerSecond.every((rate) => rate === 0)).toBe(true);
  // A much later event clears the ring on its way, and the old count does not come back.
  numbers.record(events(5, T0 + 60 * 60_000));
  expect(numbers.view(T0 + 60 * 60_000 + 5_000).eventsPerSecond.reduce((a, b) => a + b)).toBe(1);
});

it('follows the state and the HTTP status of the connection', () => {
  const numbers = new FeedNumbers();
  expect(numbers.view(T0)).toMatchObject({ state: 'connecting', httpStatus: null, sinceLastEventMs: null, reconnects: 0 });
  numbers.record([{ seq: 1, time: T0, kind: 'open', status: 200, headers: {}, url: 'http://x/', ttfbMs: 2, attempt: 1 }]);
  expect(numbers.view(T0)).toMatchObject({ state: 'open', httpStatus: 200 });
  numbers.record([
    { seq: 2, time: T0, kind: 'error', message: 'HTTP 503 Service Unavailable', status: 503, retryInMs: 3000 },
    { seq: 3, time: T0, kind: 'reconnect', delayMs: 3000, lastEventId: '', reason: 'http-error', attempt: 2 },
  ]);
  expect(numbers.view(T0)).toMatchObject({ state: 'reconnecting', httpStatus: 503, reconnects: 1 });
  numbers.record([{ seq: 4, time: T0, kind: 'closed', reason: 'closed' }]);
  expect(numbers.view(T0).state).toBe('closed');
});
