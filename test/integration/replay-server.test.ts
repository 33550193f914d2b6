// The replay server as a client meets it, over real HTTP on 127.0.0.1: its pace (speed 0 sends as
// fast as the client reads and no faster; speed 2 halves the gaps), loop, any method with a body
// (a replayed LLM stream answers a POST), web clients on other origins, one path or every path,
// its list of clients, stop(), and the errors that keep it from starting.

import { request, type IncomingMessage } from 'node:http';
import { createServer } from 'node:net';
import { afterEach, expect, test } from 'vitest';
import type { ClosedReason, SseRecord } from '../../main/common/records.ts';
import { ReplayServer } from '../../main/core/replay/replay-server.ts';
import { startReplay, stopReplayServers, storeOf } from '../helpers/replay-harness.ts';
import { closeStartedSessions, startSession, waitFor } from '../helpers/session-harness.ts';

afterEach(async () => {
  closeStartedSessions();
  await stopReplayServers();
});

const HOUR = 3_600_000;

/** open at 0, the events at the given times (ids 1, 2, ...), then closed with `end` at the last time. */
function timedRecording(times: number[], end: ClosedReason | null = 'ended', data = (n: number) => `event ${n}`): SseRecord[] {
  const records: SseRecord[] = [{ seq: 1, time: 0, kind: 'open', status: 200, headers: {}, url: 'http://x/', ttfbMs: 1, attempt: 1 }];
  times.forEach((time, i) =>
    records.push({
      seq: i + 2,
      time,
      kind: 'event',
      type: 'message',
      data: data(i + 1),
      lastEventId: String(i + 1),
      id: String(i + 1),
      size: 1,
    }),
  );
  if (end) records.push({ seq: records.length + 1, time: times.at(-1)!, kind: 'closed', reason: end });
  return records;
}

const eventData = (records: SseRecord[]) => records.flatMap((r) => (r.kind === 'event' ? [r.data] : []));

test('speed 0 sends events recorded an hour apart at once, byte for byte as text/event-stream', async () => {
  const { server } = await startReplay({ store: storeOf(timedRecording([0, HOUR, 2 * HOUR])), speed: 0 });
  const response = await fetch(server.url);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/event-stream');
  expect(response.headers.get('cache-control')).toBe('no-cache');
  expect(await response.text()).toBe('id: 1\ndata: event 1\n\nid: 2\ndata: event 2\n\nid: 3\ndata: event 3\n\n');
});

test('speed 0 sends no faster than the client reads: a client that stops reading stops the replay until it reads again', async () => {
  const EVENTS = 2500;
  const EVENT_BYTES = 16 * 1024;
  const big = 'x'.repeat(EVENT_BYTES);
  const { server, events } = await startReplay({
    store: storeOf(
      timedRecording(
        Array.from({ length: EVENTS }, () => 0),
        'ended',
        () => big,
      ),
    ),
    speed: 0,
  });
  const response = await new Promise<IncomingMessage>((resolve) => request(server.url, resolve).end());
  response.pause();
  // The socket buffers fill, then the server waits: what it has handed over stops growing.
  let sent = -1;
  let steadySince = performance.now();
  await waitFor(() => {
    const now = server.clients[0]?.eventsSent ?? 0;
    if (now !== sent) [sent, steadySince] = [now, performance.now()];
    return sent > 0 && performance.now() - steadySince > 300;
  }, 'the replay to wait for the client');
  expect(sent * EVENT_BYTES).toBeLessThan((EVENTS * EVENT_BYTES) / 2);

  let received = 0;
  response.on('data', (chunk: Buffer) => (received += chunk.length));
  response.resume();
  await new Promise((resolve) => response.on('end', resolve));
  expect(received).toBe(EVENTS * (`id: 1\ndata: ${big}\n\n`.length - 1) + sumOfIdDigits(EVENTS));
  expect(events.at(-1)).toMatchObject({ kind: 'left', reason: 'ended', client: { eventsSent: EVENTS } });
});

/** Bytes of the ids 1..n written in decimal (the line length above counts one digit). */
function sumOfIdDigits(n: number): number {
  let total = 0;
  for (let i = 1; i <= n; i++) total += String(i).length;
  return total;
}

test('speed 2 halves the gaps', async () => {
  // Events recorded at 100, 700, 1300 and 2100 ms are due at 50, 350, 650 and 1050 ms. Timers never
  // fire early, so none may come sooner; and the last comes well before speed 1 would send it
  // (2100 ms). How close to the due time each one comes is the bench's figure, not a test's.
  const { server } = await startReplay({ store: storeOf(timedRecording([100, 700, 1300, 2100])), speed: 2 });
  const startedAt = Date.now();
  const h = startSession({ url: server.url, reconnect: { enabled: false } });
  const records = await h.closed();
  const sinceStart = records.filter((r) => r.kind === 'event').map((r) => r.time - startedAt);
  expect(sinceStart).toHaveLength(4);
  [50, 350, 650, 1050].forEach((due, i) => expect(sinceStart[i], `event ${i + 1}`).toBeGreaterThanOrEqual(due - 1)); // - 1: whole milliseconds
  expect(sinceStart[3]).toBeLessThan(2100);
});

test('loop starts over on the same connection where the recorded stream was still open', async () => {
  const { server, events } = await startReplay({ store: storeOf(timedRecording([0, 20], 'closed')), loop: true });
  const h = startSession({ url: server.url });
  await h.until((records) => eventData(records).length >= 5);
  h.session.close();
  expect(eventData(h.records).slice(0, 5)).toEqual(['event 1', 'event 2', 'event 1', 'event 2', 'event 1']);
  expect(h.records.filter((r) => r.kind === 'open')).toHaveLength(1);
  expect(events.filter((e) => e.kind === 'joined')).toHaveLength(1);
});

test('loop starts over on the next request where the recorded stream ended; without loop that request is told 204', async () => {
  const { server } = await startReplay({ store: storeOf(timedRecording([0, 20], 'ended')), loop: true });
  const h = startSession({ url: server.url, reconnect: { initialDelayMs: 10 } });
  await h.until((records) => eventData(records).length >= 4);
  h.session.close();
  expect(eventData(h.records).slice(0, 4)).toEqual(['event 1', 'event 2', 'event 1', 'event 2']);
  expect(h.records.filter((r) => r.kind === 'open').length).toBeGreaterThanOrEqual(2);

  const { server: once } = await startReplay({ store: storeOf(timedRecording([0, 10], 'ended')), speed: 0 });
  const after = startSession({ url: once.url, reconnect: { initialDelayMs: 10 } });
  const records = await after.closed();
  expect(eventData(records)).toEqual(['event 1', 'event 2']);
  expect(records.at(-1)).toMatchObject({ kind: 'closed', reason: 'no-content' });
});

test('a POST with a JSON body is answered with the stream, and a web page on another origin may read it', async () => {
  const { server, events } = await startReplay({ store: storeOf(timedRecording([0, 5])), speed: 0, path: '/v1/chat/completions' });
  expect(server.url).toBe(`http://127.0.0.1:${server.port}/v1/chat/completions`);

  const preflight = await fetch(server.url, {
    method: 'OPTIONS',
    headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });
  expect(preflight.status).toBe(204);
  expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
  expect(preflight.headers.get('access-control-allow-methods')).toBe('POST');
  expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type');

  const response = await fetch(`${server.url}?stream=true`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'http://localhost:5173' },
    body: JSON.stringify({ model: 'any', messages: [{ role: 'user', content: 'x'.repeat(100_000) }] }),
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('access-control-allow-origin')).toBe('*');
  expect(await response.text()).toBe('id: 1\ndata: event 1\n\nid: 2\ndata: event 2\n\n');
  const joined = events.find((e) => e.kind === 'joined');
  // The query is not kept: it may hold a token.
  expect(joined).toMatchObject({ client: { method: 'POST', path: '/v1/chat/completions', start: 'beginning', lastEventId: null } });
});

test('with a path, other paths are answered 404 with a pointer to the right one', async () => {
  const { server, events } = await startReplay({ store: storeOf(timedRecording([0])), speed: 0, path: '/feed' });
  const response = await fetch(`http://127.0.0.1:${server.port}/other`);
  expect(response.status).toBe(404);
  expect(await response.text()).toContain('/feed');
  expect(events).toEqual([
    { kind: 'refused', method: 'GET', path: '/other', address: expect.stringMatching(/^127\.0\.0\.1:\d+$/), status: 404 },
  ]);
  // Without a path, every path is the replay.
  const { server: anyPath } = await startReplay({ store: storeOf(timedRecording([0])), speed: 0 });
  expect(anyPath.url).toBe(`http://127.0.0.1:${anyPath.port}/`);
  expect(await (await fetch(`http://127.0.0.1:${anyPath.port}/any/where`)).text()).toBe('id: 1\ndata: event 1\n\n');
});

test('the clients are listed while connected; stop() ends their streams and the server', async () => {
  const { server, events } = await startReplay({ store: storeOf(timedRecording([0, 10], 'closed')), speed: 0 });
  const h = startSession({ url: `${server.url}?token=s3cret` });
  await h.until((records) => eventData(records).length === 2);
  expect(server.clients).toEqual([
    {
      id: 1,
      address: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
      method: 'GET',
      path: '/',
      connectedAt: expect.any(Number),
      lastEventId: null,
      start: 'beginning',
      eventsSent: 2,
    },
  ]);
  // The recording stopped with its stream open: the client stays connected until the server stops.
  await server.stop();
  await h.until((records) => records.some((r) => r.kind === 'reconnect'));
  expect(events.map((e) => e.kind)).toEqual(['joined', 'left']);
  expect(events[1]).toMatchObject({ reason: 'stopped', client: { id: 1, eventsSent: 2 } });
  expect(server.clients).toEqual([]);
  await expect(fetch(server.url)).rejects.toThrow();
});

test('a port in use, a bad option, and a recording with nothing to send keep the server from starting, each with its reason', async () => {
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const port = (taken.address() as { port: number }).port;
  try {
    await expect(ReplayServer.start({ store: storeOf(timedRecording([0])), port })).rejects.toMatchObject({
      code: 'port-in-use',
      message: `Port ${port} on 127.0.0.1 is already in use`,
    });
  } finally {
    await new Promise((resolve) => taken.close(resolve));
  }
  await expect(ReplayServer.start({ store: storeOf(timedRecording([0])), speed: -1 })).rejects.toMatchObject({ code: 'bad-option' });
  await expect(ReplayServer.start({ store: storeOf(timedRecording([0])), path: 'feed' })).rejects.toMatchObject({ code: 'bad-option' });
  await expect(ReplayServer.start({ store: storeOf(timedRecording([], 'failed')) })).rejects.toMatchObject({ code: 'no-events' });
  await expect(ReplayServer.start({ store: storeOf([]) })).rejects.toMatchObject({ code: 'not-a-capture' });
});
