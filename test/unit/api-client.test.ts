// The renderer's api client over the browser-mode WebSocket bridge, run under Node against a real
// browser-mode server (the ws package's WebSocket stands in for the browser's): typed calls and
// ApiError, push subscriptions, calls made before the socket opens, calls cut off by a lost
// connection, reconnecting to a restarted server, and the transport choice at start.

import { afterEach, expect, test } from 'vitest';
import { WebSocket } from 'ws';
import { startBrowserServer, type BrowserServer } from '../../main/server/browser-server.ts';
import {
  ApiError,
  createApiClient,
  createWsBridge,
  pickBridge,
  type ConnectionState,
  type ScopeBridge,
  type SocketConstructor,
  type WsBridge,
} from '../../renderer/src/lib/api/index.ts';
import { eventRecord, eventually, SESSIONS, startTestServer, type Started } from '../integration/browser-server-fixture.ts';

let started: Started | undefined;
let restarted: BrowserServer | undefined;
let bridge: WsBridge | undefined;
afterEach(async () => {
  bridge?.close();
  bridge = undefined;
  await restarted?.close();
  restarted = undefined;
  await started?.close();
  started = undefined;
});

/** The ws package's WebSocket, sending the Origin a browser would send for the page. */
function pageWebSocket(origin: string): SocketConstructor {
  return class PageWebSocket extends WebSocket {
    constructor(url: string) {
      super(url, { origin });
    }
  } as unknown as SocketConstructor;
}

function pageLocation(s: Started, search = `?token=${encodeURIComponent(s.server.token)}`) {
  return { protocol: 'http:', host: `127.0.0.1:${s.server.port}`, search };
}

async function connectTo(options: { search?: string } = {}) {
  const s = (started = await startTestServer());
  bridge = createWsBridge({
    WebSocket: pageWebSocket(s.origin),
    location: pageLocation(s, options.search),
    reconnect: { initialMs: 20, maxMs: 100 },
  });
  const states: ConnectionState[] = [];
  bridge.onConnectionChange((state) => states.push(state));
  return { s, bridge, api: createApiClient(bridge), states };
}

test('call resolves to the response and throws ApiError with the readable message and code', async () => {
  const { api, s } = await connectTo();
  // Sent before the socket is open: it waits for it.
  expect(await api.call('sessions:list')).toEqual(SESSIONS);
  expect(await api.call('records:range', { sessionId: 's1', fromSeq: 3, count: 1 })).toEqual([eventRecord(3, 'record 3')]);

  const notFound = await api.call('captures:rename', { captureId: 'missing', name: 'x' }).catch((error: unknown) => error);
  expect(notFound).toBeInstanceOf(ApiError);
  expect(notFound).toMatchObject({ message: 'No capture with id missing', code: 'not-found', command: 'captures:rename' });

  const invalid = await api.call('records:range', { sessionId: 's1', fromSeq: 1, count: -5 }).catch((error: unknown) => error);
  expect(invalid).toMatchObject({ code: 'invalid-payload', message: expect.stringMatching(/count/) });
  expect(s.core.calls.map((c) => c.name)).toEqual(['sessions:list', 'records:range', 'captures:rename']);
});

test('on() delivers pushes until unsubscribed; a throwing listener does not stop the others', async () => {
  const s = (started = await startTestServer());
  const listenerErrors: unknown[] = [];
  bridge = createWsBridge({
    WebSocket: pageWebSocket(s.origin),
    location: pageLocation(s),
    onListenerError: (e) => listenerErrors.push(e),
  });
  const api = createApiClient(bridge);
  await api.call('sessions:list'); // connected

  const seen: number[] = [];
  const notices: string[] = [];
  const unsubscribe = api.on('session:records', (batch) => seen.push(...batch.records.map((r) => r.seq)));
  api.on('session:records', () => {
    throw new Error('listener bug');
  });
  api.on('app:notice', (notice) => notices.push(notice.message));

  s.server.push('session:records', { sessionId: 's1', records: [eventRecord(1, 'a'), eventRecord(2, 'b')], skipped: null });
  s.server.push('app:notice', { level: 'info', message: 'hello' });
  await eventually(() => notices.length === 1, 'the notice');
  expect(seen).toEqual([1, 2]);
  expect(listenerErrors).toHaveLength(1);

  unsubscribe();
  s.server.push('session:records', { sessionId: 's1', records: [eventRecord(3, 'c')], skipped: null });
  s.server.push('app:notice', { level: 'info', message: 'after' });
  await eventually(() => notices.length === 2, 'the second notice');
  expect(seen).toEqual([1, 2]);
});

test('a call in flight when the connection drops is rejected; the bridge reconnects to the restarted server', async () => {
  const { s, api, bridge, states } = await connectTo();
  await api.call('sessions:list');
  expect(bridge.connection.status).toBe('open');

  const gate = s.core.holdNextCounts();
  const inFlight = api.call('records:counts', { sessionId: 's1' }).catch((error: unknown) => error);
  await gate.entered;
  const { port, token } = s.server;
  await s.server.close();
  const error = await inFlight;
  expect(error).toBeInstanceOf(ApiError);
  expect(error).toMatchObject({
    code: 'disconnected',
    command: 'records:counts',
    message: expect.stringMatching(/connection to SSE Scope was lost/),
  });
  gate.release();
  await eventually(() => bridge.connection.status === 'reconnecting', 'reconnecting');
  expect(bridge.connection.detail).toMatch(/Not connected/);

  // A call made while disconnected waits for the connection.
  const waiting = api.call('sessions:list');
  restarted = await startBrowserServer({ port, token, rendererDir: s.folder.rendererDir, dispatch: s.core.dispatch });
  expect(await waiting).toEqual(SESSIONS);
  expect(bridge.connection.status).toBe('open');
  const pushed: string[] = [];
  api.on('app:notice', (notice) => pushed.push(notice.message));
  restarted.push('app:notice', { level: 'info', message: 'from the new server' });
  await eventually(() => pushed.length === 1, 'a push from the restarted server');
  expect(states.map((state) => state.status)).toEqual(expect.arrayContaining(['open', 'reconnecting']));
  expect(states.at(-1)!.status).toBe('open');
});

test('close() rejects pending calls and stops reconnecting', async () => {
  const { api, bridge } = await connectTo();
  await api.call('sessions:list');
  bridge.close();
  expect(bridge.connection.status).toBe('closed');
  await expect(api.call('sessions:list')).rejects.toMatchObject({ code: 'disconnected' });
  await eventually(() => started!.server.clientCount() === 0, 'the server to see the page go');
  // Several reconnect delays (20 ms each at first) later, it has not come back.
  await new Promise((resolve) => setTimeout(resolve, 150));
  expect(started!.server.clientCount()).toBe(0);
  expect(bridge.connection.status).toBe('closed');
});

test('a page without a token says how to get one, and never connects', async () => {
  const { bridge, api } = await connectTo({ search: '' });
  expect(bridge.connection).toEqual({ status: 'closed', detail: expect.stringMatching(/no access token/) });
  await expect(api.call('sessions:list')).rejects.toMatchObject({ code: 'disconnected', message: expect.stringMatching(/npm run serve/) });
});

test('a page with a wrong token keeps trying and is never let in', async () => {
  const { bridge, api, s } = await connectTo({ search: '?token=wrong' });
  const call = api.call('sessions:list');
  await eventually(() => bridge.connection.status === 'reconnecting', 'reconnecting');
  expect(s.server.clientCount()).toBe(0);
  bridge.close();
  await expect(call).rejects.toMatchObject({ code: 'disconnected' });
  expect(s.core.calls).toEqual([]);
});

test('pickBridge takes the preload bridge when there is one, and the WebSocket otherwise', async () => {
  const preload: ScopeBridge = { call: async () => ({ ok: true, value: [] as never }), on: () => () => {} };
  const electron = pickBridge({ scope: preload });
  expect(electron.bridge).toBe(preload);
  expect(electron.connection.connection.status).toBe('open');

  const s = (started = await startTestServer());
  const browser = pickBridge({ WebSocket: pageWebSocket(s.origin), location: pageLocation(s) });
  bridge = browser.bridge as WsBridge;
  expect(await createApiClient(browser.bridge).call('sessions:list')).toEqual(SESSIONS);
  expect(browser.connection.connection.status).toBe('open');

  expect(() => pickBridge({})).toThrow(/cannot reach its main process/);
});
