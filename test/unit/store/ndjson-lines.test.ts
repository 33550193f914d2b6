import { describe, expect, it } from 'vitest';
import type { SseRecord } from '../../../main/common/records.ts';
import { toNdjson } from '../../../main/core/store/ndjson-lines.ts';
import { makeRecords } from './make-records.ts';

const oneByOne = (records: readonly SseRecord[]) => records.map((r) => JSON.stringify(r) + '\n').join('');

describe('toNdjson', () => {
  it('writes exactly JSON.stringify of each record, one a line, for every kind', () => {
    const records: SseRecord[] = [
      ...makeRecords(60),
      { seq: 61, time: 1, kind: 'retry', ms: 3000 },
      {
        seq: 62,
        time: 2,
        kind: 'open',
        status: 200,
        headers: { 'content-type': 'text/event-stream', seq: '},{"seq":1' },
        url: 'http://x/',
        ttfbMs: 4,
        attempt: 1,
      },
      { seq: 63, time: 3, kind: 'reconnect', delayMs: 10, lastEventId: '', reason: 'stream-ended', attempt: 2 },
      { seq: 64, time: 4, kind: 'closed', reason: 'closed' },
    ];
    expect(toNdjson(records)).toBe(oneByOne(records));
  });

  it('is not fooled by record boundaries spelled inside data', () => {
    const records: SseRecord[] = [
      { seq: 1, time: 1, kind: 'event', type: 'message', data: '},{"seq":2,"x":1}\n{"seq":', lastEventId: '', size: 1 },
      { seq: 2, time: 2, kind: 'comment', text: '"},{"seq":3', size: 1 },
    ];
    const text = toNdjson(records);
    expect(text).toBe(oneByOne(records));
    expect(
      text
        .split('\n')
        .slice(0, -1)
        .map((line) => JSON.parse(line)),
    ).toEqual(records);
  });

  it('falls back to one record at a time when a record does not start with seq', () => {
    const records = [
      { seq: 1, time: 1, kind: 'retry', ms: 1 },
      { kind: 'retry', seq: 2, time: 2, ms: 2 },
      { seq: 3, time: 3, kind: 'retry', ms: 3 },
    ] as SseRecord[];
    expect(toNdjson(records)).toBe(oneByOne(records));
    expect(toNdjson([])).toBe('');
  });
});
