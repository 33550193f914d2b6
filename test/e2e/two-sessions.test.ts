// Two feeds watched at once, each in its own tab: both keep receiving while either is shown, each
// timeline holds only its own events, the tab in the background counts what arrived, "Pause"
// holds the view still while records keep coming, "Clear" starts an empty timeline, and
// disconnecting one session leaves the other running.

import type { Browser, Locator } from 'playwright';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import { launchChromium, openApp, type OpenedApp } from './support/browser.ts';
import { expect } from './support/expect.ts';
import { addCountingRoute, until, type CountingStats } from './support/feeds.ts';
import { removeDataDir, startScope, type ScopeServer } from './support/scope-server.ts';

let feed: FixtureServer;
let beta: CountingStats;
let scope: ScopeServer;
let browser: Browser;
let opened: OpenedApp;

beforeAll(async () => {
  feed = await startFixtureServer();
  addCountingRoute(feed, '/alpha', { count: 10_000, everyMs: 50, type: 'alpha' });
  beta = addCountingRoute(feed, '/beta', { count: 10_000, everyMs: 50, type: 'beta' });
  [scope, browser] = await Promise.all([startScope(), launchChromium()]);
  opened = await openApp(browser, scope.url);
});

afterAll(async () => {
  await browser?.close();
  await scope?.stop();
  await feed?.close();
  if (scope) await removeDataDir(scope.dataDir);
});

/** The highest event id among the rows drawn now. */
async function newestId(rows: Locator): Promise<number> {
  const names = await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label') ?? ''));
  return Math.max(0, ...names.map((name) => Number(/, id (\d+),/.exec(name)?.[1] ?? 0)));
}

/** The event rows drawn now: their row number in the timeline and their event id. */
async function numberedEvents(rows: Locator): Promise<Array<{ row: number; id: number }>> {
  const names = await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label') ?? ''));
  return names.flatMap((name) => {
    const match = /^Row (\d+): .*, id (\d+),/.exec(name);
    return match ? [{ row: Number(match[1]), id: Number(match[2]) }] : [];
  });
}

describe('Two sessions at once', () => {
  it('run side by side in two tabs', async () => {
    const { app } = opened;
    for (const name of ['Alpha', 'Beta']) {
      const editor = await app.newConnection();
      await editor.fill({ name, url: `${feed.url}/${name.toLowerCase()}` });
      await editor.save();
    }
    const alpha = await app.openConnection('Alpha');
    await expect(alpha.eventRow('alpha', '3')).toBeVisible();
    const betaTab = await app.openConnection('Beta');
    await expect(app.tabs.getByRole('tab')).toHaveCount(2);
    await expect(app.tab('Beta')).toHaveAttribute('aria-selected', 'true');
    await expect(betaTab.eventRow('beta', '3')).toBeVisible();
    await expect(betaTab.chip('alpha')).toHaveCount(0);

    // Alpha goes on in the background, and its tab says how much arrived.
    await expect(app.tab('Alpha')).toHaveAccessibleDescription(/\d+ new records?/);
    const shownAlpha = await app.switchTo('Alpha');
    const newest = await newestId(shownAlpha.rows);
    await expect(shownAlpha.eventRow('alpha', String(newest + 5))).toBeVisible();
    await expect(shownAlpha.chip('beta')).toHaveCount(0);
    expect(opened.errors).toEqual([]);
  });

  it('"Pause" holds the view still while records keep arriving; "Resume" shows them', async () => {
    const { app } = opened;
    const session = await app.switchTo('Beta');
    await session.pause();
    await expect(session.statusText()).toHaveText('Open · paused');
    const shown = await newestId(session.rows);
    await until(() => beta.lastId >= shown + 10, 'ten more events from the server');
    await expect(session.eventRow('beta', String(shown + 5))).toHaveCount(0);
    await session.resume();
    await expect(session.eventRow('beta', String(shown + 10))).toBeVisible();
  });

  it('"Clear" starts an empty timeline that goes on with the next events', async () => {
    const { app } = opened;
    const session = await app.switchTo('Beta');
    const before = await newestId(session.rows);
    await session.clear();
    // Row numbers start again: the event with id N is row N - before or earlier (wherever the
    // view is scrolled, and however far the page lags behind the server), never row N + 1 after
    // the "open" row as it was before the clear.
    await expect
      .poll(async () => {
        const events = await numberedEvents(session.rows);
        return events.length > 0 && events.every(({ row, id }) => row <= id - before);
      })
      .toBe(true);
    // Events the server sends from now on arrive in the new timeline.
    const sent = beta.lastId;
    await expect(session.eventRow('beta', String(sent + 3))).toBeVisible();
  });

  it('disconnecting one leaves the other running', async () => {
    const { app } = opened;
    const alpha = await app.switchTo('Alpha');
    await alpha.disconnect();
    await expect(alpha.statusText()).toHaveText('Closed');
    const shownBeta = await app.switchTo('Beta');
    // An event the server has yet to send (the newest drawn row may still be the tab's older
    // range, which the live rows then pass by more than a screen on a busy machine).
    const sent = beta.lastId;
    await expect(shownBeta.eventRow('beta', String(sent + 3))).toBeVisible();
    await expect(shownBeta.statusText()).toHaveText('Open');
    expect(feed.requests.map((request) => request.path).sort()).toEqual(['/alpha', '/beta']);
    expect(opened.errors).toEqual([]);
  });
});
