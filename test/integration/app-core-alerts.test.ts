// Alert rules on a live session, through the app core: a match pushes 'session:alert' and shows a
// desktop notification at most once per rule per 10 s (counting the rest as "and N more"), only
// while notifications are on; a saved change to the rules applies to the open session at once.

import { afterAll, afterEach, beforeEach, expect, it } from 'vitest';
import type { SessionView } from '../../main/contract.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import {
  eventBlocks,
  eventsStored,
  eventually,
  liveRoute,
  removeTempFolders,
  startHarness,
  type Harness,
  type LiveRoute,
} from '../helpers/app-core-harness.ts';

let server: FixtureServer;
let app: Harness;
let live: LiveRoute;
let view: SessionView;
/** The app's clock runs this far ahead of the real one, so a test can let 10 s pass at once. */
let ahead = 0;

const alarm = (n: number) => `event: alarm\ndata: disk ${n} full\n\n`;

const storedEvents = (count: number) => eventsStored(app, view.id, count);

beforeEach(async () => {
  ahead = 0;
  server = await startFixtureServer();
  app = await startHarness({ clock: () => Date.now() + ahead });
  live = liveRoute(server, '/live');
});

afterEach(async () => {
  await app.stop();
  await server.close();
});

afterAll(removeTempFolders);

it('alerts once per rule per 10 s, then says how many more matched', async () => {
  const connection = await app.call('connections:save', {
    connection: { name: 'Disks', url: live.url, alerts: [{ query: 'type:alarm' }, { query: 'ignored', enabled: false }] },
  });
  view = await app.call('sessions:open', { connectionId: connection.id });
  await live.connected(1);

  live.write(eventBlocks(1, 5, alarm) + 'data: ignored fine\n\n');
  await storedEvents(6);
  expect(app.pushes.of('session:alert')).toEqual([
    { sessionId: view.id, seq: 2, rule: 'type:alarm', message: '"type:alarm" matched event "alarm" #2: disk 1 full' },
  ]);
  expect(app.notifications).toEqual([{ title: 'Alert: Disks', body: '"type:alarm" matched event "alarm" #2: disk 1 full' }]);

  ahead += 10_000;
  live.write(alarm(6));
  await storedEvents(7);
  expect(app.pushes.of('session:alert').at(-1)).toMatchObject({
    seq: 8,
    message: '"type:alarm" matched event "alarm" #8: disk 6 full (and 4 more)',
  });
  expect(app.notifications).toHaveLength(2);

  // Notifications off: the view is still told, the desktop is not.
  await app.call('settings:update', { notifications: false });
  ahead += 10_000;
  live.write(alarm(7));
  await storedEvents(8);
  expect(app.pushes.of('session:alert')).toHaveLength(3);
  expect(app.notifications).toHaveLength(2);
});

it('applies a saved change to the rules to the open session', async () => {
  const connection = await app.call('connections:save', {
    connection: { name: 'Disks', url: live.url, alerts: [{ query: 'type:alarm' }] },
  });
  view = await app.call('sessions:open', { connectionId: connection.id });
  await live.connected(1);

  await app.call('connections:save', {
    id: connection.id,
    connection: { name: 'Disks', url: live.url, alerts: [{ query: 'kind:comment' }] },
  });
  live.write(alarm(1) + ': keep-alive\n\n');
  await eventually(async () => (await app.call('records:counts', { sessionId: view.id })).byKind.comment === 1, 'the comment stored');
  expect(app.pushes.of('session:alert').map((alert) => alert.rule)).toEqual(['kind:comment']);
});

it('refuses to save a rule whose query does not parse, with the search bar message and its position', async () => {
  const saving = app.call('connections:save', {
    connection: { name: 'Disks', url: live.url, alerts: [{ query: 'full' }, { query: 'kind:nope' }] },
  });
  await expect(saving).rejects.toThrow(/✖ Unknown kind "nope" \(kinds: .*\) \(at position 5\)\n {2}→ at connection\.alerts\[1\]\.query/);
  expect(await app.call('connections:list', undefined)).toEqual([]);
});
