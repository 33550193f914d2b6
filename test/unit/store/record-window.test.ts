import { describe, expect, it } from 'vitest';
import type { SseRecord } from '../../../main/common/records.ts';
import { OffsetIndex } from '../../../main/core/store/offset-index.ts';
import { recordBytes } from '../../../main/core/store/record-bytes.ts';
import { RecordWindow } from '../../../main/core/store/record-window.ts';
import { makeRecord, makeRecords } from './make-records.ts';

const seqsOf = (records: SseRecord[]) => records.map((r) => r.seq);

describe('RecordWindow', () => {
  it('keeps the newest records, oldest first, once full', () => {
    const window = new RecordWindow(5);
    const evicted = makeRecords(12).map((r) => window.push(r));
    expect(evicted.filter(Boolean)).toHaveLength(7);
    expect(window.length).toBe(5);
    expect(seqsOf(window.slice(0, 5))).toEqual([8, 9, 10, 11, 12]);
    expect([window.firstSeq, window.lastSeq]).toEqual([8, 12]);
  });

  it('finds records by seq, with or without gaps in the numbering', () => {
    const window = new RecordWindow(4);
    for (const seq of [3, 4, 9, 10, 20, 21]) window.push(makeRecord(seq));
    expect(seqsOf(window.slice(0, 4))).toEqual([9, 10, 20, 21]);
    expect(window.lowerBound(1)).toBe(0);
    expect(window.lowerBound(10)).toBe(1);
    expect(window.lowerBound(11)).toBe(2);
    expect(window.lowerBound(21)).toBe(3);
    expect(window.lowerBound(22)).toBe(4);
  });

  it('collects matches across the wrap of the ring and stops past a seq', () => {
    const window = new RecordWindow(10);
    for (const record of makeRecords(27)) window.push(record); // holds 18..27, wrapped
    const out: number[] = [];
    expect(window.collect(0, 10, 100, (r) => r.seq % 2 === 0, out)).toBe(10);
    expect(out).toEqual([18, 20, 22, 24, 26]);
    const upTo: number[] = [];
    expect(window.collect(1, 10, 23, () => true, upTo)).toBe(6);
    expect(upTo).toEqual([19, 20, 21, 22, 23]);
  });

  it('also keeps within its bytes: the oldest go first, the newest always stays', () => {
    const records = makeRecords(50);
    const bytesOf = (list: SseRecord[]) => list.reduce((sum, record) => sum + recordBytes(record), 0);
    const window = new RecordWindow(1000, bytesOf(records.slice(40)));
    for (const record of records) window.push(record);
    expect([window.firstSeq, window.lastSeq]).toEqual([41, 50]);
    expect(window.bytes).toBe(bytesOf(records.slice(40)));

    window.setMaxBytes(bytesOf(records.slice(45)));
    expect(seqsOf(window.slice(0, 100))).toEqual([46, 47, 48, 49, 50]);
    window.setMaxBytes(1);
    expect(seqsOf(window.slice(0, 100))).toEqual([50]);
    // Room again: it fills up to the new bound as records come, around the ring.
    window.setMaxBytes(Number.POSITIVE_INFINITY);
    for (const record of makeRecords(1500, 51)) window.push(record);
    expect([window.length, window.firstSeq, window.lastSeq]).toEqual([1000, 551, 1550]);
    const out: number[] = [];
    window.collect(0, window.length, Number.MAX_SAFE_INTEGER, () => true, out);
    expect(out).toEqual(Array.from({ length: 1000 }, (_, i) => 551 + i));
  });

  it('refuses a size that is not a positive integer', () => {
    expect(() => new RecordWindow(0)).toThrow(/positive integer/);
  });
});

describe('OffsetIndex', () => {
  it('finds the entry at or before a seq or a position', () => {
    const index = new OffsetIndex(10);
    expect(index.wants(0) && index.wants(20) && !index.wants(5)).toBe(true);
    index.add(1, 0);
    index.add(11, 500);
    index.add(25, 1200); // a gap in the numbering before it
    expect(index.forSeq(0)).toEqual({ position: 0, seq: 0, offset: 0 });
    expect(index.forSeq(10)).toEqual({ position: 0, seq: 1, offset: 0 });
    expect(index.forSeq(24)).toEqual({ position: 10, seq: 11, offset: 500 });
    expect(index.forSeq(99)).toEqual({ position: 20, seq: 25, offset: 1200 });
    expect(index.forPosition(19)).toEqual({ position: 10, seq: 11, offset: 500 });
    expect(index.forPosition(500)).toEqual({ position: 20, seq: 25, offset: 1200 });
  });
});
