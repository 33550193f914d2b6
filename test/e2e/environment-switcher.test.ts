// Switching environments from the main window, end to end in Chromium against browser mode: two
// environments made through "Manage environments…", a connection whose URL and header use
// {{stage}}, and the local server's own record of what each connect sent: the value of the
// environment active at that connect, switched with the control above the content. The choice
// stays after a reload.

import type { Browser } from 'playwright';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import type { AppPage } from './pages/app-page.ts';
import type { SessionPage } from './pages/session-page.ts';
import { launchChromium, openApp, type OpenedApp } from './support/browser.ts';
import { expect } from './support/expect.ts';
import { addFeedRoute } from './support/feeds.ts';
import { removeDataDir, startScope, type ScopeServer } from './support/scope-server.ts';

let feed: FixtureServer;
let scope: ScopeServer;
let browser: Browser;
let opened: OpenedApp;
let app: AppPage;
let session: SessionPage;

beforeAll(async () => {
  feed = await startFixtureServer();
  addFeedRoute(feed);
  [scope, browser] = await Promise.all([startScope(), launchChromium()]);
  opened = await openApp(browser, scope.url);
  app = opened.app;
});

afterAll(async () => {
  await browser?.close();
  await scope?.stop();
  await feed?.close();
  if (scope) await removeDataDir(scope.dataDir);
});

describe('The environment switcher', () => {
  it('makes two environments through "Manage environments…"', async () => {
    await expect(app.environment.locator('option:checked')).toHaveText('No environment');
    const environments = await app.manageEnvironments();
    await environments.create('Staging', { stage: 'staging' });
    await environments.create('Production', { stage: 'production' });
    await environments.done();
  });

  it('the first connect sends the active environment’s value', async () => {
    await app.switchEnvironment('Staging');
    const editor = await app.newConnection();
    await editor.fill({ name: 'Staged feed', url: `${feed.url}/feed?stage={{stage}}`, headers: [['X-Stage', '{{stage}}']] });
    // The editor names the value it will use.
    await expect(editor.dialog.getByRole('list', { name: 'Variables in the URL' })).toHaveText(/\{\{stage\}\}\s*staging/);
    await editor.saveAndConnect();
    session = await app.session('Staged feed');
    await expect(session.statusText()).toHaveText('Open');
    expect(feed.requests.map((request) => [request.target, request.headers['x-stage']])).toEqual([['/feed?stage=staging', 'staging']]);
  });

  it('switched from the main window, the next connect sends the new value', async () => {
    await session.disconnect();
    await app.switchEnvironment('Production');
    await session.connect();
    await expect(session.row(/, open: HTTP 200/)).toHaveCount(2);
    expect(feed.requests.map((request) => [request.target, request.headers['x-stage']])).toEqual([
      ['/feed?stage=staging', 'staging'],
      ['/feed?stage=production', 'production'],
    ]);
  });

  it('keeps the choice after a reload', async () => {
    await app.reload();
    await expect(app.environment.locator('option:checked')).toHaveText('Production');
  });

  it('never threw in the page', () => {
    expect(opened.errors).toEqual([]);
  });
});
