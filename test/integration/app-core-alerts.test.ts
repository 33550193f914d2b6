// Alert rules and the watchdog on a live session, through the app core, against a local server: a
// match lands in the alert book (alerts:list), in an 'alerts:changed' push and, while
// notifications are on, in a desktop notification; the matches of the next minute are reported
// once; a saved change to the rules applies to the open session at once; alerts and their
// acknowledgements survive a restart of the core; and the record an alert names can be fetched
// after it left memory, from the live session and from its capture reopened after a restart.

import { afterAll, afterEach, beforeEach, expect, it } from 'vitest';
import type { Alert, SessionView } from '../../main/contract.ts';
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

const alarm = (n: number) => `event: alarm\ndata: disk ${n} full\n\n`;
const DISK_RULE = { name: 'Disk alarms', query: 'type:alarm', severity: 'critical' as const };

beforeEach(async () => {
  server = await startFixtureServer();
  app = await startHarness();
  live = liveRoute(server, '/live');
});

afterEach(async () => {
  await app.stop();
  await server.close();
});

afterAll(removeTempFolders);

async function openDisks(alerts: unknown[] = [DISK_RULE], extra: Record<string, unknown> = {}): Promise<string> {
  const connection = await app.call('connections:save', { connection: { name: 'Disks', url: live.url, alerts, ...extra } as never });
  view = await app.call('sessions:open', { connectionId: connection.id });
  await live.connected(1);
  return connection.id;
}

it('raises an alert for the first match, pushes it and notifies; the other matches of the minute are reported once', async () => {
  const connectionId = await openDisks([DISK_RULE, { query: 'ignored', enabled: false }]);
  live.write(eventBlocks(1, 5, alarm) + 'data: ignored fine\n\n');
  await eventsStored(app, view.id, 6);

  const [alert] = await app.call('alerts:list', {});
  expect(alert).toMatchObject({
    connectionId,
    connectionName: 'Disks',
    rule: 'Disk alarms',
    severity: 'critical',
    message: 'event "alarm" #2: disk 1 full',
    preview: 'disk 1 full',
    seq: 2,
    captureId: view.captureId,
    count: 1,
    acknowledged: false,
  });
  expect(app.pushes.of('alerts:changed').map((update) => [update.change, update.text])).toEqual([
    ['raised', 'event "alarm" #2: disk 1 full'],
  ]);
  expect(app.notifications).toEqual([{ title: 'Critical: Disks — Disk alarms', body: 'event "alarm" #2: disk 1 full' }]);

  // The tab closes inside the rule's minute: the four matches it held back are reported now.
  await app.call('sessions:dispose', { sessionId: view.id });
  const repeated = await app.pushes.next('alerts:changed', (update) => update.change === 'repeated');
  expect(repeated.text).toMatch(/^4 more matches of 'Disk alarms' in the last \d+ s$/);
  expect(repeated.alert).toMatchObject({ id: alert!.id, count: 5 });
  expect(app.notifications.at(-1)).toEqual({ title: 'Critical: Disks — Disk alarms', body: repeated.text });
});

it('tells the view but not the desktop while notifications are off', async () => {
  await app.call('settings:update', { notifications: false });
  await openDisks();
  live.write(alarm(1));
  await app.pushes.next('alerts:changed', (update) => update.change === 'raised');
  expect(app.notifications).toEqual([]);
});

it('applies a saved change to the rules and the name to the open session', async () => {
  const connectionId = await openDisks();
  await app.call('connections:save', {
    id: connectionId,
    connection: { name: 'Disk array', url: live.url, alerts: [{ name: 'Comments', query: 'kind:comment' }] },
  });
  live.write(alarm(1) + ': keep-alive\n\n');
  await eventually(async () => (await app.call('records:counts', { sessionId: view.id })).byKind.comment === 1, 'the comment stored');
  const alerts = await app.call('alerts:list', { connectionId });
  expect(alerts.map((alert) => [alert.connectionName, alert.rule, alert.message])).toEqual([
    ['Disk array', 'Comments', 'comment #3: keep-alive'],
  ]);
});

it('refuses to save a rule whose query does not parse, with the search bar message and its position', async () => {
  const saving = app.call('connections:save', {
    connection: { name: 'Disks', url: live.url, alerts: [{ query: 'full' }, { query: 'kind:nope' }] },
  });
  await expect(saving).rejects.toThrow(/✖ Unknown kind "nope" \(kinds: .*\) \(at position 5\)\n {2}→ at connection\.alerts\[1\]\.query/);
  expect(await app.call('connections:list', undefined)).toEqual([]);
});

it('raises a stale alert from the watchdog and notes the recovery on it', async () => {
  const connectionId = await openDisks([], { watchdog: { enabled: true, staleAfterSec: 1 } });
  const stale = await app.pushes.next('alerts:changed', (update) => update.change === 'raised');
  expect(stale.alert).toMatchObject({ connectionId, rule: 'stale', watchdog: 'stale', severity: 'warning' });
  expect(stale.text).toMatch(/^No event for \d s$/);
  expect(await app.call('overview:list', undefined)).toEqual([expect.objectContaining({ sessionId: view.id, stale: true, openAlerts: 1 })]);

  live.write('data: back\n\n');
  const recovered = await app.pushes.next('alerts:changed', (update) => update.change === 'recovered');
  expect(recovered.alert.id).toBe(stale.alert.id);
  expect(recovered.text).toMatch(/^First event after \d s$/);
  expect(await app.call('overview:list', undefined)).toEqual([expect.objectContaining({ stale: false, openAlerts: 0, totalEvents: 1 })]);
});

it('acknowledges one alert or all of them, and says so to every view', async () => {
  const connectionId = await openDisks([DISK_RULE, { name: 'Comments', query: 'kind:comment' }]);
  live.write(alarm(1) + ': note\n\n');
  await eventually(async () => (await app.call('alerts:list', {})).length === 2, 'two alerts');
  const [comment, disk] = await app.call('alerts:list', { connectionId });
  expect(await app.call('alerts:acknowledge', { id: disk!.id })).toMatchObject({ id: disk!.id, acknowledged: true });
  expect(app.pushes.of('alerts:changed').at(-1)).toMatchObject({ change: 'acknowledged', alert: { id: disk!.id } });
  expect(await app.call('alerts:acknowledge-all', {})).toBe(1);
  expect((await app.call('alerts:list', {})).every((alert) => alert.acknowledged)).toBe(true);
  expect(comment!.rule).toBe('Comments');
  await expect(app.call('alerts:acknowledge', { id: 'no-such-alert' })).rejects.toMatchObject({ code: 'not-found' });
});

it('keeps alerts and their acknowledgements through a restart, and the record an alert names can be fetched after it left memory', async () => {
  await app.call('settings:update', { windowSize: 1_000 });
  await openDisks();
  // The alarm, then far more records than the memory window keeps.
  live.write(alarm(1) + eventBlocks(1, 2_500));
  await eventsStored(app, view.id, 2_501);
  const [alert] = await app.call('alerts:list', {});
  expect(alert!.seq).toBe(2);
  const [inFile] = await app.call('records:range', { sessionId: view.id, fromSeq: alert!.seq!, count: 1 });
  expect(inFile).toMatchObject({ seq: 2, kind: 'event', type: 'alarm', data: 'disk 1 full' });
  await app.call('alerts:acknowledge', { id: alert!.id });

  await app.stop();
  app = await startHarness({ dataDir: app.dataDir });
  const [kept] = await app.call('alerts:list', {});
  expect(kept).toEqual<Alert>({ ...alert!, acknowledged: true });
  // The jump after a restart: the alert's capture reopened, the record read from it.
  const reopened = await app.call('captures:open', { captureId: kept!.captureId });
  const [record] = await app.call('records:range', { sessionId: reopened.id, fromSeq: kept!.seq!, count: 1 });
  expect(record).toMatchObject({ seq: 2, type: 'alarm', data: 'disk 1 full' });
});
