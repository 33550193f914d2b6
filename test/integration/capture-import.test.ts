// Importing an exported file as an offline session (capture-import.ts): real export files written
// by exportRecords, imported into a real captures folder, reopened read-only, listed like any
// recorded session, and read back past the memory window through record-sources.ts (a range, a
// search result, a selection).

import { appendFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { exportRecords } from '../../main/core/export/export-records.ts';
import type { SseRecord } from '../../main/common/records.ts';
import { importAsCapture } from '../../main/core/store/capture-import.ts';
import { CaptureLibrary } from '../../main/core/store/capture-library.ts';
import { searchResultRecords, selectionRecords, storeRecords } from '../../main/core/store/record-sources.ts';
import { makeRecords } from '../unit/store/make-records.ts';

let dir: string;
let library: CaptureLibrary;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'capture-import-'));
  library = new CaptureLibrary(join(dir, 'captures'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** More records than the reopened window holds, so reading them back also reads the file. */
const RECORDS = makeRecords(2_500);
const WINDOW = 300;

async function all(iterable: AsyncIterable<SseRecord>): Promise<SseRecord[]> {
  const out: SseRecord[] = [];
  for await (const record of iterable) out.push(record);
  return out;
}

/** What a text/event-stream carries of a record (its seq and time are the import's own). */
function streamView(records: readonly SseRecord[]): object[] {
  return records.flatMap<object>((r) => {
    if (r.kind === 'event') return [{ kind: r.kind, type: r.type, data: r.data, lastEventId: r.lastEventId, id: r.id }];
    if (r.kind === 'comment') return [{ kind: r.kind, text: r.text }];
    if (r.kind === 'retry') return [{ kind: r.kind, ms: r.ms }];
    return [];
  });
}

describe('importAsCapture', () => {
  test('an NDJSON export reopens as a capture with the very same records, listed under the file name', async () => {
    const path = join(dir, 'session.ndjson');
    await exportRecords({ source: RECORDS, format: 'ndjson', path });

    const progress: number[] = [];
    const imported = await importAsCapture(library, path, { windowSize: WINDOW, onProgress: (n) => progress.push(n) });
    expect(imported.format).toBe('ndjson');
    expect(imported.notices).toEqual([]);
    expect(imported.store.window.length).toBe(WINDOW);
    expect(await all(storeRecords(imported.store))).toEqual(RECORDS);
    expect(progress.at(-1)).toBe(RECORDS.length);

    const listed = await library.list();
    expect(listed.map((c) => [c.id, c.name, c.url, c.records, c.recording])).toEqual([
      [imported.id, 'session.ndjson', null, RECORDS.length, false],
    ]);
    // The offline session is a capture like any other: it opens again later with the same records.
    const again = await library.open(imported.id);
    expect(await all(storeRecords(again.store))).toEqual(RECORDS);
  });

  test('a file larger than the whole size cap still imports and opens; older captures make room', async () => {
    const capped = new CaptureLibrary(join(dir, 'capped'), { sizeCapBytes: 10_000, sizeCapGraceMs: 0 });
    const older = await capped.create({ name: 'older', connection: null, url: null });
    older.store.append(makeRecords(50));
    await older.finish();
    const path = join(dir, 'big.ndjson');
    await exportRecords({ source: RECORDS, format: 'ndjson', path }); // far more than 10,000 bytes

    const imported = await importAsCapture(capped, path, { windowSize: WINDOW });
    expect(await all(storeRecords(imported.store))).toEqual(RECORDS);
    expect((await capped.list()).map((c) => c.id)).toEqual([imported.id]);
  });

  test('a text/event-stream export reopens with the same events, comments and last event IDs, numbered from 1', async () => {
    const path = join(dir, 'session.sse');
    await exportRecords({ source: RECORDS, format: 'sse', path });

    const imported = await importAsCapture(library, path, { name: 'Replayed feed', windowSize: WINDOW });
    expect(imported.format).toBe('sse');
    expect(imported.notices).toEqual([]);
    const records = await all(storeRecords(imported.store));
    expect(streamView(records)).toEqual(streamView(RECORDS));
    expect(records.map((r) => r.seq)).toEqual(records.map((_, i) => i + 1));
    expect(imported.info.name).toBe('Replayed feed');

    // Searchable like a recorded session, past the window too.
    const outcome = await imported.store.search('type:ping');
    const pings = RECORDS.filter((r) => r.kind === 'event' && r.type === 'ping').length;
    expect(outcome.status === 'done' && outcome.result.total).toBe(pings);
  });

  test('the offline session serves the records of a whole range, a search result and a selection, past the window too', async () => {
    const path = join(dir, 'session.ndjson');
    await exportRecords({ source: RECORDS, format: 'ndjson', path });
    const { store } = await importAsCapture(library, path, { windowSize: WINDOW });
    const bySeq = (seq: number) => RECORDS[seq - 1]!;

    // A range that starts in the file and ends in the window.
    const from = store.window.firstSeq - 50;
    expect(await all(storeRecords(store, { fromSeq: from, toSeq: from + 99 }))).toEqual(RECORDS.slice(from - 1, from + 99));

    const outcome = await store.search('type:ping -data~word3');
    if (outcome.status !== 'done') throw new Error(`search ${outcome.status}`);
    const pings = RECORDS.filter((r) => r.kind === 'event' && r.type === 'ping' && !r.data.includes('word3'));
    expect(outcome.result.total).toBe(pings.length);
    expect(await all(searchResultRecords(outcome.result, 40))).toEqual(pings);
    expect(await all(selectionRecords(store, outcome.result.seqs))).toEqual(pings);

    // A selection in the order it was clicked, with a repeat: each record once, in seq order.
    expect(await all(selectionRecords(store, [2_400, 5, 1_200, 5, 2_499]))).toEqual([5, 1_200, 2_400, 2_499].map(bySeq));
  });

  test('what the file could not give is reported as notices, and the rest is imported', async () => {
    const ndjson = join(dir, 'damaged.ndjson');
    await exportRecords({ source: RECORDS.slice(0, 20), format: 'ndjson', path: ndjson });
    await appendFile(ndjson, 'this line is not JSON\n' + JSON.stringify(RECORDS[20]).slice(0, 30));
    const fromNdjson = await importAsCapture(library, ndjson);
    expect(await all(storeRecords(fromNdjson.store))).toEqual(RECORDS.slice(0, 20));
    expect(fromNdjson.notices).toEqual([
      { line: 21, message: expect.stringContaining('Not valid JSON') },
      { line: 22, message: expect.stringContaining('cut off') },
    ]);

    const sse = join(dir, 'cut.sse');
    await writeFile(sse, 'event: a\ndata: 1\n\ndata: never fin');
    const fromSse = await importAsCapture(library, sse);
    expect(streamView(await all(storeRecords(fromSse.store)))).toEqual([
      { kind: 'event', type: 'a', data: '1', lastEventId: '', id: undefined },
    ]);
    expect(fromSse.notices).toEqual([{ message: expect.stringContaining('ends in the middle of a line') }]);
  });

  test('an aborted import leaves no capture behind', async () => {
    const path = join(dir, 'session.ndjson');
    await exportRecords({ source: RECORDS, format: 'ndjson', path });
    const controller = new AbortController();
    const importing = importAsCapture(library, path, { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(importing).rejects.toThrow();
    expect(await library.list()).toEqual([]);
    expect((await readdir(library.folder)).filter((name) => !name.startsWith('.'))).toEqual([]);
  });

  test('a file that cannot be read fails before any capture is created', async () => {
    await expect(importAsCapture(library, join(dir, 'missing.ndjson'))).rejects.toThrow(/ENOENT/);
    expect(await library.list()).toEqual([]);
  });
});
