// Reading in slices: alone, a session reads on within its 10 ms; past them it waits for the next
// turn of the event loop; sessions that wait get their turns in order, one chunk each, round-robin.

import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { IngestSlices } from '../../../main/core/app/ingest-slices.ts';

beforeEach(() => vi.useFakeTimers({ toFake: ['setImmediate', 'performance'] }));
afterEach(() => vi.useRealTimers());

const settled = () => new Promise<void>((resolve) => queueMicrotask(resolve));

/** A slice that has just begun. */
async function sliceStarted(slices: IngestSlices): Promise<void> {
  const turn = slices.ready(); // no slice has started yet: wait for the next turn
  expect(turn).toBeInstanceOf(Promise);
  vi.runOnlyPendingTimers();
  await turn;
}

it('lets a lone reader read on within its slice, and makes it wait for the next turn past it', async () => {
  const slices = new IngestSlices(10);
  await sliceStarted(slices);
  expect(slices.ready()).toBeNull();
  vi.advanceTimersByTime(9);
  expect(slices.ready()).toBeNull();
  vi.advanceTimersByTime(1);
  const next = slices.ready();
  expect(next).toBeInstanceOf(Promise);
  let went = false;
  void next!.then(() => (went = true));
  await settled();
  expect(went).toBe(false);
  vi.runOnlyPendingTimers();
  await settled();
  expect(went).toBe(true);
  expect(slices.ready()).toBeNull(); // a new slice
});

it('takes waiting readers in turn, one chunk each, round-robin', async () => {
  const slices = new IngestSlices(10);
  await sliceStarted(slices);
  vi.advanceTimersByTime(10);
  const order: string[] = [];
  const ask = (name: string) => void slices.ready()!.then(() => order.push(name));
  ask('a');
  ask('b');
  ask('c');
  vi.runOnlyPendingTimers(); // the next turn: the first in line reads
  await settled();
  expect(order).toEqual(['a']);
  // a read its chunk and asks again within the slice: it queues behind b and c, and b goes.
  ask('a');
  await settled();
  expect(order).toEqual(['a', 'b']);
  ask('b'); // then c
  await settled();
  ask('c'); // then a, again
  await settled();
  expect(order).toEqual(['a', 'b', 'c', 'a']);
});
