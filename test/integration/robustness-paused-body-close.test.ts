// A server that closes the connection while the response body is paused (the reader is behind, so
// the HTTP client stopped reading the socket) must end the stream like any other close: every byte
// sent is parsed, the session ends 'ended', and the process lives on. undici 7 threw an uncatchable
// AssertionError (`assert(!this.paused)`, nodejs/undici#5360) from the socket's 'end' handler
// instead, killing the CLI or the whole app.
//
// The bodies are close-delimited (Connection: close, no length), which is when the client learns of
// the end from the close itself. Two ways to be behind when the close comes:
// - a burst: the last bytes (exactly what the client's body buffer holds before it pauses) and the
//   close arrive while the reader waits for its output; deterministic, since the buffer fills at the
//   very last byte whatever the chunking;
// - gzip: a small compressed body that inflates to far more than the reader takes per turn, so the
//   compressed bytes, and the close, arrive long before the reader has inflated them.

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDefaultHighWaterMark } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { pacedFetch } from '../../main/core/sse/paced-fetch.ts';
import type { SseRecord } from '../../main/common/records.ts';
import { createNodeFetch } from '../../main/core/sse/node-fetch.ts';
import { ensureCliBuilt, runCli } from '../helpers/build-once.ts';
import { eventBytes, startCloseDelimitedServer, type CloseDelimitedServer } from '../helpers/close-delimited-server.ts';
import { closeStartedSessions, startSession } from '../helpers/session-harness.ts';

const MiB = 1024 * 1024;
/** What the HTTP client buffers of a body before it stops reading the socket (a Node stream's default). */
const BODY_BUFFER_BYTES = getDefaultHighWaterMark(false);

let server: CloseDelimitedServer | null = null;
let dir: string;

beforeAll(async () => {
  await ensureCliBuilt();
  dir = await mkdtemp(join(tmpdir(), 'sse-scope-paused-close-'));
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));
afterEach(async () => {
  closeStartedSessions();
  await server?.close();
  server = null;
});

const parseLines = (text: string): SseRecord[] =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as SseRecord);

const countEvents = (records: SseRecord[]) => records.filter((record) => record.kind === 'event').length;

/** Small events that inflate from a gzip body of a few hundred KiB. */
function gzippedEvents(inflatedBytes: number): { body: Buffer; events: number } {
  const { text, events } = eventBytes(inflatedBytes);
  return { body: gzipSync(text), events };
}

describe('sse-scope capture', () => {
  test('a burst that ends with a close while the output is behind: every event is written and the capture ends', async () => {
    // One 6 MiB event: once parsed, its record fills the output past the point where the capture
    // stops reading the network; then the last bytes and the close arrive.
    const big = `data: ${'x'.repeat(6 * MiB)}\n\n`;
    const tail = eventBytes(BODY_BUFFER_BYTES);
    let sendTail!: () => void;
    const tailMayGo = new Promise<void>((resolve) => (sendTail = resolve));
    let clientGone!: Promise<void>;
    server = await startCloseDelimitedServer(async (response) => {
      clientGone = response.clientGone;
      response.socket.write(big);
      await tailMayGo;
      response.socket.end(tail.text);
    });

    let paused = false;
    const run = await runCli(
      ['capture', server.url, '--no-reconnect'],
      (soFar, child) => {
        // The big event's record has begun on stdout: the capture has parsed it all. Stop reading
        // stdout so its output stays behind, send the tail and the close, and read on once the
        // client has seen the close.
        if (paused || !soFar.includes('"seq":2,')) return;
        paused = true;
        child.stdout!.pause();
        sendTail();
        void clientGone.then(() => child.stdout!.resume());
      },
      30_000,
    );

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const records = parseLines(run.stdout);
    expect(countEvents(records)).toBe(1 + tail.events);
    expect(records.at(-1)).toMatchObject({ kind: 'closed', reason: 'ended' });
  });

  test('a gzip body that inflates to far more than it weighs, then a close: every event is written and the capture ends', async () => {
    const gzipped = gzippedEvents(4 * MiB);
    server = await startCloseDelimitedServer(({ socket }) => void socket.end(gzipped.body), { 'content-encoding': 'gzip' });
    const out = join(dir, 'gzip.ndjson');

    const run = await runCli(['capture', server.url, '--no-reconnect', '-o', out], undefined, 30_000);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const records = parseLines(await readFile(out, 'utf8'));
    expect(countEvents(records)).toBe(gzipped.events);
    expect(records.at(-1)).toMatchObject({ kind: 'closed', reason: 'ended' });
  });
});

describe('the engine on Node (createNodeFetch) with a reader that is behind', () => {
  test('the last bytes and the close arrive while the reader waits: all are parsed and the session ends', async () => {
    const tail = eventBytes(BODY_BUFFER_BYTES);
    let clientGone!: Promise<void>;
    server = await startCloseDelimitedServer((response) => {
      clientGone = response.clientGone;
      response.socket.end(tail.text);
    });
    // The reader takes nothing of the body until the client has seen the close.
    let waited = false;
    const fetch = pacedFetch(createNodeFetch(), () => {
      if (waited) return null;
      waited = true;
      return clientGone;
    });

    const session = startSession({ url: server.url, fetch, reconnect: { enabled: false } });
    const records = await session.closed(10_000);

    expect(records.filter((record) => record.kind === 'error')).toEqual([]);
    expect(session.events().length).toBe(tail.events);
    expect(records.at(-1)).toMatchObject({ kind: 'closed', reason: 'ended' });
  });

  test('a gzip body read a chunk per timer tick, then a close: all is parsed and the session ends', async () => {
    const gzipped = gzippedEvents(4 * MiB);
    server = await startCloseDelimitedServer(({ socket }) => void socket.end(gzipped.body), { 'content-encoding': 'gzip' });
    const fetch = pacedFetch(createNodeFetch(), () => new Promise((resolve) => setTimeout(resolve, 1)));

    const session = startSession({ url: server.url, fetch, reconnect: { enabled: false } });
    const records = await session.closed(20_000);

    expect(records.filter((record) => record.kind === 'error')).toEqual([]);
    expect(session.events().length).toBe(gzipped.events);
    expect(records.at(-1)).toMatchObject({ kind: 'closed', reason: 'ended' });
  });
});
