// "Catching up": on at once when reading waited for the capture file or the app is overloaded, off
// after a quiet second (however often reading waits within it), each flip reported once.

import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { CatchingUp } from '../../../main/core/app/catching-up.ts';

beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }));
afterEach(() => vi.useRealTimers());

it('turns on when reading is held back, and off after a second without', () => {
  let flips = 0;
  const flag = new CatchingUp(() => flips++);
  flag.heldBack();
  expect([flag.on, flips]).toEqual([true, 1]);
  for (let i = 0; i < 10; i++) {
    vi.advanceTimersByTime(90);
    flag.heldBack();
  }
  expect([flag.on, flips]).toEqual([true, 1]);
  vi.advanceTimersByTime(999);
  expect(flag.on).toBe(true);
  vi.advanceTimersByTime(1);
  expect([flag.on, flips]).toEqual([false, 2]);
  expect(vi.getTimerCount()).toBe(0);
});

it('stays on for as long as the app is overloaded', () => {
  let flips = 0;
  const flag = new CatchingUp(() => flips++);
  flag.setOverloaded(true);
  vi.advanceTimersByTime(5000);
  expect([flag.on, flips]).toEqual([true, 1]);
  flag.setOverloaded(false);
  expect([flag.on, flips]).toEqual([false, 2]);
  flag.dispose();
});
