// Watching feeds, end to end in Chromium through browser mode against a local SSE server: a rule
// made in the connection editor raises an alert that appears in the Alerts panel, marks the tab
// and the sidebar entry, and a click on it shows the record in its timeline even after hundreds
// of later events; the overview shows a feed that went quiet as stale, first; and closing a
// monitored feed's tab asks first.

import type { Browser } from 'playwright';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startFixtureServer, startSse, type FixtureServer } from '../helpers/fixture-server.ts';
import { launchChromium, openApp, type OpenedApp } from './support/browser.ts';
import { expect } from './support/expect.ts';
import { sseBlock } from './support/feeds.ts';
import { removeDataDir, startScope, type ScopeServer } from './support/scope-server.ts';

let feed: FixtureServer;
let scope: ScopeServer;
let browser: Browser;
let opened: OpenedApp;

/** Ticks 1..9, the alarm as event 10, then 400 more ticks: the alarm is far above the newest rows. */
function addDiskRoute(server: FixtureServer): void {
  server.route('/disks', (_req, res) => {
    startSse(res);
    let text = '';
    for (let n = 1; n <= 410; n++) {
      text +=
        n === 10
          ? sseBlock({ type: 'alarm', id: String(n), data: '{"disk": 3, "state": "full"}' })
          : sseBlock({ type: 'tick', id: String(n), data: `{"n": ${n}}` });
    }
    res.write(text);
  });
}

beforeAll(async () => {
  feed = await startFixtureServer();
  addDiskRoute(feed);
  // One event, then silence with the connection held open.
  feed.route('/quiet', (_req, res) => {
    startSse(res);
    res.write(sseBlock({ type: 'hello', data: 'then nothing' }));
  });
  // A steady feed: an event every 100 ms while connected.
  feed.route('/steady', (_req, res) => {
    startSse(res);
    let n = 0;
    const timer = setInterval(() => res.write(sseBlock({ type: 'tick', data: String(++n) })), 100);
    res.on('close', () => clearInterval(timer));
  });
  [scope, browser] = await Promise.all([startScope(), launchChromium()]);
  opened = await openApp(browser, scope.url);
});

afterAll(async () => {
  await browser?.close();
  await scope?.stop();
  await feed?.close();
  if (scope) await removeDataDir(scope.dataDir);
});

describe('Watching feeds', () => {
  it('raises an alert from a rule made in the editor, marks the tab, and shows its record on a click', async () => {
    const { app } = opened;
    const editor = await app.newConnection();
    await editor.fill({
      name: 'Disks',
      url: `${feed.url}/disks`,
      rules: [{ name: 'Disk alarms', query: 'type:alarm data.state=full', severity: 'Critical' }],
    });
    await editor.saveAndConnect();
    const session = await app.session('Disks');
    await expect(session.eventRow('tick', '410')).toBeVisible();

    // The tab and the sidebar entry carry the mark, and say it in words.
    await expect(app.tab('Disks')).toHaveAccessibleDescription(/1 open alert, critical/);
    await expect(app.connection('Disks')).toHaveAccessibleDescription(/1 open alert, critical/);

    const alerts = await app.openAlerts();
    const alert = alerts.alert('Disk alarms');
    await expect(alert).toContainText('Critical');
    await expect(alert).toContainText('Disks');
    await expect(alert).toContainText('event "alarm" #11: {"disk": 3, "state": "full"}');
    await alerts.show('Disk alarms');

    // Back in the timeline, on the alarm (seq 11: the open record is 1), with its detail open.
    const shown = await app.session('Disks');
    const selected = shown.timeline.getByRole('option', { selected: true });
    await expect(selected).toHaveAccessibleName(/, event alarm, id 10[,:]/);
    await expect(selected).toBeInViewport();
    await expect(shown.detail.root).toContainText('"state"');

    // Acknowledged, the marks go.
    const again = await app.openAlerts();
    await again.acknowledge('Disk alarms', 'Disks');
    await expect(app.tab('Disks')).not.toHaveAccessibleDescription(/open alert/);
    expect(opened.errors).toEqual([]);
  });

  it('shows a feed that went quiet as stale on the overview, before the healthy ones', async () => {
    const { app } = opened;
    const steady = await app.newConnection();
    await steady.fill({ name: 'Steady', url: `${feed.url}/steady` });
    await steady.saveAndConnect();
    const quiet = await app.newConnection();
    await quiet.fill({ name: 'Quiet', url: `${feed.url}/quiet`, watchdog: { staleAfterSec: 1 } });
    await quiet.saveAndConnect();

    const overview = await app.openOverview();
    const tile = overview.tile('Quiet');
    await expect(tile).toContainText('Stale');
    await expect(tile).toHaveAccessibleDescription(/^Stale, .*1 open alert, warning/);
    await expect(overview.tile('Steady')).toContainText('Open');
    const names = await overview.names();
    expect(names.indexOf('Quiet')).toBeLessThan(names.indexOf('Steady'));

    await tile.click();
    await expect(overview.root).toBeHidden();
    await expect(app.tab('Quiet')).toHaveAttribute('aria-selected', 'true');
    expect(opened.errors).toEqual([]);
  });

  it('asks before closing a monitored feed’s tab', async () => {
    const { app, page } = opened;
    const editor = await app.newConnection();
    await editor.fill({ name: 'Watched', url: `${feed.url}/steady`, monitor: true });
    await editor.saveAndConnect();
    await expect(app.tab('Watched')).toHaveAccessibleDescription(/Monitored/);

    await app.tabs.getByRole('button', { name: 'Close Watched' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Stop watching Watched?' });
    await expect(confirm).toBeVisible();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(app.tab('Watched')).toBeVisible();

    await app.tabs.getByRole('button', { name: 'Close Watched' }).click();
    await confirm.getByRole('button', { name: 'Close tab' }).click();
    await expect(app.tab('Watched')).toHaveCount(0);
    expect(opened.errors).toEqual([]);
  });
});
