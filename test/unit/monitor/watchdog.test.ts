// The watchdog on a feed: no event for N seconds, more than K reconnects in M minutes, an HTTP
// error status and a feed that closed by itself each raise an alert of their own, once while the
// trouble lasts; the recovery is noted on the same alert.

import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { WatchdogThresholds } from '../../../main/core/monitor/watchdog.ts';
import { startMonitor, type MonitorHarness } from '../../helpers/monitor-harness.ts';

const THRESHOLDS: WatchdogThresholds = { staleAfterSec: 60, maxReconnects: 3, reconnectWindowMin: 5 };

let harness: MonitorHarness | null = null;

async function watch(thresholds: Partial<WatchdogThresholds> = {}): Promise<MonitorHarness> {
  harness = await startMonitor({ watchdog: { ...THRESHOLDS, ...thresholds } });
  harness.monitor.start();
  return harness;
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2025-03-01T09:00:00Z') });
});

afterEach(async () => {
  await harness?.dispose();
  harness = null;
  vi.useRealTimers();
});

it('alerts when no event has come for the threshold, and notes when events come again', async () => {
  const { feed, changes, book, monitor } = await watch();
  feed.open();
  vi.advanceTimersByTime(30_000);
  feed.events('tick', 'one');
  vi.advanceTimersByTime(59_000);
  feed.events('tick', 'two'); // the silence starts again
  vi.advanceTimersByTime(59_999);
  expect(changes).toEqual([]);

  vi.advanceTimersByTime(1);
  expect(changes).toEqual(['raised warning stale: No event for 1 min']);
  expect(monitor.overview()).toMatchObject({ stale: true, openAlerts: 1, state: 'open' });
  expect(book.list()[0]).toMatchObject({ watchdog: 'stale', seq: 3, recoveredAt: null });

  vi.advanceTimersByTime(3 * 60_000 + 12_000);
  feed.events('tick', 'three');
  expect(changes.at(-1)).toBe('recovered warning stale: Events again after 4 min 12 s');
  const [alert] = book.list();
  expect(alert).toMatchObject({ recoveredAt: Date.now(), recovery: 'Events again after 4 min 12 s', count: 1 });
  expect(monitor.overview()).toMatchObject({ stale: false, openAlerts: 0 });

  // Watching goes on: the next silence is a new alert.
  vi.advanceTimersByTime(60_000);
  expect(changes.at(-1)).toBe('raised warning stale: No event for 1 min');
  expect(book.list()).toHaveLength(2);
});

it('counts the silence from the start when no event ever came', async () => {
  const { feed, changes } = await watch({ staleAfterSec: 10 });
  feed.open();
  vi.advanceTimersByTime(10_000);
  vi.advanceTimersByTime(15_000);
  feed.events('tick', 'finally');
  expect(changes).toEqual(['raised warning stale: No event for 10 s', 'recovered warning stale: First event after 25 s']);
});

it('alerts once when reconnects pass the limit within the window, and recovers when the window calms', async () => {
  const { feed, changes, book } = await watch({ staleAfterSec: 0 });
  for (let n = 0; n < 3; n++) {
    feed.failure('Connection failed: ECONNREFUSED');
    vi.advanceTimersByTime(60_000);
  }
  expect(changes).toEqual([]);
  feed.reconnect('restart'); // asked for by the user: not the feed's trouble
  expect(changes).toEqual([]);

  feed.failure('Connection lost: socket hang up'); // the 4th within 5 min
  expect(changes).toEqual(['raised warning reconnects: 4 reconnects within 5 min (the limit is 3)']);
  feed.failure('Connection failed: ECONNREFUSED'); // counted into the open alert, not raised again
  expect(changes.slice(1)).toEqual(['counted warning reconnects: Seen 2 times']);
  expect(book.list()).toHaveLength(1);

  // The first reconnects leave the window; the storm ends when at most 3 remain within it.
  feed.open();
  vi.advanceTimersByTime(3 * 60_000);
  expect(changes.at(-1)).toBe('recovered warning reconnects: Steady again after 3 min: 3 reconnects within the last 5 min');
  expect(vi.getTimerCount()).toBe(0);
});

it('alerts on an HTTP error status once while retries fail, and recovers on the next connection', async () => {
  const { feed, changes, book } = await watch({ staleAfterSec: 0, maxReconnects: 0 });
  feed.open();
  feed.failure('HTTP 503 Service Unavailable: down for maintenance', 503, 'http-error');
  vi.advanceTimersByTime(30_000);
  feed.failure('HTTP 503 Service Unavailable: down for maintenance', 503, 'http-error');
  feed.failure('Connection failed: ECONNREFUSED'); // no status: not an HTTP error
  vi.advanceTimersByTime(95_000);
  feed.open(200);

  expect(changes).toEqual([
    'raised critical http-error: HTTP 503 Service Unavailable: down for maintenance',
    'counted critical http-error: Seen 2 times',
    'recovered critical http-error: Connected again after 2 min 5 s (HTTP 200)',
  ]);
  expect(book.list()[0]).toMatchObject({ seq: 2, count: 2, recovery: 'Connected again after 2 min 5 s (HTTP 200)' });
  expect(harness!.monitor.overview().httpStatus).toBe(200);
});

it('alerts when the feed closes by itself, not when its owner closes it, and recovers when it opens again', async () => {
  const { feed, changes, book } = await watch({ staleAfterSec: 30, maxReconnects: 0 });
  feed.open();
  feed.events('tick', 'one');
  feed.closed('no-content');
  expect(changes).toEqual([
    'raised critical closed: The feed closed: the server answered 204 No Content (its way to say "stop reconnecting")',
  ]);
  // A closed feed is not also stale: nothing can arrive.
  vi.advanceTimersByTime(10 * 60_000);
  expect(changes).toHaveLength(1);
  expect(harness!.monitor.overview().state).toBe('closed');

  feed.open();
  expect(changes.at(-1)).toBe('recovered critical closed: Open again after 10 min');
  expect(book.openCount()).toBe(0);
  // Open again: silence counts from the reopening.
  vi.advanceTimersByTime(30_000);
  expect(changes.at(-1)).toBe('raised warning stale: No event for 30 s');

  feed.closed('closed'); // the user (or `watch` on SIGTERM) closed it
  feed.closed('limit');
  expect(changes.filter((line) => line.startsWith('raised critical closed'))).toHaveLength(1);
  expect(vi.getTimerCount()).toBe(0);
});

it('says why a feed failed for good', async () => {
  const { feed, changes } = await watch({ staleAfterSec: 0 });
  feed.closed('failed', { message: 'HTTP 401 Unauthorized: invalid api key', status: 401 });
  expect(changes).toEqual([
    'raised critical http-error: HTTP 401 Unauthorized: invalid api key',
    'raised critical closed: The feed closed: the connection failed and will not be retried',
  ]);
});

it('is off without settings, and its thresholds of 0 turn single checks off', async () => {
  harness = await startMonitor({ watchdog: null });
  harness.monitor.start();
  harness.feed.failure('HTTP 500', 500);
  harness.feed.closed('failed');
  vi.advanceTimersByTime(24 * 3600_000);
  expect(harness.changes).toEqual([]);
  await harness.dispose();

  const { feed, changes } = await watch({ staleAfterSec: 0, maxReconnects: 0 });
  for (let n = 0; n < 20; n++) feed.failure('Connection failed: ECONNREFUSED');
  vi.advanceTimersByTime(24 * 3600_000);
  expect(changes).toEqual([]);
  expect(vi.getTimerCount()).toBe(0);
});
