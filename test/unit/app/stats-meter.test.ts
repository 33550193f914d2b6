// Session stats: rates over a sliding window, totals, the connection's status and time to first
// byte, pushed once a second only while some session is live.

import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { SessionStatsView } from '../../../main/contract.ts';
import { SessionMeter, StatsTicker } from '../../../main/core/app/stats-meter.ts';
import type { SseRecord } from '../../../main/common/records.ts';

let now = 0;
let pushed: SessionStatsView[];

const events = (count: number, size: number, time: number): SseRecord[] =>
  Array.from({ length: count }, (_, i) => ({ seq: i + 1, time, kind: 'event', type: 'message', data: '', lastEventId: '', size }));

beforeEach(() => {
  vi.useFakeTimers();
  now = 0;
  pushed = [];
});

afterEach(() => {
  vi.useRealTimers();
});

it('pushes rates and totals each second while watched, and stops its timer after', () => {
  const ticker = new StatsTicker(
    (name, payload) => name === 'session:stats' && pushed.push(payload as SessionStatsView),
    () => now,
    1000,
  );
  const meter = new SessionMeter();
  meter.record([{ seq: 1, time: 5, kind: 'open', status: 200, headers: {}, url: 'http://x', ttfbMs: 12, attempt: 1 }]);
  ticker.watch('s-1', meter);
  for (let second = 1; second <= 3; second++) {
    meter.record(events(10, 100, second * 1000));
    now = second * 1000;
    vi.advanceTimersByTime(1000);
  }
  expect(pushed).toHaveLength(3);
  expect(pushed.at(-1)).toEqual({
    sessionId: 's-1',
    eventsPerSecond: 10,
    bytesPerSecond: 1000,
    totalEvents: 30,
    totalBytes: 3000,
    lastEventAt: 3000,
    httpStatus: 200,
    ttfbMs: 12,
  });

  // An HTTP error on a reconnect is the connection's status now.
  meter.record([{ seq: 40, time: 0, kind: 'error', message: 'HTTP 503', status: 503, retryInMs: 1000 }]);
  ticker.unwatch('s-1');
  expect(pushed.at(-1)).toMatchObject({ eventsPerSecond: 0, httpStatus: 503, ttfbMs: null, totalEvents: 30 });
  expect(vi.getTimerCount()).toBe(0);
});

it('averages over the last few seconds, so a burst fades out of the rate', () => {
  const meter = new SessionMeter();
  meter.sample(0);
  meter.record(events(600, 1, 0));
  for (let second = 1; second <= 10; second++) meter.sample(second * 1000);
  expect(meter.view('s-1').eventsPerSecond).toBe(0);
  expect(meter.view('s-1').totalEvents).toBe(600);
});
