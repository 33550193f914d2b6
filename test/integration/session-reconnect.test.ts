// Reconnection against a real server: after the stream ends or the network fails, wait the
// reconnection time, send Last-Event-ID, back off on repeated failures; close() and restart()
// win over whatever is in flight, and a closed session is silent for good.

import type { ServerResponse } from 'node:http';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { ErrorRecord, ReconnectRecord, SseRecord } from '../../main/common/records.ts';
import { createNodeFetch } from '../../main/core/sse/node-fetch.ts';
import { Session } from '../../main/core/sse/session.ts';
import { closedPortUrl, startFixtureServer, startSse, type FixtureServer } from '../helpers/fixture-server.ts';
import { closeStartedSessions, sleep, startSession, waitFor } from '../helpers/session-harness.ts';

let server: FixtureServer;
beforeEach(async () => (server = await startFixtureServer()));
afterEach(async () => {
  closeStartedSessions();
  await server.close();
});

const reconnects = (records: SseRecord[]) => records.filter((r): r is ReconnectRecord => r.kind === 'reconnect');
const errors = (records: SseRecord[]) => records.filter((r): r is ErrorRecord => r.kind === 'error');
const lastEventIds = () => server.requests.map((r) => r.headers['last-event-id']);
const expectSeqWithoutGaps = (records: SseRecord[]) => expect(records.map((r) => r.seq)).toEqual(records.map((_, i) => i + 1));

/** A route that keeps each response open until the client goes, remembering when it went. */
function holdOpenRoute(path: string, firstBytes: string) {
  const hangUps: number[] = [];
  server.route(path, (_req, res) => {
    startSse(res);
    res.write(firstBytes);
    const index = hangUps.push(0) - 1;
    res.on('close', () => (hangUps[index] = 1));
  });
  return { opened: () => hangUps.length, hungUp: () => hangUps.filter(Boolean).length };
}

test('a server that drops the connection after N events is resumed from Last-Event-ID', async () => {
  const h = startSession({ url: `${server.url}/drop?count=2`, reconnect: { initialDelayMs: 10 } });
  await h.until(() => h.events().length >= 6);
  h.session.close();

  expect(
    h
      .events()
      .slice(0, 6)
      .map((e) => e.data),
  ).toEqual(['1', '2', '3', '4', '5', '6']);
  expect(lastEventIds().slice(0, 3)).toEqual([undefined, '2', '4']);
  const [first] = errors(h.records);
  expect(first!.message).toMatch(/^Connection lost: /);
  expect(reconnects(h.records)[0]).toMatchObject({ reason: 'network-error', lastEventId: '2', attempt: 2 });
  expectSeqWithoutGaps(h.records);
});

test('a partial event cut off by the disconnect is discarded, its id too', async () => {
  const tail = encodeURIComponent('id: 99\ndata: partial\n');
  const h = startSession({ url: `${server.url}/drop?count=1&tail=${tail}`, reconnect: { initialDelayMs: 10 } });
  await waitFor(() => server.requests.length >= 2, 'a reconnect');
  h.session.close();
  expect(h.events().map((e) => e.data)).not.toContain('partial');
  expect(lastEventIds().slice(0, 2)).toEqual([undefined, '1']);
});

test('a stream that ends cleanly reconnects after the reconnection time with the last id', async () => {
  const h = startSession({ url: `${server.url}/counter?count=2`, reconnect: { initialDelayMs: 10 } });
  await waitFor(() => server.requests.length >= 2, 'a reconnect');
  h.session.close();
  expect(lastEventIds().slice(0, 2)).toEqual([undefined, '2']);
  expect(reconnects(h.records)[0]).toMatchObject({ reason: 'stream-ended', delayMs: 10, lastEventId: '2' });
  expect(errors(h.records)).toEqual([]);
});

test("the server's retry is honoured: the next request comes no sooner than it asks", async () => {
  server.route('/retry', (_req, res) => {
    startSse(res);
    res.end('retry: 300\ndata: x\n\n');
  });
  // The default would be 10 s: a reconnect within the test's time shows retry was used.
  const h = startSession({ url: `${server.url}/retry`, reconnect: { initialDelayMs: 10_000 } });
  await waitFor(() => server.requests.length >= 2, 'a reconnect', 8000);
  h.session.close();
  expect(h.records.find((r) => r.kind === 'retry')).toMatchObject({ ms: 300 });
  expect(reconnects(h.records)[0]).toMatchObject({ delayMs: 300 });
  const gap = server.requests[1]!.at - server.requests[0]!.at;
  expect(gap).toBeGreaterThanOrEqual(295); // timers may round down by a millisecond or two
});

test('Last-Event-ID is absent again once the server resets the id to empty', async () => {
  server.route('/reset-id', (req, res) => {
    startSse(res);
    res.end(req.headers['last-event-id'] === undefined ? 'id: 5\ndata: a\n\n' : 'id\ndata: b\n\n');
  });
  const h = startSession({ url: `${server.url}/reset-id`, reconnect: { initialDelayMs: 10 } });
  await waitFor(() => server.requests.length >= 3, 'two reconnects');
  h.session.close();
  expect(lastEventIds().slice(0, 3)).toEqual([undefined, '5', undefined]);
  expect(h.events()[1]).toMatchObject({ data: 'b', lastEventId: '', id: '' });
});

test('a refused connection is an error record that names the cause, then a reconnect', async () => {
  const h = startSession({ url: await closedPortUrl(), reconnect: { initialDelayMs: 10 } });
  await h.until((all) => errors(all).length >= 2);
  h.session.close();
  expect(errors(h.records)[0]!.message).toMatch(/^Connection failed: .*ECONNREFUSED/);
  expect(
    reconnects(h.records)
      .slice(0, 2)
      .map((r) => r.reason),
  ).toEqual(['network-error', 'network-error']);
  expect(h.records.some((r) => r.kind === 'open')).toBe(false);
});

test('repeated failures back off: each delay is at least the last, and requests are spaced by them', async () => {
  const h = startSession({ url: `${server.url}/status?status=503`, reconnect: { initialDelayMs: 20, retryHttpErrors: true } });
  await waitFor(() => server.requests.length >= 5, 'five requests');
  h.session.close();

  const delays = reconnects(h.records)
    .slice(0, 4)
    .map((r) => r.delayMs);
  expect(delays[0]).toBe(20); // [spec] the first reconnect waits exactly the reconnection time
  for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1]!);
  expect(delays[3]).toBeGreaterThan(delays[0]! * 4);
  for (let i = 0; i < 4; i++) {
    const gap = server.requests[i + 1]!.at - server.requests[i]!.at;
    expect(gap).toBeGreaterThanOrEqual(delays[i]! - 2);
  }
});

test('close() during the reconnect wait cancels it: no request, no record after closed', async () => {
  const h = startSession({ url: `${server.url}/counter?count=1`, reconnect: { initialDelayMs: 100 } });
  await h.until((all) => all.some((r) => r.kind === 'reconnect'));
  expect(h.session.state).toBe('reconnecting');
  h.session.close();
  await sleep(300);
  expect(server.requests).toHaveLength(1);
  expect(h.records.at(-1)).toMatchObject({ kind: 'closed', reason: 'closed' });
  expectSeqWithoutGaps(h.records);
});

test('close() during an open stream aborts it: the server sees the socket close', async () => {
  const route = holdOpenRoute('/hold', 'data: hello\n\n');
  const h = startSession({ url: `${server.url}/hold`, reconnect: { initialDelayMs: 10 } });
  await h.until(() => h.events().length === 1);
  h.session.close();
  await waitFor(() => route.hungUp() === 1, 'the server to see the client go');
  await sleep(100);
  expect(server.requests).toHaveLength(1);
  expect(h.records.map((r) => r.kind)).toEqual(['open', 'event', 'closed']);
  expect(h.session.state).toBe('closed');
});

test('restart() drops the stream and reconnects at once with the last id, without an error', async () => {
  server.route('/ticks', (req, res: ServerResponse) => {
    const next = Number(req.headers['last-event-id'] ?? 0) + 1;
    startSse(res);
    res.write(`id: ${next}\ndata: ${next}\n\n`);
  });
  const h = startSession({ url: `${server.url}/ticks`, reconnect: { initialDelayMs: 10_000 } });
  await h.until(() => h.events().length === 1);
  h.session.restart();
  await h.until(() => h.events().length === 2);
  h.session.close();

  expect(h.records.map((r) => r.kind)).toEqual(['open', 'event', 'reconnect', 'open', 'event', 'closed']);
  expect(reconnects(h.records)[0]).toMatchObject({ reason: 'restart', delayMs: 0, lastEventId: '1', attempt: 2 });
  expect(lastEventIds()).toEqual([undefined, '1']);
  expectSeqWithoutGaps(h.records);
});

test('restart() during the reconnect wait connects at once', async () => {
  const h = startSession({ url: `${server.url}/counter?count=1`, reconnect: { initialDelayMs: 10_000 } });
  await h.until((all) => all.some((r) => r.kind === 'reconnect'));
  h.session.restart();
  await waitFor(() => server.requests.length === 2, 'the restart request', 3000);
  h.session.close();
  expect(lastEventIds()).toEqual([undefined, '1']);
});

test('close() from inside onRecords, on the reconnect record, leaves no pending reconnect', async () => {
  const records: SseRecord[] = [];
  const session = new Session({
    url: `${server.url}/counter?count=1`,
    fetch: createNodeFetch(),
    reconnect: { initialDelayMs: 20 },
    onRecords: (batch) => {
      records.push(...batch);
      if (batch.some((r) => r.kind === 'reconnect')) session.close();
    },
  });
  session.start();
  await waitFor(() => session.state === 'closed', 'the session to close');
  await sleep(200);
  expect(server.requests).toHaveLength(1);
  expect(records.map((r) => r.kind)).toEqual(['open', 'event', 'reconnect', 'closed']);
});

test('restart() from inside onRecords, mid-stream, replaces the stream without a second reconnect', async () => {
  const route = holdOpenRoute('/hold', 'data: a\n\ndata: b\n\n');
  const records: SseRecord[] = [];
  let restarted = false;
  const session = new Session({
    url: `${server.url}/hold`,
    fetch: createNodeFetch(),
    reconnect: { initialDelayMs: 10 },
    onRecords: (batch) => {
      records.push(...batch);
      if (!restarted && batch.some((r) => r.kind === 'event')) {
        restarted = true;
        session.restart();
      }
    },
  });
  session.start();
  await waitFor(() => route.opened() === 2 && records.filter((r) => r.kind === 'open').length === 2, 'the second stream');
  await sleep(100);
  session.close();
  expect(server.requests).toHaveLength(2);
  expect(records.filter((r) => r.kind === 'reconnect')).toHaveLength(1);
  expect(records.some((r) => r.kind === 'error')).toBe(false);
  expectSeqWithoutGaps(records);
});

test('restart() from inside onRecords, on the reconnect record, makes one request, not two', async () => {
  const route = holdOpenRoute('/hold', 'data: held\n\n');
  server.route('/ends-then-holds', (_req, res) => {
    if (server.requests.length === 1) {
      startSse(res);
      res.end('data: first\n\n');
    } else {
      res.writeHead(307, { location: '/hold' }).end();
    }
  });
  const records: SseRecord[] = [];
  const session = new Session({
    url: `${server.url}/ends-then-holds`,
    fetch: createNodeFetch(),
    reconnect: { initialDelayMs: 100 },
    onRecords: (batch) => {
      records.push(...batch);
      if (batch.some((r) => r.kind === 'reconnect' && r.reason === 'stream-ended')) session.restart();
    },
  });
  session.start();
  await waitFor(() => route.opened() === 1, 'the restarted stream');
  await sleep(300); // the cancelled 100 ms reconnect would have made a third request by now
  session.close();
  expect(server.requests.map((r) => r.path)).toEqual(['/ends-then-holds', '/ends-then-holds', '/hold']);
  expect(reconnects(records).map((r) => r.reason)).toEqual(['stream-ended', 'restart']);
});

test('an onRecords callback that throws ends the session with an error record, not a crash', async () => {
  const records: SseRecord[] = [];
  let thrown = false;
  const session = new Session({
    url: `${server.url}/counter?count=3`,
    fetch: createNodeFetch(),
    reconnect: { initialDelayMs: 10 },
    onRecords: (batch) => {
      records.push(...batch);
      if (!thrown && batch.some((r) => r.kind === 'event')) {
        thrown = true;
        throw new Error('consumer bug');
      }
    },
  });
  session.start();
  await waitFor(() => session.state === 'closed', 'the session to close');
  await sleep(100);
  expect(records.slice(-2)).toMatchObject([
    { kind: 'error', message: 'Internal error: consumer bug' },
    { kind: 'closed', reason: 'failed' },
  ]);
  expect(server.requests).toHaveLength(1);
});

test('a session closed while connecting, reading or waiting to reconnect leaves no timer running', async () => {
  const timers = () => process.getActiveResourcesInfo().filter((type) => type === 'Timeout').length;
  const baseline = timers();
  const timeouts = { connectTimeoutMs: 5000, idleTimeoutMs: 5000, reconnect: { initialDelayMs: 5000 } };

  const connecting = startSession({ url: `${server.url}/no-headers`, ...timeouts });
  await waitFor(() => server.requests.length === 1, 'the request');
  expect(timers()).toBeGreaterThan(baseline); // the connect timeout
  connecting.session.close();
  expect(timers()).toBe(baseline);

  const reading = startSession({ url: `${server.url}/stalled`, ...timeouts });
  await reading.until((all) => all.some((r) => r.kind === 'open'));
  expect(timers()).toBeGreaterThan(baseline); // the idle watchdog
  reading.session.close();
  expect(timers()).toBe(baseline);

  const waiting = startSession({ url: `${server.url}/counter?count=1`, ...timeouts });
  await waiting.until((all) => all.some((r) => r.kind === 'reconnect'));
  expect(timers()).toBeGreaterThan(baseline); // the reconnect wait
  waiting.session.close();
  expect(timers()).toBe(baseline);
});
