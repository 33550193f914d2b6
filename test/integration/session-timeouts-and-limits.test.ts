// Timeouts and size limits against misbehaving servers: one that never answers, one that goes
// quiet, one that never ends a line. Each ends the attempt with a clear error record; memory stays
// flat; and a quiet but healthy stream is never cut by the HTTP client's own timers.

import { createRequire } from 'node:module';
import type { ServerResponse } from 'node:http';
import { Agent, fetch as undiciFetch } from 'undici';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { FetchFunction } from '../../main/core/sse/fetch-types.ts';
import type { ErrorRecord, SseRecord } from '../../main/common/records.ts';
import { startFixtureServer, startSse, type FixtureServer } from '../helpers/fixture-server.ts';
import { closeStartedSessions, sleep, startSession, waitFor } from '../helpers/session-harness.ts';

let server: FixtureServer;
beforeEach(async () => (server = await startFixtureServer()));
afterEach(async () => {
  closeStartedSessions();
  await server.close();
});

const errors = (records: SseRecord[]) => records.filter((r): r is ErrorRecord => r.kind === 'error');
const MiB = 1024 * 1024;

test('idle timeout: a stream quiet for too long ends with an error record and reconnects', async () => {
  const h = startSession({ url: `${server.url}/stalled`, idleTimeoutMs: 150, reconnect: { initialDelayMs: 10 } });
  await waitFor(() => server.requests.length >= 2, 'a reconnect after the idle timeout');
  h.session.close();
  expect(h.records.slice(0, 3)).toMatchObject([
    { kind: 'open' },
    { kind: 'error', message: 'No data received for 150 ms (idle timeout)', retryInMs: 10 },
    { kind: 'reconnect', reason: 'timeout', attempt: 2 },
  ]);
});

test('idle timeout: bytes that keep coming, however slowly, keep the stream alive', async () => {
  // 70 bytes, one every 10 ms: 700 ms in all, past the 400 ms idle timeout. (The gap between bytes
  // is far below the timeout, so a loaded machine's stall does not fake an idle stream.)
  const text = encodeURIComponent(': keep going\ndata: slow but steady, one byte at a time\n\n');
  const h = startSession({ url: `${server.url}/trickle?every=10&text=${text}`, idleTimeoutMs: 400, reconnect: { enabled: false } });
  const records = await h.closed();
  expect(errors(records)).toEqual([]);
  expect(h.events().map((e) => e.data)).toEqual(['slow but steady, one byte at a time']);
  expect(records.at(-1)).toMatchObject({ kind: 'closed', reason: 'ended' });
});

test('connect timeout: a server that never sends headers ends the attempt and is retried', async () => {
  const h = startSession({ url: `${server.url}/no-headers`, connectTimeoutMs: 150, reconnect: { initialDelayMs: 10 } });
  await waitFor(() => server.requests.length >= 2, 'a retry after the connect timeout');
  h.session.close();
  expect(h.records.slice(0, 2)).toMatchObject([
    { kind: 'error', message: 'No response within 150 ms (connect timeout)' },
    { kind: 'reconnect', reason: 'timeout' },
  ]);
});

test('a line that never ends: an error record, the attempt dropped early, and memory stays flat', async () => {
  const before = process.memoryUsage();
  const h = startSession({
    url: `${server.url}/endless-line?mib=50`,
    limits: { maxLineBytes: 1 * MiB },
    reconnect: { initialDelayMs: 60_000 },
  });
  await h.until((all) => all.some((r) => r.kind === 'reconnect'), 10_000);
  const after = process.memoryUsage();
  h.session.close();

  expect(h.records.map((r) => r.kind)).toEqual(['open', 'error', 'reconnect', 'closed']);
  expect(errors(h.records)[0]!.message).toMatch(/^Line longer than the limit of 1048576 bytes/);
  expect(h.records[2]).toMatchObject({ reason: 'stream-error' });
  // The session stopped reading just past the limit, not after the server's 50 MiB.
  expect(h.session.stats.bytes).toBeGreaterThan(1 * MiB);
  expect(h.session.stats.bytes).toBeLessThan(3 * MiB);
  // Held line bytes live in Buffers (arrayBuffers), the rest on the heap. Holding the whole line
  // would add 50 MiB; garbage not yet collected is a few MiB at most.
  const grown = after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers);
  expect(grown).toBeLessThan(16 * MiB);
});

test('an event larger than the limit: the events before it arrive, then an error record', async () => {
  server.route('/big-event', (_req, res) => {
    startSse(res);
    res.write('data: small\n\n');
    for (let i = 0; i < 100; i++) res.write(`data: ${'y'.repeat(50)}\n`);
    res.end('\n');
  });
  const h = startSession({ url: `${server.url}/big-event`, limits: { maxEventBytes: 1000 }, reconnect: { enabled: false } });
  const records = await h.closed();
  expect(h.events().map((e) => e.data)).toEqual(['small']);
  expect(errors(records).map((e) => e.message)).toEqual([expect.stringMatching(/^Event larger than the limit of 1000 bytes/)]);
  expect(records.at(-1)).toMatchObject({ kind: 'closed', reason: 'failed' });
});

// undici's fetch cuts a response body that is quiet for 300 s (its default bodyTimeout).
// node-fetch.ts sets bodyTimeout 0; this checks that a quiet stream survives 301 s without waiting
// them: undici runs that timeout on its own coarse clock, which its tests advance with tick().
test('the HTTP client never cuts a stream that is quiet for more than 300 s', async () => {
  const undiciTimers = createRequire(import.meta.url)('undici/lib/util/timers.js') as { tick(ms: number): void };
  const held: ServerResponse[] = [];
  server.route('/quiet', (_req, res) => {
    startSse(res);
    res.write(': hello\n\n');
    held.push(res);
  });
  const passFiveMinutes = () => {
    undiciTimers.tick(301_000); // the first tick starts the timer's clock, the second runs it out
    undiciTimers.tick(301_000);
  };

  // Control: an Agent with undici's defaults does cut the stream (so the tick is effective).
  const defaultAgent = new Agent();
  const defaultFetch: FetchFunction = (url, init) => undiciFetch(url, { ...init, dispatcher: defaultAgent }) as ReturnType<FetchFunction>;
  const control = startSession({ url: `${server.url}/quiet`, fetch: defaultFetch, reconnect: { initialDelayMs: 60_000 } });
  await control.until((all) => all.some((r) => r.kind === 'comment'));
  passFiveMinutes();
  await control.until((all) => errors(all).length === 1);
  expect(errors(control.records)[0]!.message).toMatch(/^Connection lost: .*timeout/i);
  control.session.close();
  await defaultAgent.close();

  // The engine's fetch (the harness default) leaves it open: the next event still arrives.
  const h = startSession({ url: `${server.url}/quiet`, reconnect: { initialDelayMs: 60_000 } });
  await h.until((all) => all.some((r) => r.kind === 'comment'));
  passFiveMinutes();
  await sleep(50);
  held.at(-1)!.write('data: still here\n\n');
  await h.until(() => h.events().length === 1);
  expect(h.records.map((r) => r.kind)).toEqual(['open', 'comment', 'event']);
});
