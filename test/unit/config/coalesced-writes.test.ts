// Coalesced writes: changes asked for while a write runs share the next write, each promise
// resolves only once a write holding its change is done, a failed write rejects exactly the
// promises it carried, and flush() writes again what a failure left unsaved.

import { expect, test, vi } from 'vitest';
import { CoalescedWrites } from '../../../main/core/config/coalesced-writes.ts';

/** A writer whose writes finish (or fail) when the test says so. */
function heldWriter() {
  const written: string[] = [];
  const pending: { value: string; finish: () => void; fail: (error: Error) => void }[] = [];
  const writeOnce = (value: string) =>
    new Promise<void>((resolve, reject) => {
      pending.push({
        value,
        finish: () => {
          written.push(value);
          resolve();
        },
        fail: reject,
      });
    });
  return { written, pending, writes: new CoalescedWrites(writeOnce, 0) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

test('changes made while a write runs share the next write, which carries the newest document', async () => {
  const { written, pending, writes } = heldWriter();
  const answered: string[] = [];
  const ask = (value: string) => void writes.write(value).then(() => answered.push(value));
  ask('v1');
  ask('v2');
  ask('v3');
  ask('v4');
  expect(pending.map((write) => write.value)).toEqual(['v1']);

  pending[0]!.finish();
  await settle();
  expect(answered).toEqual(['v1']); // v2..v4 are not on disk yet
  expect(pending.map((write) => write.value)).toEqual(['v1', 'v4']);

  pending[1]!.finish();
  await settle();
  expect(answered).toEqual(['v1', 'v2', 'v3', 'v4']);
  expect(written).toEqual(['v1', 'v4']);
});

test('a failed write rejects the changes it carried; flush() writes them again', async () => {
  const { written, pending, writes } = heldWriter();
  const first = writes.write('v1');
  pending[0]!.fail(new Error('disk full'));
  await expect(first).rejects.toThrow('disk full');

  const flushed = writes.flush();
  await settle();
  expect(pending.map((write) => write.value)).toEqual(['v1', 'v1']);
  pending[1]!.finish();
  await flushed;
  expect(written).toEqual(['v1']);
  await writes.flush(); // nothing left to write
  expect(pending).toHaveLength(2);
});

test('writes start at most once per interval; a lone change is written at once', async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  try {
    const values: string[] = [];
    const writes = new CoalescedWrites(async (value: string) => void values.push(value), 20);
    const first = writes.write('v1');
    await first;
    expect(values).toEqual(['v1']);
    const later = [writes.write('v2'), writes.write('v3')];
    await vi.advanceTimersByTimeAsync(19);
    expect(values).toEqual(['v1']);
    await vi.advanceTimersByTimeAsync(1);
    await Promise.all(later);
    expect(values).toEqual(['v1', 'v3']);
  } finally {
    vi.useRealTimers();
  }
});
