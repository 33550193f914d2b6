// The app core as the renderer uses it, against a real local SSE server: saving connections,
// opening sessions, batched live records, reading records back, disconnect/connect, clear, pause,
// environments, and the errors a view sees.

import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionView, SseRecord } from '../../main/contract.ts';
import { MAX_RECORDS_PER_PUSH } from '../../main/core/app/live-batcher.ts';
import { startFixtureServer, startSse, type FixtureServer } from '../helpers/fixture-server.ts';
import { eventBlocks, eventually, liveRoute, removeTempFolders, startHarness, type Harness } from '../helpers/app-core-harness.ts';
import { waitFor } from '../helpers/session-harness.ts';
import { fakeKeychainCipher } from '../unit/config/fake-cipher.ts';

let server: FixtureServer;
let app: Harness;

beforeEach(async () => {
  server = await startFixtureServer();
  app = await startHarness();
});

afterEach(async () => {
  await app.stop();
  await server.close();
});

afterAll(removeTempFolders);

async function saveConnection(url: string, extra: Record<string, unknown> = {}) {
  return app.call('connections:save', { connection: { name: 'Feed', url, ...extra } });
}

/** Seqs the view was given for a session: delivered records plus the ranges named as skipped. */
function deliveredSeqs(sessionId: string): Set<number> {
  const seqs = new Set<number>();
  for (const push of app.pushes.of('session:records')) {
    if (push.sessionId !== sessionId) continue;
    for (const record of push.records) seqs.add(record.seq);
    if (push.skipped) for (let seq = push.skipped.fromSeq; seq <= push.skipped.toSeq; seq++) seqs.add(seq);
  }
  return seqs;
}

const stateOf = (sessionId: string, status: SessionView['status']) =>
  app.pushes.next('session:state', (view) => view.id === sessionId && view.status === status);

describe('connections', () => {
  it('saves a connection and tells every view', async () => {
    const saved = await saveConnection(`${server.url}/counter`);
    expect(saved).toMatchObject({ name: 'Feed', url: `${server.url}/counter`, method: 'GET' });
    expect(await app.call('connections:list', undefined)).toEqual([saved]);
    expect(app.pushes.of('connections:changed').at(-1)).toEqual([saved]);
  });

  it('answers a bad payload with an error that names the field', async () => {
    const result = await app.raw('connections:save', { connection: { name: 'Feed', url: 'ftp://example.com/stream' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid-payload');
    expect(result.error.message).toContain('connection.url');
    expect(await app.call('connections:list', undefined)).toEqual([]);
  });

  it('says which id is unknown', async () => {
    await expect(app.call('connections:delete', { id: 'nope' })).rejects.toMatchObject({
      code: 'not-found',
      message: 'No connection nope',
    });
    await expect(app.call('records:latest', { sessionId: 's-12', count: 10 })).rejects.toMatchObject({
      code: 'not-found',
      message: 'No session s-12',
    });
    await expect(app.call('sessions:disconnect', { sessionId: 's-12' })).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('a live session', () => {
  it('opens, records, and answers ranges, the newest records and counts', async () => {
    const connection = await saveConnection(`${server.url}/counter?count=5`, { reconnect: { enabled: false } });
    const view = await app.call('sessions:open', { connectionId: connection.id });
    expect(view).toMatchObject({ connectionId: connection.id, name: 'Feed', url: `${server.url}/counter?count=5`, paused: false });
    expect(
      app.pushes
        .of('sessions:changed')
        .at(-1)
        ?.map((session) => session.id),
    ).toEqual([view.id]);

    const closed = await stateOf(view.id, 'closed');
    expect(closed.detail).toContain('The stream ended');
    expect(closed.closedReason).toBe('ended');
    // open, 5 events, closed
    expect(closed.lastSeq).toBe(7);
    const all = await app.call('records:range', { sessionId: view.id, fromSeq: 1, count: 100 });
    expect(all.map((record) => record.kind)).toEqual(['open', 'event', 'event', 'event', 'event', 'event', 'closed']);
    expect(all.map((record) => record.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(await app.call('records:range', { sessionId: view.id, fromSeq: 3, count: 2 })).toEqual(all.slice(2, 4));
    expect(await app.call('records:latest', { sessionId: view.id, count: 3 })).toEqual(all.slice(4));
    const counts = await app.call('records:counts', { sessionId: view.id });
    expect(counts.total).toBe(7);
    expect(counts.byKind).toMatchObject({ open: 1, event: 5, closed: 1 });
    expect(counts.byType).toEqual([{ type: 'message', count: 5 }]);

    // The status bar's numbers: the last push when the session closed.
    expect(app.pushes.of('session:stats').at(-1)).toMatchObject({
      sessionId: view.id,
      totalEvents: 5,
      httpStatus: 200,
      eventsPerSecond: 0,
    });

    // The records reached the view too, and the capture is in the library.
    await waitFor(() => deliveredSeqs(view.id).size === 7, 'all seven records pushed');
    const captures = await app.call('captures:list', undefined);
    expect(captures.map((capture) => capture.id)).toContain(view.captureId);
  });

  it('pushes a 5,000-event burst in a few batches, naming any seqs it leaves out', async () => {
    const live = liveRoute(server, '/burst');
    const connection = await saveConnection(live.url);
    const view = await app.call('sessions:open', { connectionId: connection.id });
    await live.connected(1);
    await stateOf(view.id, 'open');
    live.write(eventBlocks(1, 5000, (n) => `event: tick\ndata: {"n":${n}}\n\n`));
    // open + 5000 events
    await waitFor(() => deliveredSeqs(view.id).size === 5001, 'every seq delivered or named as skipped', 15_000);

    const pushes = app.pushes.of('session:records').filter((push) => push.sessionId === view.id);
    expect(pushes.length).toBeLessThan(50);
    for (const push of pushes) expect(push.records.length).toBeLessThanOrEqual(MAX_RECORDS_PER_PUSH);
    // Within a push, records are in order and come after the seqs it skipped.
    for (const push of pushes) {
      const seqs = push.records.map((record) => record.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      if (push.skipped) expect(push.skipped.toSeq).toBe(seqs[0]! - 1);
    }
    expect(pushes.at(-1)?.records.at(-1)).toMatchObject({ seq: 5001, data: '{"n":5000}' });
    // Skipped or not, everything is stored.
    const counts = await app.call('records:counts', { sessionId: view.id });
    expect(counts.byKind.event).toBe(5000);
  });

  it('connects again after a disconnect and continues the timeline', async () => {
    const live = liveRoute(server, '/live');
    const connection = await saveConnection(live.url);
    const view = await app.call('sessions:open', { connectionId: connection.id });
    await live.connected(1);
    live.write(eventBlocks(1, 3, (n) => `id: ${n}\ndata: ${n}\n\n`));
    await waitFor(() => deliveredSeqs(view.id).size === 4, 'open and three events');

    const disconnected = await app.call('sessions:disconnect', { sessionId: view.id });
    expect(disconnected).toMatchObject({ status: 'closed', detail: 'Disconnected', lastSeq: 5 });
    const connected = await app.call('sessions:connect', { sessionId: view.id });
    expect(connected.status).toBe('connecting');
    await live.connected(2);
    live.write('id: 4\ndata: 4\n\n');
    await waitFor(() => deliveredSeqs(view.id).size === 7, 'the second open and the fourth event');

    const records = await app.call('records:range', { sessionId: view.id, fromSeq: 1, count: 100 });
    expect(records.map((record) => `${record.seq}:${record.kind}`)).toEqual([
      '1:open',
      '2:event',
      '3:event',
      '4:event',
      '5:closed',
      '6:open',
      '7:event',
    ]);
    // The last event id carries over, as a reconnect would send it.
    expect(server.requests.filter((request) => request.path === '/live')[1]!.headers['last-event-id']).toBe('3');
  });

  it('says in its view that a session closed because it failed, and forgets it when connecting again', async () => {
    server.route('/denied', (_req, res) => {
      res.writeHead(401).end();
    });
    const connection = await saveConnection(`${server.url}/denied`);
    const view = await app.call('sessions:open', { connectionId: connection.id });
    expect(view.closedReason).toBeNull();

    const closed = await stateOf(view.id, 'closed');
    expect(closed).toMatchObject({ closedReason: 'failed', detail: expect.stringContaining('401') });
    // A view that comes later (a page loaded after the failure) learns it from the list alone.
    expect(await app.call('sessions:list', undefined)).toMatchObject([{ id: view.id, status: 'closed', closedReason: 'failed' }]);

    const again = await app.call('sessions:connect', { sessionId: view.id });
    expect(again).toMatchObject({ status: 'connecting', closedReason: null });
    const disconnected = await app.call('sessions:disconnect', { sessionId: view.id });
    expect(disconnected).toMatchObject({ status: 'closed', closedReason: 'closed' });
  });

  it('reconnects at once on request, saying so in the timeline', async () => {
    const live = liveRoute(server, '/live');
    const connection = await saveConnection(live.url);
    const view = await app.call('sessions:open', { connectionId: connection.id });
    await live.connected(1);
    await stateOf(view.id, 'open');
    await app.call('sessions:reconnect', { sessionId: view.id });
    await live.connected(2);
    await eventually(async () => (await app.call('records:counts', { sessionId: view.id })).byKind.open === 2, 'the second open');
    const records = await app.call('records:range', { sessionId: view.id, fromSeq: 1, count: 10 });
    expect(records.map((record) => record.kind)).toEqual(['open', 'reconnect', 'open']);
    expect(records[1]).toMatchObject({ reason: 'restart', delayMs: 0 });
  });

  it('refuses a connection whose CA file cannot be read, before starting a capture', async () => {
    const connection = await saveConnection(`${server.url}/counter`, { tls: { caFile: '/nonexistent/ca.pem' } });
    await expect(app.call('sessions:open', { connectionId: connection.id })).rejects.toMatchObject({
      code: 'failed',
      message: expect.stringContaining('TLS settings cannot be used: ENOENT'),
    });
    expect(await app.call('captures:list', undefined)).toEqual([]);
  });

  it('clears to an empty timeline in a new capture, keeping the connection', async () => {
    const live = liveRoute(server, '/live');
    const connection = await saveConnection(live.url);
    const view = await app.call('sessions:open', { connectionId: connection.id });
    await live.connected(1);
    live.write(eventBlocks(1, 3));
    await waitFor(() => deliveredSeqs(view.id).size === 4, 'open and three events');

    const cleared = await app.call('sessions:clear', { sessionId: view.id });
    expect(cleared).toMatchObject({ status: 'open', firstSeq: 0, lastSeq: 0 });
    expect(cleared.captureId).not.toBe(view.captureId);
    expect(await app.call('records:latest', { sessionId: view.id, count: 10 })).toEqual([]);
    expect((await app.call('records:counts', { sessionId: view.id })).total).toBe(0);

    live.write('data: after\n\n');
    await waitFor(
      () => app.pushes.of('session:records').some((push) => push.records.some((r) => r.kind === 'event' && r.data === 'after')),
      'the new event',
    );
    const latest = await app.call('records:latest', { sessionId: view.id, count: 10 });
    expect(latest).toHaveLength(1);
    expect(latest[0]).toMatchObject({ kind: 'event', data: 'after' });
    expect(live.connections).toBe(1);
    // The new timeline's push starts at its first record (seqs go on from the old one's): it says
    // nothing was left out, so the view numbers its rows from 1 again.
    const afterPush = app.pushes.of('session:records').find((push) => push.records.some((r) => r.kind === 'event' && r.data === 'after'));
    expect(afterPush).toMatchObject({ skipped: null, records: [{ seq: 5, data: 'after' }] });

    // The old capture is finished and kept; the new one is recording.
    const captures = await app.call('captures:list', undefined);
    expect(captures.find((capture) => capture.id === view.captureId)).toMatchObject({ recording: false, records: 4 });
    expect(captures.find((capture) => capture.id === cleared.captureId)).toMatchObject({ recording: true });
  });

  it('pauses live delivery while still storing the records', async () => {
    const live = liveRoute(server, '/live');
    const connection = await saveConnection(live.url);
    const view = await app.call('sessions:open', { connectionId: connection.id });
    await live.connected(1);
    live.write('data: 1\n\n');
    await waitFor(() => deliveredSeqs(view.id).size === 2, 'open and the first event');

    expect(await app.call('sessions:pause', { sessionId: view.id, paused: true })).toMatchObject({ paused: true });
    const pushesBefore = app.pushes.of('session:records').length;
    live.write(eventBlocks(2, 10));
    await eventually(
      async () => (await app.call('records:counts', { sessionId: view.id })).byKind.event === 11,
      'all eleven events stored',
    );
    expect(app.pushes.of('session:records').length).toBe(pushesBefore);

    const resumed = await app.call('sessions:pause', { sessionId: view.id, paused: false });
    expect(resumed).toMatchObject({ paused: false, lastSeq: 12 });
    live.write('data: 12\n\n');
    const push = await app.pushes.next('session:records', (batch) => batch.records.some((r) => r.kind === 'event' && r.data === '12'));
    expect(push.records.map((record) => record.seq)).toEqual([13]);
  });

  it('sends environment variables, secret ones included, without showing the secret', async () => {
    await app.stop();
    app = await startHarness({ cipher: fakeKeychainCipher() });
    server.route('/private', (req, res) => {
      if (req.headers.authorization !== 'Bearer tok-9f83e1') {
        res.writeHead(401).end();
        return;
      }
      startSse(res);
      res.end('data: welcome\n\n');
    });
    const environment = await app.call('environments:save', {
      environment: {
        name: 'Local',
        variables: [
          { name: 'base', value: server.url },
          { name: 'token', value: { secret: true, value: 'tok-9f83e1' } },
        ],
      },
    });
    await app.call('environments:activate', { id: environment.id });
    expect(app.pushes.of('environments:changed').at(-1)).toMatchObject({ activeId: environment.id });
    const connection = await app.call('connections:save', {
      connection: {
        name: 'Authed',
        url: '{{base}}/private',
        headers: [{ name: 'Authorization', value: 'Bearer {{token}}' }],
        reconnect: { enabled: false },
      },
    });
    const view = await app.call('sessions:open', { connectionId: connection.id });
    expect(view.url).toBe(`${server.url}/private`);
    await stateOf(view.id, 'closed');

    expect(server.requests.find((request) => request.path === '/private')?.headers.authorization).toBe('Bearer tok-9f83e1');
    const records = await app.call('records:range', { sessionId: view.id, fromSeq: 1, count: 10 });
    expect(records.filter((r): r is Extract<SseRecord, { kind: 'event' }> => r.kind === 'event').map((r) => r.data)).toEqual(['welcome']);
    expect(JSON.stringify(app.pushes.all)).not.toContain('tok-9f83e1');
  });

  it('refuses to open a connection whose variables are missing, saying which', async () => {
    const connection = await saveConnection('{{base}}/counter');
    await expect(app.call('sessions:open', { connectionId: connection.id })).rejects.toMatchObject({
      code: 'failed',
      message: expect.stringContaining('Unknown variable {{base}}'),
    });
    expect(await app.call('sessions:list', undefined)).toEqual([]);
  });

  it('disposes a session: it disconnects and its capture is finished', async () => {
    const live = liveRoute(server, '/live');
    const connection = await saveConnection(live.url);
    const view = await app.call('sessions:open', { connectionId: connection.id });
    await live.connected(1);
    await app.call('sessions:dispose', { sessionId: view.id });
    expect(await app.call('sessions:list', undefined)).toEqual([]);
    const capture = (await app.call('captures:list', undefined)).find((info) => info.id === view.captureId);
    expect(capture).toMatchObject({ recording: false });
    await expect(app.call('records:counts', { sessionId: view.id })).rejects.toMatchObject({ code: 'not-found' });
  });
});
