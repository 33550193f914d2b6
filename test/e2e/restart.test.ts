// Saved work survives a restart: the server is stopped (the open page says it lost the server) and
// started again on the same data folder; the reloaded page lists the saved connection, and the
// capture recorded before the restart reopens as an offline tab with its events and its totals.

import type { Browser } from 'playwright';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import { launchChromium, openApp } from './support/browser.ts';
import { expect } from './support/expect.ts';
import { addFeedRoute, FEED_EVENTS } from './support/feeds.ts';
import { makeDataDir, removeDataDir, startScope, type ScopeServer } from './support/scope-server.ts';

let feed: FixtureServer;
let dataDir: string;
let scope: ScopeServer | undefined;
let browser: Browser;
/** How the first server exited on SIGTERM. */
let stopCode: number | null | undefined;

beforeAll(async () => {
  feed = await startFixtureServer();
  addFeedRoute(feed);
  dataDir = await makeDataDir();
  [scope, browser] = await Promise.all([startScope({ dataDir }), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await scope?.stop();
  await feed?.close();
  if (dataDir) await removeDataDir(dataDir);
});

describe('After a restart', () => {
  it('finds the saved connection and the capture of its session', async () => {
    const first = await openApp(browser, scope!.url);
    const editor = await first.app.newConnection();
    await editor.fill({ name: 'Kept feed', url: `${feed.url}/feed`, method: 'POST', body: '{"since": 0}' });
    await editor.saveAndConnect();
    const session = await first.app.session('Kept feed');
    await expect(session.eventRow('tick', '7')).toBeVisible();

    stopCode = await scope!.stop();
    scope = undefined;
    await expect(first.page.getByRole('alert').filter({ hasText: /SSE Scope/ })).toBeVisible();
    expect(first.errors).toEqual([]);

    scope = await startScope({ dataDir });
    await first.app.reload(scope.url);
    const { app } = first;
    await expect(app.connection('Kept feed')).toBeVisible();
    const edit = await app.editConnection('Kept feed');
    await expect(edit.field('URL')).toHaveValue(`${feed.url}/feed`);
    await expect(edit.field('Method')).toHaveValue('POST');
    await expect(edit.field('Body')).toHaveValue('{"since": 0}');
    await edit.dialog.getByRole('button', { name: 'Cancel' }).click();

    const captures = app.sidebar.getByRole('region', { name: 'Captures' });
    const toggle = captures.getByRole('button', { name: /^Captures/ });
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await captures
      .getByRole('button', { name: /Kept feed/ })
      .first()
      .click();
    const offline = await app.session(await app.tabs.getByRole('tab').first().innerText());
    await expect(offline.statusText()).toHaveText('Saved capture');
    for (const event of FEED_EVENTS) await expect(offline.eventRow(event.type, event.id)).toBeVisible();
    // Its numbers come in one push as it opens: the events and their bytes, and no rate.
    await expect(offline.statusBar).toContainText(new RegExp(`\\b${FEED_EVENTS.length} events · \\d+ B\\b`));
    await expect(offline.statusBar).toContainText('HTTP 200');
    await expect(offline.statusBar).not.toContainText('ev/s');
    expect(first.errors).toEqual([]);
  });

  it('had stopped cleanly on SIGTERM (exit code 0), as `npm run serve` promises', () => {
    expect(stopCode).toBe(0);
  });
});
