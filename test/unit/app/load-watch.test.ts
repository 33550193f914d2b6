// Overload: a quarter-second sample of the event loop busy over 90% of the time starts it, a second
// without such a sample ends it; each change is reported once.

import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { LoadWatch } from '../../../main/core/app/load-watch.ts';

beforeEach(() => vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] }));
afterEach(() => vi.useRealTimers());

it('turns on with a busy sample and off after a calm second', () => {
  let utilization = 0.2;
  const changes: boolean[] = [];
  const watch = new LoadWatch((overloaded) => changes.push(overloaded), { probe: () => utilization });
  watch.start();
  vi.advanceTimersByTime(1000);
  expect(changes).toEqual([]);

  utilization = 0.97;
  vi.advanceTimersByTime(250);
  expect(watch.overloaded).toBe(true);
  vi.advanceTimersByTime(2000); // still busy: no second report
  utilization = 0.5;
  vi.advanceTimersByTime(750);
  expect(watch.overloaded).toBe(true); // not yet a calm second
  vi.advanceTimersByTime(500);
  expect(watch.overloaded).toBe(false);
  expect(changes).toEqual([true, false]);
  watch.stop();
  expect(vi.getTimerCount()).toBe(0);
});
