// Alert rules on a feed: written in the search language, each with a name and a severity. The
// first match raises an alert at once; matches within the next minute are counted into it and
// reported once when the minute ends; a match after that raises a new alert.

import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { ALERT_WINDOW_MS } from '../../../main/core/monitor/rule-alerts.ts';
import { CAPTURE_ID, CONNECTION, rule, startMonitor, type MonitorHarness } from '../../helpers/monitor-harness.ts';

let harness: MonitorHarness | null = null;

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2025-03-01T09:00:00Z') });
});

afterEach(async () => {
  await harness?.dispose();
  harness = null;
  vi.useRealTimers();
});

it('raises an alert for the first match at once, with what a view needs to show it and jump to it', async () => {
  harness = await startMonitor({ rules: [rule('data.level=error', { name: 'errors', severity: 'critical' })] });
  harness.feed.events('log', '{"level":"info","msg":"ok"}', '{"level":"error","msg":"disk   full"}');

  expect(harness.changes).toEqual(['raised critical errors: event "log" #2: {"level":"error","msg":"disk full"}']);
  const [alert] = harness.book.list();
  expect(alert).toEqual({
    id: expect.any(String),
    time: Date.parse('2025-03-01T09:00:00Z'),
    connectionId: CONNECTION.id,
    connectionName: 'Orders',
    rule: 'errors',
    ruleId: expect.any(String),
    watchdog: null,
    severity: 'critical',
    message: 'event "log" #2: {"level":"error","msg":"disk full"}',
    preview: '{"level":"error","msg":"disk full"}',
    seq: 2,
    captureId: CAPTURE_ID,
    count: 1,
    acknowledged: false,
    recoveredAt: null,
    recovery: null,
  });
  expect(harness.monitor.overview().openAlerts).toBe(1);
});

it('counts the matches of the next minute into the alert and reports them once, when the minute ends', async () => {
  harness = await startMonitor({ rules: [rule('/timeout/i -type:heartbeat', { name: 'timeouts' })] });
  harness.feed.events('job', 'Timeout after 3 s');
  vi.advanceTimersByTime(10_000);
  harness.feed.events('job', 'timeout again', 'fine', 'TIMEOUT');
  harness.feed.events('heartbeat', 'timeout is not news here');
  vi.advanceTimersByTime(40_000);
  for (let n = 0; n < 10; n++) harness.feed.events('job', `timeout ${n}`);
  expect(harness.changes).toHaveLength(1);

  vi.advanceTimersByTime(ALERT_WINDOW_MS - 50_000);
  expect(harness.changes).toEqual([
    'raised warning timeouts: event "job" #1: Timeout after 3 s',
    "repeated warning timeouts: 12 more matches of 'timeouts' in the last minute",
  ]);
  expect(harness.book.list()[0]!.count).toBe(13);
  expect(vi.getTimerCount()).toBe(0);
});

it('raises a new alert for the first match after the window, and stays quiet while nothing matches', async () => {
  harness = await startMonitor({ rules: [rule('type:alarm')] });
  harness.feed.events('alarm', 'one');
  vi.advanceTimersByTime(ALERT_WINDOW_MS);
  expect(harness.changes).toHaveLength(1); // nothing held back: nothing to report
  harness.feed.events('alarm', 'two');
  harness.feed.events('alarm', 'three');
  vi.advanceTimersByTime(ALERT_WINDOW_MS);
  harness.feed.events('alarm', 'four');

  expect(harness.changes).toEqual([
    'raised warning type:alarm: event "alarm" #1: one',
    'raised warning type:alarm: event "alarm" #2: two',
    "repeated warning type:alarm: 1 more match of 'type:alarm' in the last minute",
    'raised warning type:alarm: event "alarm" #4: four',
  ]);
  expect(harness.book.list().map((alert) => [alert.seq, alert.count])).toEqual([
    [4, 1],
    [2, 2],
    [1, 1],
  ]);
});

it('limits each rule on its own, and skips disabled rules', async () => {
  harness = await startMonitor({
    rules: [rule('type:a', { name: 'A' }), rule('type:b', { name: 'B', severity: 'info' }), rule('type:c', { enabled: false })],
  });
  harness.feed.events('a', '1');
  harness.feed.events('b', '2');
  harness.feed.events('a', '3');
  harness.feed.events('c', '4');
  expect(harness.changes).toEqual(['raised warning A: event "a" #1: 1', 'raised info B: event "b" #2: 2']);
});

it('reports the matches still held when the feed stops, over the time they came in', async () => {
  harness = await startMonitor({ rules: [rule('boom', { name: 'booms' })] });
  harness.feed.events('x', 'boom', 'boom', 'boom');
  vi.advanceTimersByTime(20_000);
  harness.monitor.dispose();
  expect(harness.changes.at(-1)).toBe("repeated warning booms: 2 more matches of 'booms' in the last 20 s");
  expect(vi.getTimerCount()).toBe(0);
});

it('names a rule whose query does not parse, in the search bar words, and watches the others', async () => {
  harness = await startMonitor({ rules: [rule('kind:nope', { name: 'broken' }), rule('fine')] });
  expect(harness.monitor.ruleProblems).toEqual([
    `Alert rule 'broken' is not watched: Unknown kind "nope" (kinds: event, comment, retry, open, error, reconnect, closed) (at position 5 of "kind:nope")`,
  ]);
  harness.feed.events('x', 'all fine');
  expect(harness.changes).toEqual(['raised warning fine: event "x" #1: all fine']);
});

it('keeps a rule window across a change to the other rules', async () => {
  const errors = rule('error', { name: 'errors' });
  harness = await startMonitor({ rules: [errors] });
  harness.feed.events('x', 'error 1');
  harness.monitor.setRules([{ ...errors, severity: 'critical' }, rule('warn')]);
  harness.feed.events('x', 'error 2');
  vi.advanceTimersByTime(ALERT_WINDOW_MS);
  expect(harness.changes).toEqual([
    'raised warning errors: event "x" #1: error 1',
    "repeated warning errors: 1 more match of 'errors' in the last minute",
  ]);
});
