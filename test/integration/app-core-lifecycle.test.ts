// The app core across launches: captures kept and reopened after a stop, the demo connections
// added once and pointed at each launch's demo feed, auto-connect, and the captures library.

import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startDemoFeed, type DemoFeed } from '../../main/core/demo/demo-feed.ts';
import { DEMO_CHAT_NAME, DEMO_FEED_NAME } from '../../main/core/demo/demo-connections.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import { eventBlocks, eventually, liveRoute, removeTempFolders, startHarness, type Harness } from '../helpers/app-core-harness.ts';

const running: { stop(): Promise<void> }[] = [];
const feeds: DemoFeed[] = [];
let server: FixtureServer | null = null;

async function launch(options: Parameters<typeof startHarness>[0] = {}): Promise<Harness> {
  const app = await startHarness(options);
  running.push(app);
  return app;
}

async function demoFeed(): Promise<DemoFeed> {
  const feed = await startDemoFeed({ rate: 20 });
  feeds.push(feed);
  return feed;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((app) => app.stop()));
  await Promise.all(feeds.splice(0).map((feed) => feed.close()));
  await server?.close();
  server = null;
});

afterAll(removeTempFolders);

describe('across launches', () => {
  it('lists the captures after a stop and reopens one with the same records', async () => {
    server = await startFixtureServer();
    const live = liveRoute(server, '/live');
    const first = await launch();
    const connection = await first.call('connections:save', { connection: { name: 'Kept', url: live.url } });
    const view = await first.call('sessions:open', { connectionId: connection.id });
    await live.connected(1);
    live.write(eventBlocks(1, 25, (n) => `id: ${n}\ndata: kept ${n}\n\n`));
    await eventually(async () => (await first.call('records:counts', { sessionId: view.id })).byKind.event === 25, 'the events stored');
    await first.stop();
    const before = await first.call('records:range', { sessionId: view.id, fromSeq: 1, count: 100 }).catch((error) => error);
    expect(before).toMatchObject({ code: 'not-found' }); // a stopped core has no sessions

    const second = await launch({ dataDir: first.dataDir });
    const captures = await second.call('captures:list', undefined);
    expect(captures).toHaveLength(1);
    // open, 25 events, closed (stop disconnects)
    expect(captures[0]).toMatchObject({ id: view.captureId, name: 'Kept', url: live.url, recording: false, records: 27 });
    const reopened = await second.call('captures:open', { captureId: view.captureId! });
    expect(reopened).toMatchObject({ status: 'offline', connectionId: null, name: 'Kept', firstSeq: 1, lastSeq: 27 });
    const records = await second.call('records:range', { sessionId: reopened.id, fromSeq: 1, count: 100 });
    expect(records.map((record) => record.kind)).toEqual(['open', ...Array(25).fill('event'), 'closed']);
    expect(records[25]).toMatchObject({ kind: 'event', id: '25', data: 'kept 25' });
    await expect(second.call('sessions:connect', { sessionId: reopened.id })).rejects.toMatchObject({ code: 'failed' });
    // An open capture cannot be deleted; once its tab is closed it can.
    await expect(second.call('captures:delete', { captureId: view.captureId! })).rejects.toMatchObject({ code: 'failed' });
    await second.call('sessions:dispose', { sessionId: reopened.id });
    await second.call('captures:delete', { captureId: view.captureId! });
    expect(await second.call('captures:list', undefined)).toEqual([]);
    expect(second.pushes.of('captures:changed').at(-1)).toEqual([]);
  });

  it('adds the demo connections on the first launch only, and points them at each launch’s feed', async () => {
    const feed = await demoFeed();
    const first = await launch({ demoFeedUrl: feed.url });
    const seeded = await first.call('connections:list', undefined);
    expect(seeded.map((connection) => [connection.name, connection.url])).toEqual([
      [DEMO_FEED_NAME, feed.url],
      [DEMO_CHAT_NAME, feed.chatUrl],
    ]);
    // The demo feed connects at once, and events arrive.
    const [session] = await first.call('sessions:list', undefined);
    expect(session).toMatchObject({ name: DEMO_FEED_NAME, url: feed.url });
    await first.pushes.next('session:records', (push) => push.records.some((record) => record.kind === 'event'));
    expect(await first.call('app:info', undefined)).toMatchObject({ demoUrl: feed.url, transport: 'browser', secretsEncrypted: false });
    await first.stop();

    const nextFeed = await demoFeed();
    expect(nextFeed.url).not.toBe(feed.url);
    const second = await launch({ dataDir: first.dataDir, demoFeedUrl: nextFeed.url });
    const pointed = await second.call('connections:list', undefined);
    expect(pointed.map((connection) => [connection.id, connection.url])).toEqual([
      [seeded[0]!.id, nextFeed.url],
      [seeded[1]!.id, nextFeed.chatUrl],
    ]);
    for (const connection of pointed) await second.call('connections:delete', { id: connection.id });
    await second.stop();

    // Deleted by the user: a later launch does not bring them back.
    const third = await launch({ dataDir: first.dataDir, demoFeedUrl: nextFeed.url });
    expect(await third.call('connections:list', undefined)).toEqual([]);
    expect(await third.call('sessions:list', undefined)).toEqual([]);
  });

  it('connects the connections marked autoConnect on start', async () => {
    server = await startFixtureServer();
    const live = liveRoute(server, '/live');
    const first = await launch();
    await first.call('connections:save', { connection: { name: 'Manual', url: `${server.url}/counter` } });
    await first.call('connections:save', { connection: { name: 'Auto', url: live.url, autoConnect: true } });
    await first.stop();
    expect(live.connections).toBe(0);

    const second = await launch({ dataDir: first.dataDir });
    const sessions = await second.call('sessions:list', undefined);
    expect(sessions.map((session) => session.name)).toEqual(['Auto']);
    await live.connected(1);
    await second.pushes.next('session:state', (view) => view.id === sessions[0]!.id && view.status === 'open');
  });

  it('tells the user when the saved configuration could not be read', async () => {
    const first = await launch();
    await first.stop();
    const { writeFile } = await import('node:fs/promises');
    await writeFile(`${first.dataDir}/config.json`, '{ not json');
    const second = await launch({ dataDir: first.dataDir });
    expect(second.startNotices).toContainEqual({ level: 'warning', message: expect.stringContaining('could not be used') });
    expect(second.pushes.of('app:notice')).toEqual(second.startNotices);
  });
});
