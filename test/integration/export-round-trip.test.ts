// The export round trips of the issue, through real servers and real Sessions: capture a stream,
// export it as text/event-stream, serve that file from a new server, capture it again, and get
// the same events; and capture -> NDJSON export -> import gives back the very same records.

import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { exportRecords } from '../../main/core/export/export-records.ts';
import { importCapture } from '../../main/core/export/import-capture.ts';
import type { SseRecord } from '../../main/common/records.ts';
import { startFixtureServer, startSse, type FixtureServer } from '../helpers/fixture-server.ts';
import { closeStartedSessions, startSession } from '../helpers/session-harness.ts';

// A stream with what a re-serialization can get wrong: BOM, CRLF and CR line ends, a CRLF torn
// across writes, comments (one inside an event block, one empty), retry, multi-line data with an
// empty line, a value with a leading space, an id set in a block without data, an id reset, an id
// with NUL (ignored), unicode with U+2028, an empty data event, and an unterminated tail.
const STREAM_PIECES = [
  '\uFEFF: stream start\r\n',
  'retry: 1500\r',
  '\n\r\n',
  'event: greeting\r\nid: 1\r\ndata: hello\r\ndata:  world with a leading space\r\n\r\n',
  'data: {"json": "with, commas and \\"quotes\\""}\n\n',
  'id: 2\ndata: multi\ndata: line\ndata:\ndata: (blank line above)\n\n',
  'id: 3\n\n',
  'data: inherits id 3\n\n',
  'id\ndata: id reset\n\n',
  'event: unicode\rdata: Ünïcödé ✓ 🎉 \u2028 tail\r\r',
  'data: a\n: interleaved comment\ndata: b\n\n',
  ':\n',
  'data\n\n',
  'id: 4\u0000x\ndata: NUL id ignored\n\n',
  'event: update\ndata: last\n\n',
  'data: incomplete tail (discarded)',
];

let dir: string;
const servers: FixtureServer[] = [];
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'sse-roundtrip-'))));
afterEach(async () => {
  closeStartedSessions();
  await Promise.all(servers.splice(0).map((server) => server.close()));
  await rm(dir, { recursive: true, force: true });
});

async function server(): Promise<FixtureServer> {
  const started = await startFixtureServer();
  servers.push(started);
  return started;
}

async function captureOnce(url: string): Promise<SseRecord[]> {
  const harness = startSession({ url, reconnect: { enabled: false } });
  return [...(await harness.closed(10_000))];
}

/** What a replay must reproduce: the stream's events (id fields too), comments and retry values. */
function streamView(records: SseRecord[]) {
  return records.flatMap((r): unknown[] => {
    if (r.kind === 'event') return [{ kind: r.kind, type: r.type, data: r.data, lastEventId: r.lastEventId, id: r.id }];
    if (r.kind === 'comment') return [{ kind: r.kind, text: r.text }];
    if (r.kind === 'retry') return [{ kind: r.kind, ms: r.ms }];
    return [];
  });
}

async function captureOfRichStream(): Promise<SseRecord[]> {
  const origin = await server();
  origin.route('/rich', async (_req, res) => {
    startSse(res);
    for (const piece of STREAM_PIECES) {
      res.write(piece);
      await new Promise((resolve) => setImmediate(resolve));
    }
    res.end();
  });
  const records = await captureOnce(`${origin.url}/rich`);
  // The first capture is what we think it is, so the comparison below means something.
  const events = records.filter((r) => r.kind === 'event');
  expect(events.map((e) => e.data)).toEqual([
    'hello\n world with a leading space',
    '{"json": "with, commas and \\"quotes\\""}',
    'multi\nline\n\n(blank line above)',
    'inherits id 3',
    'id reset',
    'Ünïcödé ✓ 🎉 \u2028 tail',
    'a\nb',
    '',
    'NUL id ignored',
    'last',
  ]);
  expect(events.map((e) => e.lastEventId)).toEqual(['1', '1', '2', '3', '', '', '', '', '', '']);
  return records;
}

test('capture -> export text/event-stream -> serve that file -> capture again gives the same events', async () => {
  const first = await captureOfRichStream();
  const path = join(dir, 'capture.sse');
  await exportRecords({ source: first, format: 'sse', path });

  const replay = await server();
  replay.route('/replay', (_req, res) => {
    startSse(res);
    createReadStream(path).pipe(res);
  });
  const second = await captureOnce(`${replay.url}/replay`);

  expect(second.at(-1)).toMatchObject({ kind: 'closed', reason: 'ended' });
  expect(second.filter((r) => r.kind === 'error')).toEqual([]);
  expect(streamView(second)).toEqual(streamView(first));
});

test('capture -> export NDJSON -> import gives back the very same records', async () => {
  const first = await captureOfRichStream();
  const path = join(dir, 'capture.ndjson');
  const result = await exportRecords({ source: first, format: 'ndjson', path, total: first.length });
  expect(result.records).toBe(first.length);

  const imported = await importCapture(path);
  const records: SseRecord[] = [];
  for await (const record of imported.records) records.push(record);
  expect(imported.format).toBe('ndjson');
  expect(imported.notices).toEqual([]);
  expect(records).toEqual(first);
});
