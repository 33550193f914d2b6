// The first launch with the built-in demo feed: the demo connections are there and the demo feed
// is live in a tab; with no tab open, the welcome teaches "New connection" and opens the demo feed
// in one click.

import type { Browser } from 'playwright';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { launchChromium, openApp, type OpenedApp } from './support/browser.ts';
import { expect } from './support/expect.ts';
import { removeDataDir, startScope, type ScopeServer } from './support/scope-server.ts';

let scope: ScopeServer;
let browser: Browser;
let opened: OpenedApp;

beforeAll(async () => {
  [scope, browser] = await Promise.all([startScope({ demo: true }), launchChromium()]);
  opened = await openApp(browser, scope.url);
});

afterAll(async () => {
  await browser?.close();
  await scope?.stop();
  if (scope) await removeDataDir(scope.dataDir);
});

describe('The first launch with the demo feed', () => {
  it('lists the demo connections and shows the demo feed live', async () => {
    const { app } = opened;
    await expect(app.connection('Demo feed')).toBeVisible();
    await expect(app.sidebar.getByRole('button', { name: /^Demo chat/ })).toBeVisible();
    const demo = await app.session('Demo feed');
    await expect(demo.rows.filter({ hasText: 'event' }).first()).toBeVisible();
    await expect(demo.statusText()).toHaveText('Open');
  });

  it('shows the welcome when the tab is closed, and reopens the demo feed from it in one click', async () => {
    const { app } = opened;
    await app.closeTab('Demo feed');
    await expect(app.welcome).toBeVisible();
    await expect(opened.page.getByRole('button', { name: 'New connection' })).toHaveCount(2);
    const demo = await app.openDemoFeed();
    await expect(app.tab('Demo feed')).toHaveAttribute('aria-selected', 'true');
    await expect(demo.rows.filter({ hasText: 'event' }).first()).toBeVisible();
    expect(opened.errors).toEqual([]);
  });
});
