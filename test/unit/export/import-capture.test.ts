// Importing exported and captured files as records for an offline session: each format detected
// and read back, damaged files giving their intact records plus notices that say what was skipped.

import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { exportRecords } from '../../../main/core/export/export-records.ts';
import { importCapture } from '../../../main/core/export/import-capture.ts';
import type { SseRecord } from '../../../main/common/records.ts';
import { recordsOf, SAMPLE_RECORDS } from './sample-records.ts';

let dir: string;
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'sse-import-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

async function importAll(path: string) {
  const capture = await importCapture(path);
  const records: SseRecord[] = [];
  for await (const record of capture.records) records.push(record);
  return { format: capture.format, records, notices: capture.notices };
}

async function fileWith(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

const lines = (records: SseRecord[]) => records.map((r) => JSON.stringify(r) + '\n').join('');

test('an NDJSON export imports as exactly the records that were exported', async () => {
  const path = join(dir, 'session.ndjson');
  await exportRecords({ source: recordsOf(SAMPLE_RECORDS), format: 'ndjson', path });
  expect(await importAll(path)).toEqual({ format: 'ndjson', records: SAMPLE_RECORDS, notices: [] });
});

test('a JSON array export imports as exactly the records that were exported', async () => {
  const path = join(dir, 'session.json');
  await exportRecords({ source: recordsOf(SAMPLE_RECORDS), format: 'json', path });
  expect(await importAll(path)).toEqual({ format: 'json', records: SAMPLE_RECORDS, notices: [] });
});

test('a compact one-line JSON array imports too', async () => {
  const path = await fileWith('compact.json', JSON.stringify(SAMPLE_RECORDS.slice(0, 4)));
  expect(await importAll(path)).toEqual({ format: 'json', records: SAMPLE_RECORDS.slice(0, 4), notices: [] });
});

test('NDJSON cut off in its last line gives the intact records and a notice for that line', async () => {
  const whole = lines(SAMPLE_RECORDS.slice(0, 5));
  const cut = lines([SAMPLE_RECORDS[5]!]).slice(0, 30);
  const path = await fileWith('cut.ndjson', whole + cut);
  const result = await importAll(path);
  expect(result.records).toEqual(SAMPLE_RECORDS.slice(0, 5));
  expect(result.notices).toEqual([{ line: 6, message: expect.stringContaining('cut off') }]);
});

test('a JSON array cut off says it is not closed', async () => {
  const path = await fileWith(
    'cut.json',
    '[\n' +
      SAMPLE_RECORDS.slice(0, 3)
        .map((r) => JSON.stringify(r))
        .join(',\n') +
      ',\n',
  );
  const result = await importAll(path);
  expect(result.records).toEqual(SAMPLE_RECORDS.slice(0, 3));
  expect(result.notices).toEqual([{ message: expect.stringContaining('not closed') }]);
});

test('bad lines are skipped with their line numbers and reasons; good ones are kept', async () => {
  const [a, b, c] = SAMPLE_RECORDS;
  const path = await fileWith(
    'mixed.ndjson',
    '\uFEFF\n' + // byte order mark and a blank line: ignored
      JSON.stringify(a) +
      '\r\n' +
      'not json at all\n' +
      JSON.stringify({ ...b, kind: 'telepathy' }) +
      '\n' +
      JSON.stringify({ ...b, seq: 'two' }) +
      '\n' +
      JSON.stringify({ ...b, data: undefined }) +
      '\n' +
      JSON.stringify(b) +
      '\n' +
      JSON.stringify(a) +
      '\n' + // seq 1 again: out of order
      JSON.stringify(c) +
      '\n',
  );
  const result = await importAll(path);
  expect(result.format).toBe('ndjson');
  expect(result.records).toEqual([a, b, c]);
  expect(result.notices.map((n) => n.line)).toEqual([3, 4, 5, 6, 8]);
  expect(result.notices[0]!.message).toContain('Not valid JSON');
  expect(result.notices[1]!.message).toContain('Not a record');
  expect(result.notices[2]!.message).toContain('seq');
  expect(result.notices[3]!.message).toContain('data');
  expect(result.notices[4]!.message).toContain('does not follow seq 2');
});

test('records no stream could have produced are refused (they would inject lines into an SSE re-export)', async () => {
  const event = SAMPLE_RECORDS[1]!;
  const crafted = [
    { ...event, seq: 2, type: 'update\ndata: injected' },
    { ...event, seq: 3, data: 'one\rdata: injected' },
    { ...event, seq: 4, type: '' },
    { ...event, seq: 5, lastEventId: '1\u0000' },
    { seq: 6, time: 0, kind: 'comment', text: 'hi\nevent: x', size: 3 },
  ];
  const path = await fileWith('crafted.ndjson', lines([SAMPLE_RECORDS[0]!]) + crafted.map((r) => JSON.stringify(r) + '\n').join(''));
  const result = await importAll(path);
  expect(result.records).toEqual([SAMPLE_RECORDS[0]]);
  expect(result.notices.map((n) => [n.line, n.message])).toEqual([
    [2, expect.stringContaining('type: must not contain a line break')],
    [3, expect.stringContaining('data: must not contain CR')],
    [4, expect.stringContaining('type')],
    [5, expect.stringContaining('lastEventId: must not contain a line break or NUL')],
    [6, expect.stringContaining('text: must not contain a line break')],
  ]);
});

test('notices are bounded: past a hundred, one more says how many were left out', async () => {
  const path = await fileWith('junk.ndjson', JSON.stringify(SAMPLE_RECORDS[0]) + '\n' + '{oops\n'.repeat(150));
  const result = await importAll(path);
  expect(result.records).toEqual([SAMPLE_RECORDS[0]]);
  expect(result.notices).toHaveLength(101);
  expect(result.notices[99]!.line).toBe(101);
  expect(result.notices[100]).toEqual({ message: '50 more problems were found and not listed' });
});

test('fields a later version adds to a record are kept', async () => {
  const future = { ...SAMPLE_RECORDS[1]!, latencyMs: 4 };
  const result = await importAll(await fileWith('future.ndjson', JSON.stringify(future) + '\n'));
  expect(result.records).toEqual([future]);
});

test('a text/event-stream file imports as its events, comments and retry values, timed at its mtime', async () => {
  const stream =
    '\uFEFF: opened\r\n' +
    'retry: 3000\r\n\r\n' +
    'event: greeting\r\nid: 1\r\ndata: hello\r\ndata:  world\r\n\r\n' +
    'id: 2\n\n' + // changes the last event ID, dispatches nothing
    'data: inherits\n\n' +
    'id\rdata: reset\r\r' +
    'data: never finished';
  const path = await fileWith('saved.sse', stream);
  const mtime = new Date(Date.UTC(2024, 5, 1, 12, 0, 0, 0));
  await utimes(path, mtime, mtime);
  const t = mtime.getTime();
  const result = await importAll(path);
  expect(result.format).toBe('sse');
  // Sizes are the parser's to define (CRLF counting); here only that each streamed record has one.
  const withoutSize = result.records.map((r) => {
    if (r.kind === 'event' || r.kind === 'comment') {
      expect(r.size).toBeGreaterThan(0);
      const { size: _size, ...rest } = r;
      return rest;
    }
    return r;
  });
  expect(withoutSize).toEqual([
    { seq: 1, time: t, kind: 'comment', text: 'opened' },
    { seq: 2, time: t, kind: 'retry', ms: 3000 },
    { seq: 3, time: t, kind: 'event', type: 'greeting', data: 'hello\n world', lastEventId: '1', id: '1' },
    { seq: 4, time: t, kind: 'event', type: 'message', data: 'inherits', lastEventId: '2' },
    { seq: 5, time: t, kind: 'event', type: 'message', data: 'reset', lastEventId: '', id: '' },
  ]);
  expect(result.notices).toEqual([{ message: expect.stringContaining('ends in the middle of a line') }]);
});

test('a text/event-stream export imports back as the same stream records', async () => {
  const path = join(dir, 'session.sse');
  await exportRecords({ source: recordsOf(SAMPLE_RECORDS), format: 'sse', path });
  const result = await importAll(path);
  expect(result.notices).toEqual([]);
  const strip = (r: SseRecord) => {
    if (r.kind === 'event') return [r.kind, r.type, r.data, r.lastEventId, r.id];
    if (r.kind === 'comment') return [r.kind, r.text];
    if (r.kind === 'retry') return [r.kind, r.ms];
    return null;
  };
  expect(result.records.map(strip)).toEqual(SAMPLE_RECORDS.map(strip).filter((r) => r !== null));
  expect(result.records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
});

test('an empty file imports as no records, with a notice saying so', async () => {
  const result = await importAll(await fileWith('empty.ndjson', ''));
  expect(result.records).toEqual([]);
  expect(result.notices).toEqual([{ message: 'The file holds no records' }]);
});

test('a missing file fails at once, before any record is read', async () => {
  await expect(importCapture(join(dir, 'nope.ndjson'))).rejects.toMatchObject({ code: 'ENOENT' });
});
