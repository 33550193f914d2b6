// `sse-scope replay` as a user runs it: the built CLI serves a capture file, a library capture or
// a text/event-stream file, prints the URL and a line per client, stops cleanly on Ctrl-C and
// SIGTERM (the clients' streams end, exit 0), warns when it listens beyond this computer, and
// answers bad input with a clear message and exit 2.

import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import type { SseRecord } from '../../main/common/records.ts';
import { CaptureLibrary } from '../../main/core/store/capture-library.ts';
import { ensureCliBuilt, runCli, type CliRun } from '../helpers/build-once.ts';
import { closeStartedSessions, startSession } from '../helpers/session-harness.ts';

let dir: string;
beforeAll(async () => {
  await ensureCliBuilt();
  dir = await mkdtemp(join(tmpdir(), 'sse-scope-replay-'));
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));
afterEach(() => closeStartedSessions());

const open = (seq: number, time: number): SseRecord => ({
  seq,
  time,
  kind: 'open',
  status: 200,
  headers: {},
  url: 'http://x/',
  ttfbMs: 1,
  attempt: 1,
});
const event = (seq: number, time: number, id: string): SseRecord => ({
  seq,
  time,
  kind: 'event',
  type: 'tick',
  data: `tick ${id}`,
  lastEventId: id,
  id,
  size: 1,
});

/** Two events, a recorded reconnect, one more event, then the stream ended. */
const STORY: SseRecord[] = [
  open(1, 1000),
  { seq: 2, time: 1000, kind: 'retry', ms: 20 },
  event(3, 1010, '1'),
  { seq: 4, time: 1020, kind: 'comment', text: 'half-way', size: 1 },
  event(5, 1030, '2'),
  { seq: 6, time: 1040, kind: 'reconnect', delayMs: 20, lastEventId: '2', reason: 'stream-ended', attempt: 2 },
  open(7, 1060),
  event(8, 1070, '3'),
  { seq: 9, time: 1080, kind: 'closed', reason: 'ended' },
];

async function writeCapture(name: string, records: readonly SseRecord[]): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, records.map((r) => JSON.stringify(r) + '\n').join(''));
  return path;
}

interface RunningReplay {
  /** The URL it printed; rejects if it exits first. */
  url: Promise<string>;
  /** Resolves once stdout holds `text`. */
  printed(text: string): Promise<void>;
  signal(name: NodeJS.Signals): void;
  exited: Promise<CliRun>;
}

function startReplayCli(args: string[]): RunningReplay {
  let child: ChildProcess | null = null;
  const waiters: { text: string; resolve: () => void }[] = [];
  let output = '';
  const exited = runCli(['replay', ...args], (soFar, running) => {
    child = running;
    output = soFar;
    for (const waiter of [...waiters]) if (soFar.includes(waiter.text)) waiter.resolve();
  });
  const printed = (text: string) =>
    Promise.race([
      new Promise<void>((resolve) => (output.includes(text) ? resolve() : waiters.push({ text, resolve }))),
      exited.then((run) => Promise.reject(new Error(`exited (${run.code}) before printing ${text}:\n${run.stdout}\n${run.stderr}`))),
    ]);
  const url = printed('Serving at ').then(() => /Serving at (\S+)/.exec(output)![1]!);
  return { url, printed, signal: (name) => child?.kill(name), exited };
}

test('replay <capture file> prints the URL and each client, replays the reconnect, and stops on Ctrl-C with exit 0', async () => {
  const replay = startReplayCli([await writeCapture('story.ndjson', STORY)]);
  const url = await replay.url;
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);

  const h = startSession({ url });
  const records = await h.closed();
  expect(records.filter((r) => r.kind === 'event').map((r) => r.kind === 'event' && r.data)).toEqual(['tick 1', 'tick 2', 'tick 3']);
  expect(records.filter((r) => r.kind === 'reconnect').map((r) => r.kind === 'reconnect' && r.lastEventId)).toEqual(['2', '3']);
  await replay.printed('client 3 left');

  replay.signal('SIGINT');
  const run = await replay.exited;
  expect(run.code).toBe(0);
  const lines = run.stdout.trimEnd().split('\n');
  expect(lines[0]).toBe(`Replaying ${join(dir, 'story.ndjson')}: 3 events, 1 comment, 1 reconnect over 0.1 s, at the recorded pace`);
  expect(lines[1]).toBe(`Serving at ${url} (any path) - Ctrl-C to stop`);
  const clientLines = lines.slice(2, -1).map((line) => line.replace(/^\[\d\d:\d\d:\d\d\] /, '').replace(/127\.0\.0\.1:\d+/, 'ADDRESS'));
  expect(clientLines).toEqual([
    'client 1 connected from ADDRESS: GET /, from the start',
    'client 1 left: closed at a recorded reconnect (2 events sent)',
    'client 2 connected from ADDRESS: GET /, going on after the recorded reconnect',
    'client 2 left: the recorded stream ended (1 event sent)',
    'client 3 connected from ADDRESS: GET /, resuming after Last-Event-ID "3"',
    'client 3 left: nothing left to send, answered 204 No Content (0 events sent)',
  ]);
  expect(lines.at(-1)).toBe('Stopped.');
  expect(run.stderr).toBe('');
});

test('replay <library capture name> and replay <file.sse>: any method, at once with --speed 0, on the one --path', async () => {
  const dataDir = join(dir, 'data');
  const library = new CaptureLibrary(join(dataDir, 'captures'));
  for (const name of ['chat', 'localhost:3000/events']) {
    const live = await library.create({ name, connection: null, url: null });
    live.store.append(STORY);
    await live.finish();
  }
  const sseFile = join(dir, 'chat.sse');
  await writeFile(sseFile, ': start\nevent: delta\ndata: {"text":"Hel"}\n\nevent: delta\ndata: {"text":"lo"}\n\ndata: [DONE]\n\n');

  for (const [capture, expected] of [
    ['chat', 'retry: 20\n\nevent: tick\nid: 1\ndata: tick 1\n\n'],
    // A name made from a URL looks like a path; no such file, so it is the capture's name.
    ['localhost:3000/events', 'retry: 20\n\nevent: tick\nid: 1\ndata: tick 1\n\n'],
    [sseFile, 'event: delta\ndata: {"text":"Hel"}\n\nevent: delta\ndata: {"text":"lo"}\n\ndata: [DONE]\n\n'],
  ] as const) {
    const replay = startReplayCli([capture, '--speed', '0', '--path', '/v1/chat', '--data-dir', dataDir]);
    const url = await replay.url;
    expect(url).toMatch(/\/v1\/chat$/);
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"prompt":"hi"}' });
    expect(await response.text()).toContain(expected);
    expect((await fetch(new URL('/elsewhere', url))).status).toBe(404);
    await replay.printed('GET /elsewhere from 127.0.0.1');
    replay.signal('SIGINT');
    const run = await replay.exited;
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('POST /v1/chat, from the start');
  }
});

test('SIGTERM ends the stream of a connected client cleanly and exits 0', async () => {
  // The recording stopped while its stream was open: the client stays connected until the replay stops.
  const replay = startReplayCli([
    await writeCapture('open.ndjson', [open(1, 0), event(2, 5, '1'), { seq: 3, time: 10, kind: 'closed', reason: 'closed' }]),
  ]);
  const h = startSession({ url: await replay.url, reconnect: { initialDelayMs: 60_000 } });
  await h.until((records) => records.some((r) => r.kind === 'event'));
  replay.signal('SIGTERM');
  const run = await replay.exited;
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/client 1 left: the replay stopped \(1 event sent\)\nStopped\.\n$/);
  // The stream ended as a server ends one, not with a broken connection.
  const ended = await h.until((records) => records.some((r) => r.kind === 'reconnect'));
  expect(ended.find((r) => r.kind === 'reconnect')).toMatchObject({ reason: 'stream-ended' });
});

test('listening beyond this computer is allowed, with a warning', async () => {
  const replay = startReplayCli([await writeCapture('wide.ndjson', STORY), '--host', '0.0.0.0']);
  expect(await replay.url).toMatch(/^http:\/\/0\.0\.0\.0:\d+\/$/);
  replay.signal('SIGINT');
  const run = await replay.exited;
  expect(run.code).toBe(0);
  expect(run.stderr).toContain('warning: listening on 0.0.0.0: other computers that can reach it can read this recording');
});

test.each<[string, () => Promise<string[]>, RegExp]>([
  [
    'a file that is not a capture',
    async () => [await textFile('notes.txt', 'hello\nworld\n')],
    /cannot replay .*notes\.txt: it holds no records: it is not a capture/,
  ],
  [
    'JSON lines that are not records',
    async () => [await textFile('other.ndjson', '{"name":"x"}\n')],
    /cannot replay .*other\.ndjson: it holds no records/,
  ],
  [
    'a capture with no events',
    async () => [
      await writeCapture('failed.ndjson', [
        { seq: 1, time: 0, kind: 'error', message: 'Connection failed', status: 503 },
        { seq: 2, time: 1, kind: 'closed', reason: 'failed' },
      ]),
    ],
    /cannot replay .*failed\.ndjson: it holds no events to replay \(2 records, no connection opened\)/,
  ],
  [
    'a port in use',
    async () => [await writeCapture('port.ndjson', STORY), '--port', String(await takenPort())],
    /Port \d+ on 127\.0\.0\.1 is already in use: choose another with --port/,
  ],
  ['a capture that does not exist', async () => ['no-such-capture', '--data-dir', join(dir, 'empty')], /no capture 'no-such-capture'/],
  ['a speed below 0', async () => [await writeCapture('speed.ndjson', STORY), '--speed', '-1'], /--speed.*expected a number, 0 or more/],
  ['a path without its slash', async () => [await writeCapture('path.ndjson', STORY), '--path', 'feed'], /The path must start with "\/"/],
])('%s: a clear message and exit 2', async (_what, args, message) => {
  const run = await runCli(['replay', ...(await args())]);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(message);
  expect(run.stdout).toBe('');
});

async function textFile(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

/** A port something listens on until the test file ends. */
async function takenPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  return (server.address() as { port: number }).port;
}
