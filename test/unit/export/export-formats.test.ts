// The bytes each export format writes for a fixed session, and that each reads back as the same
// records with the tool a user would read it with (JSON.parse, csv-parse, the SSE parser).

import { parse as parseCsv } from 'csv-parse/sync';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { exportRecords } from '../../../main/core/export/export-records.ts';
import type { ExportFormat } from '../../../main/core/export/export-formats.ts';
import { EventStreamParser } from '../../../main/core/sse/event-stream-parser.ts';
import type { SseRecord } from '../../../main/common/records.ts';
import { recordsOf, SAMPLE_RECORDS, T0 } from './sample-records.ts';

let dir: string;
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'sse-export-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

async function exportText(format: ExportFormat, records: SseRecord[] = SAMPLE_RECORDS, includeSecrets = false) {
  const path = join(dir, `out.${format}`);
  const result = await exportRecords({ source: recordsOf(records), format, path, includeSecrets });
  const bytes = await readFile(path);
  expect(result.bytes).toBe(bytes.length);
  expect(result.records).toBe(records.length);
  return bytes.toString('utf8');
}

const LS = '\u2028';
const NDJSON_LINES = [
  String.raw`{"seq":1,"time":1735787045678,"kind":"open","status":200,"headers":{"content-type":"text/event-stream"},"url":"http://127.0.0.1:8080/stream","ttfbMs":12,"attempt":1}`,
  String.raw`{"seq":2,"time":1735787045679,"kind":"event","type":"message","data":"hello","lastEventId":"","size":13}`,
  String.raw`{"seq":3,"time":1735787045680,"kind":"event","type":"update","data":"line one\nline two, with \"quotes\"","lastEventId":"7","id":"7","size":70}`,
  String.raw`{"seq":4,"time":1735787045681,"kind":"comment","text":"keep-alive","size":13}`,
  String.raw`{"seq":5,"time":1735787045682,"kind":"retry","ms":2500}`,
  String.raw`{"seq":6,"time":1735787045683,"kind":"event","type":"message","data":"","lastEventId":"9","size":7}`,
  String.raw`{"seq":7,"time":1735787045684,"kind":"event","type":"message","data":"Ünïcödé ✓ 🎉${LS}end","lastEventId":"","id":"","size":40}`,
  String.raw`{"seq":8,"time":1735787045685,"kind":"event","type":"message","data":" leading space, trailing comma,","lastEventId":"","size":39}`,
  String.raw`{"seq":9,"time":1735787045686,"kind":"error","message":"Connection lost: socket hang up","retryInMs":1000}`,
  String.raw`{"seq":10,"time":1735787045687,"kind":"reconnect","delayMs":1000,"lastEventId":"","reason":"network-error","attempt":2}`,
  String.raw`{"seq":11,"time":1735787045688,"kind":"closed","reason":"closed"}`,
];

test('NDJSON is one record per line, exactly the record shape', async () => {
  const text = await exportText('ndjson');
  expect(text).toBe(NDJSON_LINES.map((line) => line + '\n').join(''));
  expect(
    text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line)),
  ).toEqual(SAMPLE_RECORDS);
});

test('JSON is a plain array, one record per line, that parses back to the records', async () => {
  const text = await exportText('json');
  expect(text).toBe('[\n' + NDJSON_LINES.join(',\n') + '\n]\n');
  expect(JSON.parse(text)).toEqual(SAMPLE_RECORDS);
});

test('an empty JSON export is an empty array', async () => {
  const text = await exportText('json', []);
  expect(JSON.parse(text)).toEqual([]);
});

test('CSV quotes commas, quotes and line breaks, and has one meaningful data value per kind', async () => {
  const text = await exportText('csv');
  expect(text).toBe(
    '\uFEFFtime,seq,kind,type,id,data,size\r\n' +
      '2025-01-02T03:04:05.678Z,1,open,,,200 http://127.0.0.1:8080/stream,\r\n' +
      '2025-01-02T03:04:05.679Z,2,event,message,,hello,13\r\n' +
      '2025-01-02T03:04:05.680Z,3,event,update,7,"line one\nline two, with ""quotes""",70\r\n' +
      '2025-01-02T03:04:05.681Z,4,comment,,,keep-alive,13\r\n' +
      '2025-01-02T03:04:05.682Z,5,retry,,,2500,\r\n' +
      '2025-01-02T03:04:05.683Z,6,event,message,,,7\r\n' +
      `2025-01-02T03:04:05.684Z,7,event,message,,Ünïcödé ✓ 🎉${LS}end,40\r\n` +
      '2025-01-02T03:04:05.685Z,8,event,message,," leading space, trailing comma,",39\r\n' +
      '2025-01-02T03:04:05.686Z,9,error,,,Connection lost: socket hang up,\r\n' +
      '2025-01-02T03:04:05.687Z,10,reconnect,,,1000,\r\n' +
      '2025-01-02T03:04:05.688Z,11,closed,,,closed,\r\n',
  );
});

test('CSV parsed back with csv-parse gives the same fields', async () => {
  const rows: Record<string, string>[] = parseCsv(await exportText('csv'), { bom: true, columns: true });
  expect(rows).toHaveLength(SAMPLE_RECORDS.length);
  for (const [i, record] of SAMPLE_RECORDS.entries()) {
    const row = rows[i]!;
    expect(Date.parse(row.time!)).toBe(record.time);
    expect(Number(row.seq)).toBe(record.seq);
    expect(row.kind).toBe(record.kind);
    if (record.kind === 'event') {
      expect([row.type, row.id, row.data, Number(row.size)]).toEqual([record.type, record.id ?? '', record.data, record.size]);
    }
  }
  expect(rows.map((row) => row.data)).toEqual([
    '200 http://127.0.0.1:8080/stream',
    'hello',
    'line one\nline two, with "quotes"',
    'keep-alive',
    '2500',
    '',
    `Ünïcödé ✓ 🎉${LS}end`,
    ' leading space, trailing comma,',
    'Connection lost: socket hang up',
    '1000',
    'closed',
  ]);
});

const SSE_TEXT =
  'data: hello\n\n' +
  'event: update\nid: 7\ndata: line one\ndata: line two, with "quotes"\n\n' +
  ': keep-alive\n' +
  'retry: 2500\n\n' +
  'id: 9\n\n' + // an id-only block, as in the original stream: the event itself had no id field
  'data: \n\n' +
  `id\ndata: Ünïcödé ✓ 🎉${LS}end\n\n` +
  'data:  leading space, trailing comma,\n\n';

function parseEventStream(text: string) {
  const out: unknown[] = [];
  const parser = new EventStreamParser(
    {
      event: (type, data, lastEventId, id) => out.push({ kind: 'event', type, data, lastEventId, id }),
      comment: (text) => out.push({ kind: 'comment', text }),
      retry: (ms) => out.push({ kind: 'retry', ms }),
    },
    { maxLineBytes: 1 << 20, maxEventBytes: 1 << 20 },
  );
  parser.feed(Buffer.from(text));
  parser.end();
  return out;
}

function streamPart(records: SseRecord[]): unknown[] {
  return records.flatMap((r): unknown[] =>
    r.kind === 'event'
      ? [{ kind: 'event', type: r.type, data: r.data, lastEventId: r.lastEventId, id: r.id }]
      : r.kind === 'comment'
        ? [{ kind: 'comment', text: r.text }]
        : r.kind === 'retry'
          ? [{ kind: 'retry', ms: r.ms }]
          : [],
  );
}

test('text/event-stream re-parses to the same events, comments and retry values, ids included', async () => {
  const text = await exportText('sse');
  expect(text).toBe(SSE_TEXT);
  expect(parseEventStream(text)).toEqual(streamPart(SAMPLE_RECORDS));
});

test('a text/event-stream export of a selection starts with the last event ID its first event had', async () => {
  const selection = SAMPLE_RECORDS.filter((r) => r.seq === 6 || r.seq === 8);
  const text = await exportText('sse', selection);
  expect(text).toBe('id: 9\n\ndata: \n\nid\n\ndata:  leading space, trailing comma,\n\n');
  expect(parseEventStream(text)).toEqual(streamPart(selection));
});

const SECRET_OPEN: SseRecord = {
  seq: 1,
  time: 0,
  kind: 'open',
  status: 200,
  headers: { 'content-type': 'text/event-stream', 'set-cookie': 'session=abc123', 'x-ratelimit-remaining-tokens': '99' },
  url: 'https://api.example.com/stream?api_key=abc123&model=m1',
  ttfbMs: 5,
  attempt: 1,
};

test('secrets in an open record (cookies, tokens in the URL) are redacted unless asked for', async () => {
  for (const format of ['ndjson', 'json', 'csv'] as const) {
    const text = await exportText(format, [SECRET_OPEN]);
    expect(text).not.toContain('abc123');
    expect(text).toContain('api_key=••••');
    expect(text).toContain('model=m1');
  }
  const redacted = JSON.parse(await exportText('ndjson', [SECRET_OPEN]));
  expect(redacted.headers).toEqual({ ...SECRET_OPEN.headers, 'set-cookie': '••••' });

  const kept = JSON.parse(await exportText('ndjson', [SECRET_OPEN], true));
  expect(kept).toEqual(SECRET_OPEN);
});

test('CSV quotes data with bare line breaks (LF, CR, CRLF), so every record reads back as one row', async () => {
  // Multi-line data without a comma or a quote: the kind a JSON-pretty-printing server sends.
  const breaks = ['\n', '\r', '\r\n'];
  const records: SseRecord[] = Array.from({ length: 15 }, (_, i) => ({
    seq: i + 1,
    time: T0 + i,
    kind: 'event',
    type: 'message',
    data: i % 3 === 2 ? `one line ${i}` : `line one${breaks[i % 3]!}line two ${i}`,
    lastEventId: '',
    size: 30,
  }));
  records.push({ seq: 16, time: T0 + 16, kind: 'comment', text: 'a\rb', size: 5 });
  records.push({ seq: 17, time: T0 + 17, kind: 'error', message: 'HTTP 500\nInternal error' });
  // As a spreadsheet reads it: any line break outside quotes ends a row (csv-parse would otherwise
  // learn CRLF from the header and keep a bare LF or CR inside an unquoted field).
  const rows: Record<string, string>[] = parseCsv(await exportText('csv', records), {
    bom: true,
    columns: true,
    record_delimiter: ['\r\n', '\n', '\r'],
  });
  expect(rows.map((row) => [Number(row.seq), row.data])).toEqual(
    records.map((r) => [r.seq, r.kind === 'event' ? r.data : r.kind === 'comment' ? r.text : r.kind === 'error' ? r.message : '']),
  );
});
