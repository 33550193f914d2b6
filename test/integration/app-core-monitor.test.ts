// Monitored feeds and the workspace, through the app core against a local server: a feed marked
// "monitor" rides out HTTP errors (the spec's default gives up), is started again after it closes
// with 204 No Content, and connects when the app starts; the overview's tiles count its events;
// and the open tabs, their order and the selected one come back after a restart, a monitored feed
// connected again, any other tab as its last capture reopened (nothing is sent again).

import { stat, writeFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFixtureServer, startSse, type FixtureServer } from '../helpers/fixture-server.ts';
import { eventsStored, eventually, liveRoute, removeTempFolders, startHarness, type Harness } from '../helpers/app-core-harness.ts';

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

/** A route that answers the first `failures` requests with `status`, then streams one event and stays open. */
function failingThenLive(path: string, status: number, failures: number): { url: string; requests: () => number } {
  let requests = 0;
  const open: ServerResponse[] = [];
  server.route(path, (_req, res) => {
    requests++;
    if (requests <= failures) {
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 204 ? undefined : 'maintenance');
      return;
    }
    startSse(res);
    res.write('data: back\n\n');
    open.push(res);
  });
  return { url: `${server.url}${path}`, requests: () => requests };
}

const FAST_RECONNECT = { initialDelayMs: 20, maxDelayMs: 100 };

describe('A monitored feed', () => {
  it('keeps reconnecting after HTTP errors, where the spec would stop, and the watchdog notes the recovery', async () => {
    const route = failingThenLive('/flaky', 503, 2);
    const connection = await app.call('connections:save', {
      connection: { name: 'Flaky', url: route.url, monitor: true, reconnect: FAST_RECONNECT, watchdog: { enabled: true } },
    });
    const view = await app.call('sessions:open', { connectionId: connection.id });
    await eventsStored(app, view.id, 1);
    expect(route.requests()).toBe(3);

    const changes = app.pushes.of('alerts:changed').map((update) => [update.change, update.alert.rule]);
    expect(changes).toEqual([
      ['raised', 'http-error'],
      ['counted', 'http-error'],
      ['recovered', 'http-error'],
    ]);
    const [tile] = await app.call('overview:list', undefined);
    expect(tile).toMatchObject({ sessionId: view.id, monitored: true, state: 'open', httpStatus: 200, totalEvents: 1, openAlerts: 0 });
  });

  it('is started again after the server closes it with 204 No Content, the timeline going on', async () => {
    const route = failingThenLive('/pause', 204, 1);
    const connection = await app.call('connections:save', {
      connection: { name: 'Pausing', url: route.url, monitor: true, reconnect: FAST_RECONNECT },
    });
    const view = await app.call('sessions:open', { connectionId: connection.id });
    await eventsStored(app, view.id, 1);
    expect(route.requests()).toBe(2);
    const records = await app.call('records:range', { sessionId: view.id, fromSeq: 1, count: 10 });
    expect(records.map((record) => (record.kind === 'closed' ? `closed ${record.reason}` : record.kind))).toEqual([
      'closed no-content',
      'open',
      'event',
    ]);
  });

  it('a feed that is not monitored stops at the first HTTP error, as the spec says', async () => {
    const route = failingThenLive('/strict', 503, 1);
    const connection = await app.call('connections:save', { connection: { name: 'Strict', url: route.url, reconnect: FAST_RECONNECT } });
    const view = await app.call('sessions:open', { connectionId: connection.id });
    await app.pushes.next('session:state', (state) => state.id === view.id && state.status === 'closed');
    expect(route.requests()).toBe(1);
    expect((await app.call('sessions:list', undefined))[0]).toMatchObject({ status: 'closed', closedReason: 'failed' });
  });

  it('connects when the app starts', async () => {
    const live = liveRoute(server, '/watched');
    await app.call('connections:save', { connection: { name: 'Watched', url: live.url, monitor: true } });
    await app.stop();
    app = await startHarness({ dataDir: app.dataDir });
    await live.connected(1);
    const [view] = await app.call('sessions:list', undefined);
    expect(view).toMatchObject({ name: 'Watched', status: expect.stringMatching(/connecting|open/) });
    live.write('data: 1\n\n');
    await eventsStored(app, view!.id, 1);
  });
});

describe('The overview', () => {
  it('pushes every live session tile about once a second, and an empty list once the last one goes', async () => {
    const live = liveRoute(server, '/ticks');
    const connection = await app.call('connections:save', { connection: { name: 'Ticks', url: live.url } });
    const view = await app.call('sessions:open', { connectionId: connection.id });
    await live.connected(1);
    live.write('data: 1\n\ndata: 2\n\n');
    await eventsStored(app, view.id, 2);
    const tiles = await app.pushes.next('overview:tiles', (list) => list[0]?.totalEvents === 2, 3_000);
    expect(tiles).toEqual([
      expect.objectContaining({
        sessionId: view.id,
        connectionId: connection.id,
        name: 'Ticks',
        monitored: false,
        state: 'open',
        stale: false,
      }),
    ]);
    expect(tiles[0]!.eventsPerSecond).toHaveLength(60);

    await app.call('sessions:dispose', { sessionId: view.id });
    app.pushes.clear();
    await app.pushes.next('overview:tiles', (list) => list.length === 0, 3_000);
  });
});

describe('The workspace', () => {
  it('brings the tabs back after a restart, in order with the selected one; only the monitored feed connects again', async () => {
    const watched = liveRoute(server, '/watched');
    const plain = liveRoute(server, '/plain');
    const monitored = await app.call('connections:save', { connection: { name: 'Watched', url: watched.url, monitor: true } });
    const request = await app.call('connections:save', { connection: { name: 'Request', url: plain.url } });
    const first = await app.call('sessions:open', { connectionId: monitored.id });
    const second = await app.call('sessions:open', { connectionId: request.id });
    await watched.connected(1);
    await plain.connected(1);
    plain.write('data: kept\n\n');
    await eventsStored(app, second.id, 1);
    // The view's order: the request first, the monitored feed second and selected.
    await app.call('workspace:save', { sessionIds: [second.id, first.id], activeSessionId: first.id });
    if (process.platform !== 'win32') expect((await stat(join(app.dataDir, 'workspace.json'))).mode & 0o777).toBe(0o600);

    await app.stop();
    app = await startHarness({ dataDir: app.dataDir });
    await watched.connected(2);
    const sessions = await app.call('sessions:list', undefined);
    const workspace = await app.call('workspace:get', undefined);
    const byId = new Map(sessions.map((view) => [view.id, view]));
    const tabs = workspace.sessionIds.map((id) => byId.get(id)!);
    expect(tabs.map((view) => [view.name, view.status === 'offline' ? 'offline' : 'live'])).toEqual([
      ['Request', 'offline'],
      ['Watched', 'live'],
    ]);
    expect(byId.get(workspace.activeSessionId!)!.name).toBe('Watched');
    // The request's tab is its last capture, with what it had received; the request was not sent again.
    expect(tabs[0]!.captureId).toBe(second.captureId);
    expect(await app.call('records:counts', { sessionId: tabs[0]!.id })).toMatchObject({ byKind: { event: 1 } });
    // A page that loads now asks for its status bar's numbers (their push went out before it was there).
    await eventually(async () => (await app.call('sessions:stats', { sessionId: tabs[0]!.id })) !== null, 'the capture counted');
    expect(await app.call('sessions:stats', { sessionId: tabs[0]!.id })).toMatchObject({ totalEvents: 1, httpStatus: 200 });
    expect(plain.connections).toBe(1);
  });

  it('starts with no saved tabs, and says so when a tab could not come back', async () => {
    expect(await app.call('workspace:get', undefined)).toEqual({ sessionIds: [], activeSessionId: null });
    await app.stop();
    // The last run's tab showed a capture that has been deleted since.
    const tabs = [{ connectionId: null, captureId: '20250101-000000-000-abcdef' }];
    await writeFile(join(app.dataDir, 'workspace.json'), JSON.stringify({ version: 1, tabs, activeIndex: 0 }));
    app = await startHarness({ dataDir: app.dataDir });
    expect(app.startNotices).toContainEqual({ level: 'info', message: '1 tab of the last run could not come back: its capture is gone.' });
    expect(await app.call('workspace:get', undefined)).toEqual({ sessionIds: [], activeSessionId: null });
  });
});
