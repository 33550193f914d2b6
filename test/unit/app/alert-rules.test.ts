// Alert rules: compiled from the search language, each alerting at most once per cooldown with a
// count of the matches it held back, and notifying only while notifications are on.

import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { PushName } from '../../../main/contract.ts';
import { AlertWatcher } from '../../../main/core/app/alert-rules.ts';
import type { SseRecord } from '../../../main/common/records.ts';

let now = 0;
let pushes: { name: PushName; payload: unknown }[];
let notes: string[];
let notificationsOn = true;

const event = (seq: number, type: string, data = 'd'): SseRecord => ({ seq, time: 0, kind: 'event', type, data, lastEventId: '', size: 1 });
const rule = (query: string, enabled = true) => ({ id: crypto.randomUUID(), name: query, query, severity: 'warning' as const, enabled });

function watcher(): AlertWatcher {
  return new AlertWatcher({
    sessionId: 's-1',
    sessionName: () => 'Feed',
    push: (name, payload) => pushes.push({ name, payload }),
    notify: (title, body) => notes.push(`${title}: ${body}`),
    notificationsOn: () => notificationsOn,
    clock: () => now,
    cooldownMs: 10_000,
  });
}

beforeEach(() => {
  vi.useFakeTimers();
  now = 1_000_000;
  pushes = [];
  notes = [];
  notificationsOn = true;
});

afterEach(() => {
  vi.useRealTimers();
});

it('alerts on the first match, holds back the rest for the cooldown, then reports them', () => {
  const alerts = watcher();
  expect(alerts.setRules([rule('type:alarm'), rule('type:other', false)])).toEqual([]);
  expect(alerts.size).toBe(1);
  alerts.check([event(1, 'alarm'), event(2, 'ok'), event(3, 'alarm'), event(4, 'other'), event(5, 'alarm')]);
  expect(pushes).toEqual([
    {
      name: 'session:alert',
      payload: { sessionId: 's-1', seq: 1, rule: 'type:alarm', message: '"type:alarm" matched event "alarm" #1: d' },
    },
  ]);
  expect(notes).toEqual(['Alert: Feed: "type:alarm" matched event "alarm" #1: d']);

  // The cooldown ends with no new match: what it held back is reported then.
  now += 10_000;
  vi.advanceTimersByTime(10_000);
  expect(pushes).toHaveLength(2);
  expect(pushes[1]!.payload).toMatchObject({ seq: 5, message: '"type:alarm" matched event "alarm" #5: d (and 1 more)' });
  expect(notes).toHaveLength(2);
  alerts.dispose();
  expect(vi.getTimerCount()).toBe(0);
});

it('does not notify while notifications are off, but still tells the view', () => {
  notificationsOn = false;
  const alerts = watcher();
  alerts.setRules([rule('kind:error')]);
  alerts.check([{ seq: 7, time: 0, kind: 'error', message: 'Connection failed: ECONNREFUSED' }]);
  expect(pushes.map((push) => (push.payload as { message: string }).message)).toEqual([
    '"kind:error" matched error #7: Connection failed: ECONNREFUSED',
  ]);
  expect(notes).toEqual([]);
  alerts.dispose();
});

it('reports a query that does not parse and watches the others', () => {
  const alerts = watcher();
  expect(alerts.setRules([rule('"open'), rule('alarm')])).toEqual([
    expect.stringContaining('Alert ""open" is not a valid query (at 0: Unclosed quote'),
  ]);
  expect(alerts.size).toBe(1);
  alerts.dispose();
});
