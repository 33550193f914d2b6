// The contract over browser mode's WebSocket, with real ws clients: calls round-trip through the
// real dispatcher, malformed messages get an error (or are dropped) and the server keeps going,
// every page gets every push, a page that cannot keep up gets skipped markers instead of records
// (and still every other push), and a page that stops answering pings is dropped.

import { afterEach, expect, test } from 'vitest';
import type { PushPayload } from '../../main/contract.ts';
import { eventRecord, eventually, SESSIONS, startTestServer, TestClient, type Started } from './browser-server-fixture.ts';
import type { BrowserServerOptions } from '../../main/server/browser-server.ts';

let started: Started | undefined;
const start = async (options: Partial<BrowserServerOptions> = {}) => (started = await startTestServer(options));
afterEach(async () => {
  await started?.close();
  started = undefined;
});

test('a call round-trips with its id, and errors come back as readable results', async () => {
  const s = await start();
  const client = await TestClient.open(s);
  const [list, range, missing, invalid] = await Promise.all([
    client.call('sessions:list'),
    client.call('records:range', { sessionId: 's1', fromSeq: 5, count: 2 }),
    client.call('captures:rename', { captureId: 'missing', name: 'x' }),
    client.call('records:range', { sessionId: 's1', fromSeq: -1, count: 2 }),
  ]);
  expect(list).toEqual({ ok: true, value: SESSIONS });
  expect(range).toEqual({ ok: true, value: [eventRecord(5, 'record 5'), eventRecord(6, 'record 6')] });
  expect(missing).toEqual({ ok: false, error: { message: 'No capture with id missing', code: 'not-found' } });
  expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid-payload', message: expect.stringMatching(/fromSeq/) } });
  expect(s.core.calls.map((c) => c.name).sort()).toEqual(['captures:rename', 'records:range', 'sessions:list']);
});

test('malformed messages get an error result when they carry an id, are dropped otherwise, and the server keeps working', async () => {
  const s = await start();
  const client = await TestClient.open(s);
  client.ws.send('this is not json');
  client.ws.send(Buffer.from([1, 2, 3]), { binary: true });
  client.ws.send(JSON.stringify({ hello: 'there' }));
  client.ws.send('null');
  client.ws.send(JSON.stringify({ type: 'call', id: 7, name: 42 }));
  client.ws.send(JSON.stringify({ type: 'call', id: 8, name: 'no:such-command' }));
  client.ws.send(JSON.stringify({ type: 'call', id: 9, name: 'captures:rename', payload: { captureId: 7 } }));
  client.ws.send(JSON.stringify({ type: 'call', id: 10, name: 'toString' }));

  expect(await client.resultOf(7)).toMatchObject({
    ok: false,
    error: { code: 'invalid-payload', message: expect.stringMatching(/^Malformed message:\n✖ .*\n {2}→ at name$/) },
  });
  expect(await client.resultOf(8)).toMatchObject({ ok: false, error: { code: 'unknown-command' } });
  expect(await client.resultOf(9)).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
  expect(await client.resultOf(10)).toMatchObject({ ok: false, error: { code: 'unknown-command' } });
  expect(await client.call('sessions:list')).toMatchObject({ ok: true });
  // Exactly one answer per call with an id; nothing for the rest.
  expect(client.messages.map((m) => (m.type === 'result' ? m.id : m.type))).toEqual([7, 8, 9, 10, 1]);
  expect(s.core.calls.map((c) => c.name)).toEqual(['sessions:list']);
});

test('a message over the size limit closes that page only', async () => {
  const s = await start({ transport: { maxMessageBytes: 1024 } });
  const big = await TestClient.open(s);
  const other = await TestClient.open(s);
  big.ws.send(JSON.stringify({ type: 'call', id: 1, name: 'sessions:list', payload: 'x'.repeat(2048) }));
  expect((await big.closed).code).toBe(1009);
  expect(await other.call('sessions:list')).toMatchObject({ ok: true });
  await eventually(() => s.server.clientCount() === 1, 'the server to forget the closed page');
});

test('every push reaches every page: a second page sees the same sessions', async () => {
  const s = await start();
  const first = await TestClient.open(s);
  const second = await TestClient.open(s);
  const opened: PushPayload<'sessions:changed'> = [{ ...SESSIONS[0]!, id: 's2', name: 'Second feed' }];
  s.server.push('sessions:changed', opened);
  s.server.push('session:records', { sessionId: 's2', records: [eventRecord(1, 'hello')], skipped: null });
  for (const client of [first, second]) {
    await client.until(() => (client.pushes('session:records').length ? true : undefined));
    expect(client.pushes('sessions:changed')).toEqual([opened]);
    expect(client.pushes('session:records')).toEqual([{ sessionId: 's2', records: [eventRecord(1, 'hello')], skipped: null }]);
  }
  expect(await second.call('sessions:list')).toEqual(await first.call('sessions:list'));
});

test('a page that cannot keep up gets skipped markers instead of records, and every other push', async () => {
  const BATCHES = 24;
  const s = await start({ transport: { recordBacklogBytes: 512 * 1024, drainCheckMs: 20 } });
  const fast = await TestClient.open(s);
  const slow = await TestClient.open(s);
  // The slow page stops reading: its socket backs up once the OS buffers are full.
  slow.ws.pause();
  const payload = 'x'.repeat(512 * 1024);
  for (let seq = 1; seq <= BATCHES; seq++) {
    s.server.push('session:records', { sessionId: 's1', records: [eventRecord(seq, payload)], skipped: null });
    // One at a time, so the fast page (in this same process) is never behind.
    await fast.until(() => (fast.pushes('session:records').length === seq ? true : undefined));
  }
  s.server.push('session:state', { ...SESSIONS[0]!, status: 'reconnecting' });
  expect(fast.pushes('session:records').map((b) => [b.records.map((r) => r.seq), b.skipped])).toEqual(
    Array.from({ length: BATCHES }, (_, i) => [[i + 1], null]),
  );

  slow.ws.resume();
  const covered = () => {
    const seqs = slow
      .pushes('session:records')
      .flatMap((b) => [
        ...b.records.map((r) => r.seq),
        ...(b.skipped ? Array.from({ length: b.skipped.toSeq - b.skipped.fromSeq + 1 }, (_, i) => b.skipped!.fromSeq + i) : []),
      ]);
    return seqs.length >= BATCHES ? seqs : undefined;
  };
  const seqs = await slow.until(covered);
  // Every seq exactly once: either delivered or named as skipped.
  expect(seqs).toEqual(Array.from({ length: BATCHES }, (_, i) => i + 1));
  const markers = slow.pushes('session:records').filter((b) => b.skipped);
  expect(markers.length).toBeGreaterThan(0);
  expect(markers.every((m) => m.records.length === 0 && m.sessionId === 's1')).toBe(true);
  expect(slow.pushes('session:state')).toEqual([{ ...SESSIONS[0]!, status: 'reconnecting' }]);

  // Caught up: the next batch arrives whole.
  s.server.push('session:records', { sessionId: 's1', records: [eventRecord(BATCHES + 1, 'small')], skipped: null });
  const last = await slow.until(() => slow.pushes('session:records').find((b) => b.records[0]?.seq === BATCHES + 1));
  expect(last.skipped).toBeNull();
});

test('a page that stops answering pings is dropped; one that answers stays', async () => {
  const s = await start({ transport: { heartbeatMs: 40 } });
  const silent = await TestClient.open(s, { autoPong: false });
  const alive = await TestClient.open(s);
  expect((await silent.closed).code).toBe(1006);
  await eventually(() => s.server.clientCount() === 1, 'the server to forget the silent page');
  expect(await alive.call('sessions:list')).toMatchObject({ ok: true });
});
