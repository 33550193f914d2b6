// `sse-scope capture` as a user runs it: the built CLI in a child process against a real local
// server, judged by its stdout, stderr, output file, exit status and what the server received.

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { EventStreamParser } from '../../main/core/sse/event-stream-parser.ts';
import type { EventRecord, SseRecord } from '../../main/common/records.ts';
import { ensureCliBuilt, runCli } from '../helpers/build-once.ts';
import { startFixtureServer, startSse, type FixtureServer } from '../helpers/fixture-server.ts';

let server: FixtureServer;
let dir: string;

beforeAll(async () => {
  await ensureCliBuilt();
  dir = await mkdtemp(join(tmpdir(), 'sse-scope-cli-'));
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));
beforeEach(async () => (server = await startFixtureServer()));
afterEach(() => server.close());

function parseLines(text: string): SseRecord[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as SseRecord);
}

/** The fields a text/event-stream can carry: what must survive a round trip through --format sse. */
function streamFields(r: SseRecord): object {
  if (r.kind === 'event')
    return { kind: r.kind, type: r.type, data: r.data, lastEventId: r.lastEventId, ...(r.id === undefined ? {} : { id: r.id }) };
  if (r.kind === 'comment') return { kind: r.kind, text: r.text };
  if (r.kind === 'retry') return { kind: r.kind, ms: r.ms };
  return r;
}

const eventsOf = (records: SseRecord[]) => records.filter((r): r is EventRecord => r.kind === 'event');

/** A stream with every kind a stream itself can produce. */
const KINDS_STREAM = 'retry: 1500\n: hello\nid: 7\nevent: tick\ndata: a\ndata: b\n\ndata: no id\n\n';

test('writes one JSON record per line, with the documented fields for each kind', async () => {
  server.route('/kinds', (_req, res) => {
    startSse(res, { 'x-feed': 'demo' });
    res.end(KINDS_STREAM);
  });
  const run = await runCli(['capture', `${server.url}/kinds`, '--no-reconnect']);
  expect(run.code).toBe(0);
  const records = parseLines(run.stdout);
  expect(records.map((r) => r.kind)).toEqual(['open', 'retry', 'comment', 'event', 'event', 'closed']);
  expect(records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  for (const record of records) expect(record.time).toBeGreaterThan(Date.now() - 60_000);

  const [open, retry, comment, tick, plain, closed] = records;
  expect(open).toMatchObject({ kind: 'open', status: 200, headers: { 'content-type': 'text/event-stream', 'x-feed': 'demo' } });
  expect(retry).toMatchObject({ kind: 'retry', ms: 1500 });
  expect(comment).toMatchObject({ kind: 'comment', text: 'hello' });
  expect(tick).toMatchObject({ kind: 'event', type: 'tick', data: 'a\nb', id: '7', lastEventId: '7' });
  expect(plain).toMatchObject({ kind: 'event', type: 'message', data: 'no id', lastEventId: '7' });
  expect(plain).not.toHaveProperty('id');
  expect(closed).toMatchObject({ kind: 'closed', reason: 'ended' });
});

test('--format sse writes a stream that parses back to the same events, comments and retry values', async () => {
  const stream =
    'retry: 250\r\n: keep-alive\r\nevent: add\r\nid: 1\r\ndata: first line\r\ndata:  leading space\r\ndata:\r\n\r\n' +
    'data: inherits id 1\n\nid\ndata: id reset\n\nid: 2\nevent: ünïcode\ndata: ✓ 🎉\n\n' +
    'id: 2\ndata: same id again\n\n';
  server.route('/mixed', (_req, res) => {
    startSse(res);
    res.end(stream);
  });
  const url = `${server.url}/mixed`;
  const [ndjson, sse] = await Promise.all([
    runCli(['capture', url, '--no-reconnect']),
    runCli(['capture', url, '--no-reconnect', '--format', 'sse']),
  ]);
  expect(sse.code).toBe(0);
  const expected = parseLines(ndjson.stdout).filter((r) => ['event', 'comment', 'retry'].includes(r.kind));
  expect(eventsOf(expected).length).toBe(5);

  const reparsed: object[] = [];
  const parser = new EventStreamParser(
    {
      event: (type, data, lastEventId, id) =>
        reparsed.push(streamFields({ kind: 'event', type, data, lastEventId, id, seq: 0, time: 0, size: 0 })),
      comment: (text) => reparsed.push({ kind: 'comment', text }),
      retry: (ms) => reparsed.push({ kind: 'retry', ms }),
    },
    { maxLineBytes: 1 << 20, maxEventBytes: 1 << 20 },
  );
  parser.feed(Buffer.from(sse.stdout));
  parser.end();
  expect(reparsed).toEqual(expected.map(streamFields));
});

test('-o writes the records to a file and nothing to stdout', async () => {
  const out = join(dir, 'counter.ndjson');
  const run = await runCli(['capture', `${server.url}/counter?count=3`, '--no-reconnect', '-o', out]);
  expect(run.code).toBe(0);
  expect(run.stdout).toBe('');
  const records = parseLines(await readFile(out, 'utf8'));
  expect(eventsOf(records).map((e) => e.data)).toEqual(['1', '2', '3']);
  expect(records.at(-1)).toMatchObject({ kind: 'closed', reason: 'ended' });
});

test('every record of a large capture reaches a pipe before the process exits', async () => {
  const run = await runCli(['capture', `${server.url}/counter?count=20000`, '--no-reconnect']);
  expect(run.code).toBe(0);
  const records = parseLines(run.stdout);
  expect(eventsOf(records).length).toBe(20000);
  expect(records.at(-1)).toMatchObject({ kind: 'closed', reason: 'ended', seq: records.length });
});

describe('the request', () => {
  test('-X POST -d JSON -H sends the method, body and headers', async () => {
    const body = JSON.stringify({ model: 'm', stream: true });
    const run = await runCli([
      'capture',
      `${server.url}/echo`,
      '--no-reconnect',
      '-X',
      'post',
      '-d',
      body,
      '-H',
      'Authorization: Bearer secret',
      '-H',
      'Content-Type: application/json',
    ]);
    expect(run.code).toBe(0);
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request).toMatchObject({ method: 'POST', body });
    expect(request!.headers).toMatchObject({
      authorization: 'Bearer secret',
      'content-type': 'application/json',
      accept: 'text/event-stream',
    });
  });

  test('-d @file sends the file as it is, and -d without -X means POST', async () => {
    const file = join(dir, 'body.json');
    const body = '{\n  "prompt": "héllo"\n}\n';
    await writeFile(file, body);
    const run = await runCli(['capture', `${server.url}/echo`, '--no-reconnect', '-d', `@${file}`]);
    expect(run.code).toBe(0);
    expect(server.requests[0]).toMatchObject({ method: 'POST', body });
  });

  test('--last-event-id is sent as the Last-Event-ID header', async () => {
    const run = await runCli(['capture', `${server.url}/counter?count=2`, '--no-reconnect', '--last-event-id', '41']);
    expect(run.code).toBe(0);
    expect(server.requests[0]!.headers['last-event-id']).toBe('41');
    expect(eventsOf(parseLines(run.stdout)).map((e) => e.id)).toEqual(['42', '43']);
  });
});

describe('stopping', () => {
  // Events in bursts of 100 per write, until the client goes away (bounded to 2,000 bursts).
  const endless = () =>
    server.route('/endless', async (_req, res) => {
      startSse(res);
      let n = 0;
      for (let burst = 0; burst < 2000 && !res.destroyed; burst++) {
        let text = '';
        for (let i = 0; i < 100; i++) text += `id: ${++n}\ndata: ${n}\n\n`;
        res.write(text);
        await new Promise((r) => setTimeout(r, 5));
      }
      res.end();
    });

  test('--max-events writes exactly n events, closes with reason limit and exits 0', async () => {
    endless();
    const run = await runCli(['capture', `${server.url}/endless`, '--max-events', '150']);
    expect(run.code).toBe(0);
    const records = parseLines(run.stdout);
    expect(eventsOf(records).map((e) => Number(e.data))).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
    expect(records.at(-1)).toMatchObject({ kind: 'closed', reason: 'limit' });
    expect(records.map((r) => r.seq)).toEqual(records.map((_, i) => i + 1));
  });

  test('--duration closes with reason limit and exits 0', async () => {
    const run = await runCli(['capture', `${server.url}/stalled`, '--duration', '0.3']);
    expect(run.code).toBe(0);
    expect(parseLines(run.stdout).map((r) => r.kind)).toEqual(['open', 'closed']);
    expect(parseLines(run.stdout).at(-1)).toMatchObject({ reason: 'limit' });
  });

  test('--no-reconnect exits 0 once the stream ends', async () => {
    const run = await runCli(['capture', `${server.url}/counter?count=3`, '--no-reconnect']);
    expect(run.code).toBe(0);
    expect(server.requests).toHaveLength(1);
    expect(parseLines(run.stdout).at(-1)).toMatchObject({ kind: 'closed', reason: 'ended' });
  });

  test('Ctrl-C closes the capture cleanly and exits 0', async () => {
    let sent = false;
    const run = await runCli(['capture', `${server.url}/stalled`], (soFar, child) => {
      if (!sent && soFar.includes('"kind":"open"')) sent = child.kill('SIGINT');
    });
    expect(run.code).toBe(0);
    expect(parseLines(run.stdout).map((r) => r.kind)).toEqual(['open', 'closed']);
    expect(parseLines(run.stdout).at(-1)).toMatchObject({ reason: 'closed' });
  });

  test('a reader that stops reading (| head) ends the capture with status 0', async () => {
    endless();
    const run = await runCli(['capture', `${server.url}/endless`], (soFar, child) => {
      if (soFar.includes('"kind":"event"') && !child.stdout!.destroyed) child.stdout!.destroy();
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
  });
});

describe('failures', () => {
  test('a 401 exits 1 with an error record carrying the status and the message', async () => {
    const run = await runCli(['capture', `${server.url}/authed`]);
    expect(run.code).toBe(1);
    const records = parseLines(run.stdout);
    expect(records.map((r) => r.kind)).toEqual(['error', 'closed']);
    expect(records[0]).toMatchObject({ status: 401, message: expect.stringContaining('invalid api key') });
    expect(records[1]).toMatchObject({ reason: 'failed' });
    expect(run.stderr).toContain('HTTP 401');
  });

  // First attempt: a stream that sets a short retry and ends; second: 503; then a stream again.
  const flaky = () => {
    let attempts = 0;
    server.route('/flaky', (_req, res) => {
      attempts++;
      if (attempts === 2) {
        res.writeHead(503, { 'content-type': 'text/plain' });
        res.end('busy');
        return;
      }
      startSse(res);
      res.end(attempts === 1 ? 'retry: 20\n\n' : 'data: back\n\n');
    });
  };

  test('--retry-errors reconnects after a 503', async () => {
    flaky();
    const run = await runCli(['capture', `${server.url}/flaky`, '--retry-errors', '--max-events', '1']);
    expect(run.code).toBe(0);
    const records = parseLines(run.stdout);
    expect(records.map((r) => r.kind)).toEqual(['open', 'retry', 'reconnect', 'error', 'reconnect', 'open', 'event', 'closed']);
    expect(records[3]).toMatchObject({ status: 503, message: expect.stringContaining('503') });
    expect(records[4]).toMatchObject({ kind: 'reconnect', lastEventId: '', delayMs: expect.any(Number) });
    expect(eventsOf(records)[0]!.data).toBe('back');
  });

  test('without --retry-errors the same 503 ends the capture with status 1', async () => {
    flaky();
    const run = await runCli(['capture', `${server.url}/flaky`, '--max-events', '1']);
    expect(run.code).toBe(1);
    expect(parseLines(run.stdout).slice(-2)).toMatchObject([
      { kind: 'error', status: 503 },
      { kind: 'closed', reason: 'failed' },
    ]);
  });
});

describe('bad usage exits 2 with a message naming the option, before any request', () => {
  test.each([
    [['--bogus'], '--bogus'],
    [['-H', 'no colon here'], '--header'],
    [['--max-events', 'ten'], '--max-events'],
    [['--max-events', '0'], '--max-events'],
    [['--duration', '-1'], '--duration'],
    [['--format', 'xml'], '--format'],
    [['-d', '@/no/such/file.json'], '--data'],
    [['-X', 'GET', '-d', 'x'], '--data'],
    [['-o', '/no/such/dir/out.ndjson'], '--out'],
  ])('%j', async (args, named) => {
    const run = await runCli(['capture', `${server.url}/counter`, ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(named);
    expect(run.stdout).toBe('');
    expect(server.requests).toHaveLength(0);
  });

  test('a missing URL', async () => {
    const run = await runCli(['capture']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('url');
  });
});
