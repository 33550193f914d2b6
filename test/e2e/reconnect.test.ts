// A stream that drops once: the fixture's /drop route sends three events and then destroys the
// socket; the second attempt gets the next three and stays open (so the timeline stops growing and
// every row fits on screen, however slow the machine). The timeline shows the reconnect as a row of
// its own, the next attempt asks for what came after the last event ID it saw, and the later events
// arrive in the same timeline.

import type { Browser } from 'playwright';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import { launchChromium, openApp, type OpenedApp } from './support/browser.ts';
import { expect } from './support/expect.ts';
import { removeDataDir, startScope, type ScopeServer } from './support/scope-server.ts';

let feed: FixtureServer;
let scope: ScopeServer;
let browser: Browser;
let opened: OpenedApp;

beforeAll(async () => {
  feed = await startFixtureServer();
  [scope, browser] = await Promise.all([startScope(), launchChromium()]);
  opened = await openApp(browser, scope.url);
});

afterAll(async () => {
  await browser?.close();
  await scope?.stop();
  await feed?.close();
  if (scope) await removeDataDir(scope.dataDir);
});

describe('When the server drops the stream', () => {
  it('shows a reconnect row, resumes from the last event ID, and keeps the later events in the same timeline', async () => {
    const { app } = opened;
    const editor = await app.newConnection();
    await editor.fill({ name: 'Flaky feed', url: `${feed.url}/drop?count=3&drops=1`, initialRetryMs: 100 });
    await editor.saveAndConnect();
    const session = await app.session('Flaky feed');

    for (const id of ['1', '2', '3']) await expect(session.eventRow('message', id)).toBeVisible();
    await expect(session.row(/, reconnect: reconnecting in /).first()).toBeVisible();
    for (const id of ['4', '5', '6']) await expect(session.eventRow('message', id)).toBeVisible();

    // The rows are in order: the first attempt's events, the drop, the second attempt's events.
    const names = await session.rows.evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? ''));
    const firstReconnect = names.findIndex((name) => /, reconnect: /.test(name));
    const indexOfEvent = (id: string) => names.findIndex((name) => name.includes(`, event message, id ${id},`));
    expect(indexOfEvent('3')).toBeGreaterThanOrEqual(0);
    expect(indexOfEvent('3')).toBeLessThan(firstReconnect);
    expect(firstReconnect).toBeLessThan(indexOfEvent('4'));
    expect(names.filter((name) => /, open: HTTP 200/.test(name))).toHaveLength(2);

    const attempts = feed.requests.filter((request) => request.path === '/drop');
    expect(attempts).toHaveLength(2);
    expect(attempts[0]!.headers['last-event-id']).toBeUndefined();
    expect(attempts[1]!.headers['last-event-id']).toBe('3');

    await session.disconnect();
    await expect(session.statusText()).toHaveText('Closed');
    expect(opened.errors).toEqual([]);
  });
});
