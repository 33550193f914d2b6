// The originals of masked records a live session keeps for an unredacted export: only those the
// mask changed, looked up by seq, within a byte bound past which they are counted, not kept.

import { expect, test } from 'vitest';
import type { SseRecord } from '../../../main/common/records.ts';
import { UnmaskedRecords } from '../../../main/core/app/unmasked-records.ts';

const event = (seq: number, data: string): SseRecord => ({
  seq,
  time: seq,
  kind: 'event',
  type: 'message',
  data,
  lastEventId: '',
  size: data.length,
});

test('keeps the originals of changed records only, up to its bound, and counts the rest', () => {
  const kept = new UnmaskedRecords(200);
  const arrived = [event(1, 'token abcd'), event(2, 'plain'), event(3, 'x'.repeat(150)), event(4, 'token abcd again')];
  const masked = [event(1, 'token ••••'), arrived[1]!, event(3, '••••'), event(4, 'token •••• again')];
  kept.keep(arrived, masked);

  expect(kept.original(masked[0]!)).toBe(arrived[0]);
  expect(kept.original(masked[1]!)).toBe(arrived[1]);
  // The third did not fit: it stays masked, and is counted.
  expect(kept.original(masked[2]!)).toBe(masked[2]);
  expect(kept.original(masked[3]!)).toBe(arrived[3]);
  expect(kept.missed).toBe(1);

  kept.clear();
  expect(kept.original(masked[0]!)).toBe(masked[0]);
  expect(kept.missed).toBe(0);
});
