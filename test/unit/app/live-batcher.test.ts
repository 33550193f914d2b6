// The live batcher: records after a quiet spell go out at once, then at most one push per
// interval, each bounded, with the seqs left out named; no timer while idle.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SeqRange } from '../../../main/common/records.ts';
import { LiveBatcher } from '../../../main/core/app/live-batcher.ts';
import type { SseRecord } from '../../../main/common/records.ts';

const events = (from: number, count: number, data = 'x'): SseRecord[] =>
  Array.from({ length: count }, (_, i) => ({
    seq: from + i,
    time: 0,
    kind: 'event',
    type: 'message',
    data,
    lastEventId: '',
    size: data.length + 7,
  }));

let sent: { seqs: number[]; skipped: SeqRange | null }[];
const record = (records: SseRecord[], skipped: SeqRange | null) => sent.push({ seqs: records.map((r) => r.seq), skipped });

beforeEach(() => {
  vi.useFakeTimers();
  sent = [];
});

afterEach(() => {
  vi.useRealTimers();
});

describe('LiveBatcher', () => {
  it('sends the first records at once and gathers the rest for the interval', () => {
    const batcher = new LiveBatcher(record, { intervalMs: 50 });
    batcher.add(events(1, 2));
    expect(sent).toEqual([{ seqs: [1, 2], skipped: null }]);
    batcher.add(events(3, 1));
    batcher.add(events(4, 2));
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(50);
    expect(sent).toEqual([
      { seqs: [1, 2], skipped: null },
      { seqs: [3, 4, 5], skipped: null },
    ]);
    // Nothing more came: the timer is not re-armed.
    vi.advanceTimersByTime(50);
    expect(vi.getTimerCount()).toBe(0);
    batcher.add(events(6, 1));
    expect(sent.at(-1)).toEqual({ seqs: [6], skipped: null });
    batcher.dispose();
  });

  it('keeps the newest records of an interval and names the ones it leaves out', () => {
    const batcher = new LiveBatcher(record, { intervalMs: 50, maxRecords: 10 });
    batcher.add(events(1, 1));
    for (let seq = 2; seq <= 101; seq += 5) batcher.add(events(seq, 5)); // 100 records in one interval
    vi.advanceTimersByTime(50);
    expect(sent[1]).toEqual({ seqs: Array.from({ length: 10 }, (_, i) => 92 + i), skipped: { fromSeq: 2, toSeq: 91 } });
    batcher.dispose();
  });

  it('bounds a push by bytes too, always sending at least one record', () => {
    const batcher = new LiveBatcher(record, { intervalMs: 50, maxBytes: 1000 });
    batcher.add(events(1, 3, 'y'.repeat(600)));
    expect(sent).toEqual([{ seqs: [3], skipped: { fromSeq: 1, toSeq: 2 } }]);
    batcher.add(events(4, 1, 'z'.repeat(5000)));
    vi.advanceTimersByTime(50);
    expect(sent[1]).toEqual({ seqs: [4], skipped: null });
    batcher.dispose();
  });

  it('sends nothing while paused and drops what was waiting', () => {
    const batcher = new LiveBatcher(record, { intervalMs: 50 });
    batcher.add(events(1, 1));
    batcher.add(events(2, 1));
    batcher.setPaused(true);
    batcher.add(events(3, 1));
    vi.advanceTimersByTime(200);
    expect(sent).toEqual([{ seqs: [1], skipped: null }]);
    batcher.setPaused(false);
    batcher.add(events(4, 1));
    expect(sent.at(-1)).toEqual({ seqs: [4], skipped: null });
    batcher.dispose();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('names seqs that will never be added (they left the memory window) with what was waiting', () => {
    const batcher = new LiveBatcher(record, { intervalMs: 50 });
    batcher.add(events(1, 1));
    batcher.add(events(2, 2)); // waiting
    batcher.add(events(10, 2), { fromSeq: 4, toSeq: 9 });
    vi.advanceTimersByTime(50);
    expect(sent[1]).toEqual({ seqs: [10, 11], skipped: { fromSeq: 2, toSeq: 9 } });
    // Only skipped seqs, nothing to send: the push still names them.
    vi.advanceTimersByTime(50);
    batcher.add([], { fromSeq: 12, toSeq: 20 });
    expect(sent[2]).toEqual({ seqs: [], skipped: { fromSeq: 12, toSeq: 20 } });
    batcher.dispose();
  });
});
