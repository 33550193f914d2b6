// The record store against real capture files in a temporary folder.

import { appendFile, mkdtemp, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SseRecord } from '../../main/common/records.ts';
import { CaptureWriter } from '../../main/core/store/capture-writer.ts';
import { RecordStore } from '../../main/core/store/record-store.ts';
import { makeRecords } from '../unit/store/make-records.ts';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'store-test-'));
});
afterEach(async () => {
  vi.useRealTimers();
  await rm(folder, { recursive: true, force: true });
});

async function storeWith(records: SseRecord[], windowSize: number, batch = 37): Promise<{ store: RecordStore; path: string }> {
  const path = join(folder, 'capture.ndjson');
  const store = new RecordStore({ windowSize, capture: await CaptureWriter.create(path, { indexEvery: 100 }) });
  for (let i = 0; i < records.length; i += batch) store.append(records.slice(i, i + batch));
  return { store, path };
}

const seqs = (records: SseRecord[]) => records.map((r) => r.seq);
const fileLines = async (path: string) => (await readFile(path, 'utf8')).split('\n').filter((line) => line !== '');

describe('RecordStore', () => {
  it('answers ranges, counts and the latest records from memory', async () => {
    const records = makeRecords(300);
    const store = new RecordStore();
    store.append(records.slice(0, 100));
    store.append(records.slice(100));
    expect(store.total).toBe(300);
    expect([store.firstSeq, store.lastSeq]).toEqual([1, 300]);
    expect(await store.range(41, 5)).toEqual(records.slice(40, 45));
    expect(await store.range(298, 10)).toEqual(records.slice(297));
    expect(await store.latest(3)).toEqual(records.slice(297));
    expect(store.get(150)).toBe(records[149]);

    const counts = store.counts();
    const expectKind = (kind: string) => records.filter((r) => r.kind === kind).length;
    expect(counts.byKind).toMatchObject({
      event: expectKind('event'),
      comment: expectKind('comment'),
      error: expectKind('error'),
      open: 0,
    });
    const pings = records.filter((r) => r.kind === 'event' && r.type === 'ping').length;
    expect(counts.byType).toEqual([
      { type: 'message', count: expectKind('event') - pings },
      { type: 'ping', count: pings },
    ]);
  });

  it('refuses records whose seq does not go up', () => {
    const store = new RecordStore();
    store.append(makeRecords(3));
    expect(() => store.append(makeRecords(1, 3))).toThrow(/seq 3 is not after 3/);
    expect(() => store.append([...makeRecords(2, 4), ...makeRecords(1, 4)])).toThrow(/seq 4 is not after 5/);
    expect(store.total).toBe(3); // nothing of the bad batch was kept
  });

  it('reads records older than the window back from the capture file', async () => {
    const records = makeRecords(1000);
    const { store } = await storeWith(records, 50);
    expect(store.window.length).toBe(50);
    expect(store.firstSeq).toBe(1);
    expect(store.get(10)).toBeUndefined();
    expect(await store.range(10, 5)).toEqual(records.slice(9, 14));
    expect(await store.range(930, 40)).toEqual(records.slice(929, 969)); // across the window's start
    expect(await store.range(1, 1000)).toEqual(records);
    expect(await store.latest(120)).toEqual(records.slice(880));
    expect(store.counts().total).toBe(1000);
    await store.close();
  });

  it('reads a range without gaps while new records push the window on', async () => {
    const records = makeRecords(3000);
    const { store } = await storeWith(records.slice(0, 1000), 100);
    const reading = store.range(850, 300);
    store.append(records.slice(1000, 2000)); // the window now starts at 1901
    expect(await reading).toEqual(records.slice(849, 1149));
    const newest = store.latest(150);
    store.append(records.slice(2000));
    expect(seqs(await newest)).toEqual(seqs(records.slice(1850, 2000)));
    await store.close();
  });

  it('without a capture file, what leaves the window is gone', async () => {
    const store = new RecordStore({ windowSize: 10 });
    store.append(makeRecords(25));
    expect(store.firstSeq).toBe(16);
    expect(seqs(await store.range(1, 3))).toEqual([16, 17, 18]);
    expect(store.total).toBe(25);
  });

  it('writes each record as one CLI-shaped NDJSON line, readable while the store is open', async () => {
    const records = makeRecords(120);
    const { store, path } = await storeWith(records, 1000);
    await store.flush();
    expect(store.durableSeq).toBe(120);
    expect(await fileLines(path)).toEqual(records.map((r) => JSON.stringify(r)));
    await store.close();
  });

  it('flushes on its own when the flush interval has passed, and says so', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const path = join(folder, 'timed.ndjson');
    const store = new RecordStore({ capture: await CaptureWriter.create(path, { flushIntervalMs: 250 }) });
    const flushed = new Promise<number>((resolve) => store.onFlushed(resolve));
    store.append(makeRecords(5));
    vi.advanceTimersByTime(249);
    await new Promise((resolve) => setImmediate(resolve));
    expect((await stat(path)).size).toBe(0);
    expect(store.durableSeq).toBe(0);
    vi.advanceTimersByTime(1);
    expect(await flushed).toBe(5);
    expect(store.durableSeq).toBe(5);
    expect(await fileLines(path)).toHaveLength(5);
    await store.close();
  });

  it('reopens a capture with exactly the same records, seqs and counts', async () => {
    const records = makeRecords(2500);
    const { store, path } = await storeWith(records, 100);
    await store.close();
    const reopened = await RecordStore.open(path, { windowSize: 100 });
    expect(reopened.notices).toEqual([]);
    expect(reopened.store.total).toBe(2500);
    expect(reopened.store.counts()).toEqual(store.counts());
    expect(await reopened.store.range(1, 2500)).toEqual(records);
    expect(await reopened.store.range(1234, 3)).toEqual(records.slice(1233, 1236));
    expect(() => reopened.store.append(makeRecords(1, 2501))).toThrow(/read-only/);
  });

  it('reopens records far larger than a read chunk, with multi-byte text across chunk edges', async () => {
    const records: SseRecord[] = makeRecords(5).map((r) => (r.kind === 'event' ? { ...r, data: 'é€😀'.repeat(300_000 + r.seq) } : r));
    const { store, path } = await storeWith(records, 2);
    await store.close();
    const { store: reopened, notices } = await RecordStore.open(path, { windowSize: 2 });
    expect(notices).toEqual([]);
    expect(await reopened.range(1, 5)).toEqual(records);
  });

  it('loads the intact records of a capture cut mid-line and reports the broken tail', async () => {
    const records = makeRecords(40);
    const { store, path } = await storeWith(records, 100);
    await store.close();
    const size = (await stat(path)).size;
    await truncate(path, size - 10);
    const { store: reopened, notices } = await RecordStore.open(path);
    expect(await reopened.range(1, 100)).toEqual(records.slice(0, 39));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ line: 40 });
    expect(notices[0]!.message).toMatch(/incomplete record .*39 records before it were loaded/);
  });

  it('loads a last line that lacks only its line break, and skips lines that are not records', async () => {
    const path = join(folder, 'hand-made.ndjson');
    const records = makeRecords(4);
    await writeFile(path, [JSON.stringify(records[0]), '{"not":"a record"}', JSON.stringify(records[1]), 'garbage', ''].join('\n'));
    await appendFile(path, JSON.stringify(records[2]) + '\n' + JSON.stringify(records[1]) + '\n' + JSON.stringify(records[3]));
    const { store, notices } = await RecordStore.open(path);
    expect(await store.range(1, 10)).toEqual(records);
    expect(notices.map((n) => n.line)).toEqual([2, 4, 6]);
    expect(notices[2]!.message).toMatch(/seq 2, not after 3/);
  });
});

describe('RecordStore search', () => {
  it('finds matches in the window and in the capture file, in order, and pages them with highlights', async () => {
    const records = makeRecords(3000);
    const { store } = await storeWith(records, 200);
    const outcome = await store.search('word7 -type:ping');
    if (outcome.status !== 'done') throw new Error(outcome.status);
    const expected = records.filter((r) => r.kind === 'event' && r.type !== 'ping' && r.data.includes('word7'));
    expect(outcome.result.total).toBe(expected.length);
    expect(outcome.result.seqs).toEqual(seqs(expected));

    const first = await outcome.result.page(0, 10);
    expect(first.total).toBe(expected.length);
    expect(first.hits.map((h) => h.record)).toEqual(expected.slice(0, 10)); // these come from the file
    const hit = first.hits[0]!;
    if (hit.record.kind !== 'event') throw new Error('expected an event');
    const range = hit.matches[0]!.ranges[0]!;
    expect(hit.matches[0]!.field).toBe('data');
    expect(hit.record.data.slice(range[0], range[1])).toBe('word7');

    const last = await outcome.result.page(expected.length - 3, 10);
    expect(last.hits.map((h) => h.record)).toEqual(expected.slice(-3));
    expect((await outcome.result.page(expected.length, 10)).hits).toEqual([]);
    await store.close();
  });

  it('returns a malformed query as an error with its position', async () => {
    const store = new RecordStore();
    store.append(makeRecords(3));
    expect(await store.search('ok /unclosed')).toEqual({
      status: 'invalid',
      error: { message: expect.stringMatching(/Unclosed regular expression/), position: 3 },
    });
  });

  it('runs two searches at once, each to its own result (cancelling is up to whoever started one)', async () => {
    const store = new RecordStore();
    const records = makeRecords(25_000);
    store.append(records); // more than one slice, so the first search has to yield
    const older = store.search('word3');
    const newer = store.search('type:ping');
    const [first, second] = await Promise.all([older, newer]);
    expect(first.status === 'done' && first.result.seqs).toEqual(
      seqs(records.filter((r) => r.kind === 'event' && r.data.includes('word3'))),
    );
    expect(second.status === 'done' && second.result.total).toBe(records.filter((r) => r.kind === 'event' && r.type === 'ping').length);
  });

  it('stops when its signal is aborted', async () => {
    const store = new RecordStore();
    store.append(makeRecords(25_000));
    const controller = new AbortController();
    const running = store.search('word3', { signal: controller.signal });
    controller.abort();
    expect((await running).status).toBe('cancelled');
  });

  it('reads records evicted from the window while it runs from the file instead', async () => {
    const records = makeRecords(45_000);
    const { store } = await storeWith(records.slice(0, 25_000), 15_000, 1000);
    const running = store.search('word5');
    for (let i = 25_000; i < 45_000; i += 1000) store.append(records.slice(i, i + 1000));
    const outcome = await running;
    const expected = records.slice(0, 25_000).filter((r) => r.kind === 'event' && r.data.includes('word5'));
    expect(outcome.status === 'done' && outcome.result.seqs).toEqual(seqs(expected));
    await store.close();
  });

  it('answers JSON-field searches the same when they run again, after the window moved, and for other values', async () => {
    // Window 200 over 3000 records: the field's remembered values wrap their ring many times, and
    // most records come from the file. `n` has a value per record (more than the field holds once
    // full); `choices.0.delta.content` has 13.
    const records = makeRecords(3000);
    const { store } = await storeWith(records, 200);
    const valueOf = (r: SseRecord, pick: (d: { n: number; choices: [{ delta: { content: string } }] }) => string) =>
      r.kind === 'event' ? pick(JSON.parse(r.data) as { n: number; choices: [{ delta: { content: string } }] }) : undefined;
    const expectSearch = async (query: string, keep: (r: SseRecord) => boolean) => {
      const outcome = await store.search(query);
      expect(outcome.status === 'done' && outcome.result.seqs).toEqual(seqs(records.filter(keep)));
    };
    for (let round = 0; round < 3; round++) {
      await expectSearch('data.choices.0.delta.content="word7 é"', (r) => valueOf(r, (d) => d.choices[0].delta.content) === 'word7 é');
      await expectSearch('data.choices.0.delta.content~WORD1', (r) => /word1/i.test(valueOf(r, (d) => d.choices[0].delta.content) ?? ''));
      await expectSearch('data.n=2999', (r) => valueOf(r, (d) => String(d.n)) === '2999');
      await expectSearch('-data.n~9 data.choices.0.delta.content~2', (r) => {
        const n = valueOf(r, (d) => String(d.n));
        return n !== undefined && !n.includes('9') && valueOf(r, (d) => d.choices[0].delta.content)!.includes('2');
      });
    }
    // New records take the ring slots of older ones: each is searched by its own value.
    const more = makeRecords(500, 3001);
    store.append(more);
    records.push(...more);
    await expectSearch('data.choices.0.delta.content="word7 é"', (r) => valueOf(r, (d) => d.choices[0].delta.content) === 'word7 é');
    await expectSearch('data.n=3333', (r) => valueOf(r, (d) => String(d.n)) === '3333');
    await store.close();
  });

  it('does not include records appended while it runs', async () => {
    const store = new RecordStore();
    store.append(makeRecords(25_000));
    const running = store.search('kind:comment');
    store.append(makeRecords(100, 25_001));
    const outcome = await running;
    expect(outcome.status === 'done' && outcome.result.total).toBe(2500);
  });
});
